using TextInpaint.Baselines;
using TextInpaint.Imaging;
using TextInpaint.Models;
using TextInpaint.Models.Mmfl;
using TextInpaint.Runtime;
using TextInpaint.Storage;
using TextInpaint.Text;
using static TorchSharp.torch;

namespace TextInpaint.Inference;

/// <summary>
/// Inpaints images of any size with a trained model folder: the model runs at its own size on a
/// square around the hole (<see cref="ModelWindow"/>), and only the hole's pixels of the original
/// are replaced, by the model's fill blended with the hole's smooth fill where the two agree
/// (<see cref="SmoothFillBlend"/>). A detail model (docs/method.md section 13) fills the square at its detail side,
/// over its MMFL base's fill; the words' demand and attention are the base's. Calls are
/// thread-safe: they take turns on one lock, since one forward pass already uses every thread
/// TorchSharp is given.
/// </summary>
public sealed class Inpainter : IDisposable
{
    /// <summary>
    /// Captions longer than this (in <see cref="CharacterCount"/>) are refused, since the model reads
    /// 16 words of them: the one caption limit, which the server checks before a fill waits too.
    /// </summary>
    public const int MaxCaptionCharacters = 1_000;

    /// <summary>A caption's length as a person counts it: Unicode characters, so an emoji is one, not two UTF-16 units.</summary>
    public static int CharacterCount(string caption) => caption.EnumerateRunes().Count();

    private readonly IWindowModel model;
    private readonly CaptionEncoder encoder;
    private readonly Lock gate = new();
    private bool disposed;

    private Inpainter(IWindowModel model)
    {
        this.model = model;
        encoder = new CaptionEncoder(model.Mmfl.Damsm.Vocabulary);
    }

    /// <summary>
    /// Loads a model folder written by `textinpaint train` (weights, config, vocabulary, encoders) or by
    /// `textinpaint train-detail` (the detail stage and its base).
    /// </summary>
    public static Inpainter Load(string modelFolder, string device = "cpu")
    {
        return new Inpainter(ModelFolder.Load(modelFolder, TorchRuntime.ResolveDevice(device)));
    }

    /// <summary>The MMFL network that reads the caption: the model's own, or a detail model's base.</summary>
    public MmflConfig Config => model.Mmfl.Config;

    /// <summary>The side of the square the network works on: the detail side for a detail model.</summary>
    public int ImageSize => model.WindowSize;

    /// <summary>The words the model knows.</summary>
    public Vocabulary Vocabulary => model.Mmfl.Damsm.Vocabulary;

    /// <summary>
    /// Fills the hole of <paramref name="mask"/> (true = hole; a mask of another size is resized to the
    /// image's, with a note) in <paramref name="image"/> as <paramref name="caption"/> says. Without a
    /// <paramref name="seed"/> the generator's noise is zero, so the result is deterministic; with one,
    /// the noise is drawn from it.
    /// </summary>
    public InpaintResult Inpaint(RgbImage image, Mask mask, string caption, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(mask);
        caption ??= "";
        if (CharacterCount(caption) > MaxCaptionCharacters)
            throw new UserInputException($"the caption has {CharacterCount(caption):N0} characters; at most {MaxCaptionCharacters:N0} are accepted "
                + $"(the model reads 16 words).");

        var notes = new List<string>();
        if (mask.Width != image.Width || mask.Height != image.Height)
        {
            notes.Add($"the mask is {mask.Width}x{mask.Height} and the image {image.Width}x{image.Height}: the mask was resized to the image.");
            mask = ImageOps.Resize(mask, image.Width, image.Height);
        }
        if (ModelWindow.Around(mask, ImageSize) is not { } window)
        {
            notes.Add("the mask has no hole (white = hole): the image is returned unchanged.");
            return new InpaintResult(image.Clone(), null, null, null, [], 0, notes);
        }
        if (mask.Hole.All(h => h))
            notes.Add("the whole image is a hole: nothing around it is known, so the fill comes from the caption alone.");

        var (encoded, reading) = Read(caption, notes);
        var modelMask = window.Hole(mask);
        var modelInput = window.Input(image, mask);

        var picture = model.Mmfl.Generator.ReadsShownMatch ? ModelWindow.Picture(image, mask, model.Mmfl.WindowSize) : null;
        var (modelOutput, demand, attention, attentionSide) = Run(modelInput, modelMask, picture, encoded, seed);
        var result = SmoothFillBlend.PasteFill(window, image, mask, modelOutput);
        var read = 0;
        var uses = reading.Words.Select(w => w.State == WordState.Dropped
            ? new WordUse(w.Word, w.State, null, null)
            : new WordUse(w.Word, w.State, demand[read], attention[read++])).ToArray();
        return new InpaintResult(result, window.Window, MaskOps.GreyOut(modelInput, modelMask), modelOutput, uses, attentionSide, notes);
    }

    /// <summary>Encodes the caption as the model reads it, with notes on words it lacks or does not read.</summary>
    private (EncodedCaption Encoded, CaptionReading Reading) Read(string caption, List<string> notes)
    {
        var tokens = Tokenizer.Tokenize(caption);
        var encoded = encoder.Encode(caption);
        var reading = CaptionReading.Of(caption, Vocabulary);
        if (!Config.UsesText)
            notes.Add("this model was trained without text: the caption is not read.");
        else if (tokens.Count == 0)
            notes.Add("the caption is empty: the hole is filled from the image alone.");
        if (encoded.UnknownWords.Count > 0)
            notes.Add($"not in the model's vocabulary, read as unknown: {string.Join(", ", encoded.UnknownWords.Select(w => $"'{w}'"))}.");
        if (reading.ReadCount < tokens.Count)
            notes.Add($"the caption has {tokens.Count} words; the model reads {reading.ReadCount} of them, evenly spaced: "
                + $"\"{string.Join(' ', reading.Words.Where(w => w.State != WordState.Dropped).Select(w => w.Word))}\".");
        return (encoded, reading);
    }

    private (RgbImage Output, double[] Demand, float[][] Attention, int AttentionSide) Run(RgbImage input, Mask mask, PictureView? picture,
        EncodedCaption caption, int? seed)
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            using var scope = StepScope.Open();
            var fill = model.Fill([input], [mask], [caption], seed, picture is null ? null : [picture]);
            var image = TensorImages.ToImage(fill.Images[0]);
            var output = fill.Mmfl;
            var demand = output.WordDemand[0].cpu().to(ScalarType.Float64).data<double>().ToArray();
            var maps = (output.RegionWordAttention ?? output.SecondWordAttention)[0].cpu().contiguous();
            int side = (int)maps.shape[1];
            var attention = Enumerable.Range(0, caption.Length).Select(l => maps[l].flatten().data<float>().ToArray()).ToArray();
            return (image, demand, attention, side);
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            if (disposed) return;
            disposed = true;
            model.Dispose();
        }
    }
}
