using TextInpaint.Imaging;
using TextInpaint.Models.Damsm;
using TextInpaint.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace TextInpaint.Models.Mmfl;

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
