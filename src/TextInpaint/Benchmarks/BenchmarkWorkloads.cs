using TextInpaint.Data.Batching;
using TextInpaint.Data.Masks;
using TextInpaint.Losses;
using TextInpaint.Models.Damsm;
using TextInpaint.Models.Mmfl;
using TextInpaint.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace TextInpaint.Benchmarks;

/// <summary>A piece of work to time: models and inputs are made when it is built, <see cref="Run"/> does one unit of work.</summary>
public interface IBenchmarkWorkload : IDisposable
{
    void Run();
}

/// <summary>Random inputs of the right shapes for the benchmarks, drawn from a seeded generator.</summary>
public static class BenchmarkInputs
{
    public const int CaptionLength = 16, ShortestCaption = 8;

    /// <summary>Images [B,3,S,S] uniform in [-1, 1].</summary>
    public static Tensor Images(int batch, int size, Generator random) =>
        rand([batch, 3, size, size], generator: random) * 2 - 1;

    /// <summary>Holes [B,1,S,S]: the centre square of half the side (a quarter of the image).</summary>
    public static Tensor CentreHoles(int batch, int size)
    {
        var masks = zeros(batch, 1, size, size);
        masks[.., .., (size / 4)..(3 * size / 4), (size / 4)..(3 * size / 4)] = 1;
        return masks;
    }

    /// <summary>Token ids [B,16] of random words (ids 2 and up) with 8 to 16 real words each, padded with 0, and the lengths [B].</summary>
    public static (Tensor Tokens, Tensor Lengths) Captions(int batch, int vocabularySize, Generator random)
    {
        var lengths = randint(ShortestCaption, CaptionLength + 1, [batch], dtype: ScalarType.Int64, generator: random);
        var words = randint(Vocabulary.UnknownIndex + 1, vocabularySize, [batch, CaptionLength], dtype: ScalarType.Int64, generator: random);
        var real = arange(CaptionLength, dtype: ScalarType.Int64).unsqueeze(0) < lengths.unsqueeze(1);
        return (words * real, lengths);
    }

    /// <summary>One class per pair, so every other pair of a batch is a negative in the DAMSM loss.</summary>
    public static Tensor DistinctClasses(int batch) => arange(batch, dtype: ScalarType.Int64);

    /// <summary>A vocabulary of <paramref name="count"/> entries (the two special tokens and made-up words).</summary>
    public static Vocabulary MadeUpVocabulary(int count) =>
        Vocabulary.Build([string.Join(' ', Enumerable.Range(0, count - 2).Select(i => $"w{i}"))]);

    public static InpaintingBatch InpaintingBatch(MmflPreset preset, int batch, int vocabularySize, Generator random)
    {
        var (tokens, lengths) = Captions(batch, vocabularySize, random);
        return new InpaintingBatch(Images(batch, preset.ImageSize, random), CentreHoles(batch, preset.ImageSize), tokens, lengths, DistinctClasses(batch));
    }

    /// <summary>A model of <paramref name="preset"/> with untrained weights and untrained DAMSM encoders, on the CPU.</summary>
    public static MmflModel UntrainedModel(MmflPreset preset, BenchmarkDamsmSizes damsmSizes) => new(
        new MmflConfig(preset, UsesText: true),
        DamsmEncoders.Create(damsmSizes.ConfigFor(preset), MadeUpVocabulary(damsmSizes.VocabularySize)),
        new MmflGenerator(preset),
        CPU);

    public static void Dispose(InpaintingBatch batch)
    {
        foreach (var tensor in new[] { batch.Images, batch.Masks, batch.Captions, batch.CaptionLengths, batch.ClassIds })
            tensor.Dispose();
    }
}

/// <summary>Sizes of the untrained DAMSM encoders an MMFL benchmark uses: their features have the preset's word size.</summary>
public sealed record BenchmarkDamsmSizes(int VocabularySize, int EmbeddingSize, int ImageEncoderWidth)
{
    public DamsmConfig ConfigFor(MmflPreset preset) => new(
        preset.ImageSize,
        new TextEncoderOptions(VocabularySize, EmbeddingSize, HiddenPerDirection: preset.WordDim / 2),
        new ImageEncoderOptions(FeatureSize: preset.WordDim, BaseWidth: ImageEncoderWidth),
        new DamsmMatchingOptions());
}

/// <summary>
/// Inpainting one batch as inference does it: the DAMSM text encoder's features of the captions,
/// then the generator's forward pass with zero noise, in evaluation mode and without gradients.
/// </summary>
public sealed class GeneratorInferenceWorkload : IBenchmarkWorkload
{
    private readonly MmflModel model;
    private readonly MmflInput input;
    private readonly GeneratorNoise noise;

    public GeneratorInferenceWorkload(MmflPreset preset, int batchSize, BenchmarkDamsmSizes damsmSizes, int seed = 1)
    {
        manual_seed(seed);
        model = BenchmarkInputs.UntrainedModel(preset, damsmSizes);
        model.Damsm.Text.eval();
        model.Generator.eval();
        var random = new Generator((ulong)seed);
        var (tokens, lengths) = BenchmarkInputs.Captions(batchSize, damsmSizes.VocabularySize, random);
        input = new MmflInput(BenchmarkInputs.Images(batchSize, preset.ImageSize, random), BenchmarkInputs.CentreHoles(batchSize, preset.ImageSize), tokens, lengths);
        noise = GeneratorNoise.Zero(preset, batchSize, CPU);
    }

    public void Run()
    {
        using var noGrad = no_grad();
        model.Generate(input, noise);
    }

    public void Dispose()
    {
        model.Dispose();
        foreach (var tensor in new[] { input.Images, input.Masks, input.Captions, input.CaptionLengths })
            tensor.Dispose();
        noise.Latent.Dispose();
        noise.ConditioningEpsilon.Dispose();
    }
}

/// <summary>Loading a model folder as `textinpaint inpaint` does, and disposing of it.</summary>
public sealed class ModelLoadWorkload(string folder) : IBenchmarkWorkload
{
    public void Run()
    {
        using var inpainter = Inference.Inpainter.Load(folder);
    }

    public void Dispose() { }
}

/// <summary>One call of <see cref="Inference.Inpainter.Inpaint"/> on a 640x480 picture with a 160x120 hole and a caption.</summary>
public sealed class InpaintWorkload : IBenchmarkWorkload
{
    private readonly Inference.Inpainter inpainter;
    private readonly Imaging.RgbImage image;
    private readonly Imaging.Mask mask = Imaging.Mask.Box(640, 480, 240, 180, 160, 120);

    public InpaintWorkload(string folder)
    {
        inpainter = Inference.Inpainter.Load(folder);
        var bird = Data.SynthBirds.SynthBirdsGenerator.Generate(seed: 7, 0, 64).Rendered.Image;
        image = Imaging.ImageOps.Resize(bird, 640, 480);
    }

    public void Run() => inpainter.Inpaint(image, mask, "this bird has a red crown and grey wings");

    public void Dispose() => inpainter.Dispose();
}
