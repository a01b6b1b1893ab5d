using TextInpaint.Models.Mmfl;
using TorchSharp;
using static TorchSharp.torch;

namespace TextInpaint.Benchmarks.Workloads;

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
        input = new MmflInput(BenchmarkInputs.Images(batchSize, preset.ImageSize, random), BenchmarkInputs.CentreHoles(batchSize, preset.ImageSize),
            tokens, lengths);
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
