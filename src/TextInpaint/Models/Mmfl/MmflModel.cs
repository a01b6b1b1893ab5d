using TextInpaint.Imaging;
using TextInpaint.Models.Damsm;
using TextInpaint.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace TextInpaint.Models.Mmfl;

/// <summary>The model a run took its initial generator weights from.</summary>
/// <param name="Model">That model folder's name.</param>
/// <param name="Steps">The training steps its generator had seen, its own initial weights' included.</param>
public sealed record MmflInitialWeights(string Model, long Steps);

/// <summary>What the generator is given for a batch.</summary>
/// <param name="Images">Images [B,3,S,S] in [-1, 1]; what they hold in the hole is never read.</param>
/// <param name="Masks">Holes [B,1,S,S], 1 on the hole.</param>
/// <param name="Captions">Word ids [B,16], padded with 0.</param>
/// <param name="CaptionLengths">Words per caption [B].</param>
public sealed record MmflInput(Tensor Images, Tensor Masks, Tensor Captions, Tensor CaptionLengths)
{
    /// <summary>
    /// The whole pictures the images were cut from as windows, [B,3,S,S] at the model's size
    /// (<see cref="ModelWindow.Picture"/>; what they hold in the hole is never read), and their holes
    /// [B,1,S,S]: where a Word Demand Module that reads the shown match looks. Null when the images
    /// are the whole pictures.
    /// </summary>
    public Tensor? Pictures { get; init; }

    /// <inheritdoc cref="Pictures"/>
    public Tensor? PictureHoles { get; init; }

    /// <summary>
    /// Images, holes and encoded captions at the model's size as one batch on <paramref name="device"/>,
    /// with the whole pictures the images were cut from when given.
    /// </summary>
    public static MmflInput Of(IReadOnlyList<RgbImage> images, IReadOnlyList<Mask> masks, IReadOnlyList<EncodedCaption> captions, Device device,
        IReadOnlyList<PictureView>? pictures = null)
    {
        var (whole, holes) = pictures is null ? (null, null) : TensorImages.Stack(pictures, device);
        return new(
            stack(images.Select(TensorImages.ToTensor)).to(device),
            stack(masks.Select(TensorImages.ToTensor)).to(device),
            stack(captions.Select(c => tensor(c.Ids))).to(device),
            tensor(captions.Select(c => (long)c.Length).ToArray()).to(device))
        {
            Pictures = whole, PictureHoles = holes,
        };
    }
}

/// <summary>
/// A trained inpainting model: the generator with its config and its DAMSM encoders and
/// vocabulary, on one device. <see cref="Generate(MmflInput, GeneratorNoise)"/> is the one way
/// to run it, for inference, evaluation, benchmarks and training alike. As a model that fills
/// windows (<see cref="IWindowModel"/>) it works at its own size and is its own MMFL network.
/// </summary>
public sealed class MmflModel(MmflConfig config, DamsmEncoders damsm, MmflGenerator generator, Device device) : IWindowModel
{
    public MmflConfig Config { get; } = config;
    public DamsmEncoders Damsm { get; } = damsm;
    public MmflGenerator Generator { get; } = generator;
    public Device Device { get; } = device;

    /// <summary>
    /// The frozen DAMSM text encoder's features of caption ids [B,L] with lengths [B], without
    /// gradients; for a model trained without text, zeros of the same shape (the generator then
    /// sees no caption at all).
    /// </summary>
    public TextFeatures ReadCaptions(Tensor captions, Tensor lengths)
    {
        using var noGrad = no_grad();
        var text = Damsm.Text.forward(captions, lengths);
        return Config.UsesText ? text : new TextFeatures(zeros_like(text.Words), zeros_like(text.Sentence));
    }

    /// <summary>Runs the generator on the masked images of <paramref name="input"/> with its captions read by <see cref="ReadCaptions"/>.</summary>
    public MmflOutput Generate(MmflInput input, GeneratorNoise noise) =>
        Generate(input, ReadCaptions(input.Captions, input.CaptionLengths), noise);

    /// <summary>
    /// Runs the generator on the masked images of <paramref name="input"/> with text features already read (training
    /// reuses them for its losses).
    /// </summary>
    public MmflOutput Generate(MmflInput input, TextFeatures text, GeneratorNoise noise)
    {
        var masked = input.Images * (1 - input.Masks);
        Tensor? shownMatch = null;
        if (Generator.ReadsShownMatch)
            shownMatch = ShownMatch(input.Pictures is { } pictures ? pictures * (1 - input.PictureHoles!) : masked, text, input.CaptionLengths);
        return Generator.forward(masked, input.Masks, new GeneratorCaption(text.Words, text.Sentence, input.CaptionLengths, shownMatch), noise);
    }

    /// <summary>
    /// Each word's match with the masked picture as the frozen DAMSM encoders read it, without
    /// gradients: what a Word Demand Module that reads it is given. Zero for a model trained
    /// without text, which sees no caption.
    /// </summary>
    private Tensor ShownMatch(Tensor masked, TextFeatures text, Tensor lengths)
    {
        using var noGrad = no_grad();
        if (!Config.UsesText)
            return zeros(text.Words.shape[0], text.Words.shape[2], device: masked.device);
        var regions = Damsm.Image.forward(masked).Regions;
        return Damsm.Config.Matching.OwnWordRelevance(regions, text.Words, lengths);
    }

    /// <summary>
    /// Inference on a batch of images at the model's size, without gradients, with zero noise or
    /// noise drawn from <paramref name="seed"/> (a loaded model is in evaluation mode). Call it inside a
    /// <c>StepScope</c>; the output's tensors die with it.
    /// </summary>
    public MmflOutput Inpaint(IReadOnlyList<RgbImage> images, IReadOnlyList<Mask> masks, IReadOnlyList<EncodedCaption> captions, int? seed = null,
        IReadOnlyList<PictureView>? pictures = null)
    {
        using var noGrad = no_grad();
        var input = MmflInput.Of(images, masks, captions, Device, pictures);
        return Generate(input, NoiseFor(images.Count, seed));
    }

    MmflModel IWindowModel.Mmfl => this;

    public int WindowSize => Config.Preset.ImageSize;

    /// <summary><see cref="Inpaint"/> on windows at the model's size: its composited final output.</summary>
    public WindowFill Fill(IReadOnlyList<RgbImage> windows, IReadOnlyList<Mask> holes, IReadOnlyList<EncodedCaption> captions, int? seed = null,
        IReadOnlyList<PictureView>? pictures = null)
    {
        var output = Inpaint(windows, holes, captions, seed, pictures);
        return new WindowFill(output.CompositedFinal, output);
    }

    private GeneratorNoise NoiseFor(int batch, int? seed)
    {
        if (seed is not { } s)
            return GeneratorNoise.Zero(Config.Preset, batch, Device);
        using var random = new torch.Generator((ulong)s);
        return GeneratorNoise.Sample(Config.Preset, batch, Device, random);
    }

    public void Dispose()
    {
        Generator.Dispose();
        Damsm.Dispose();
    }
}
