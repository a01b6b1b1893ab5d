using TextInpaint.Models.Detail;
using TextInpaint.Models.Mmfl;
using TorchSharp;
using static TorchSharp.torch;

namespace TextInpaint.Benchmarks.Workloads;

/// <summary>
/// A window filled by a detail model's networks as inference does it (<see cref="DetailModel.Fill"/> without
/// its image conversions): the text encoder and the MMFL generator on the window at the base's side, its fill
/// upsampled, and the detail generator on the whole window; untrained weights, evaluation mode, no gradients,
/// zero noise.
/// </summary>
public sealed class DetailInferenceWorkload : IBenchmarkWorkload
{
    private readonly DetailModel model;
    private readonly MmflInput baseInput;
    private readonly Tensor windows, holes;
    private readonly GeneratorNoise noise;

    public DetailInferenceWorkload(MmflPreset basePreset, int side, DetailNetwork network, int batchSize, BenchmarkDamsmSizes damsmSizes, int seed = 1)
    {
        manual_seed(seed);
        var baseModel = BenchmarkInputs.UntrainedModel(basePreset, damsmSizes);
        baseModel.Damsm.Text.eval();
        baseModel.Generator.eval();
        var generator = new DetailGenerator(network);
        generator.eval();
        model = new DetailModel(new DetailConfig(side, network, "untrained"), baseModel, generator, CPU);
        var random = new Generator((ulong)seed);
        var (tokens, lengths) = BenchmarkInputs.Captions(batchSize, damsmSizes.VocabularySize, random);
        baseInput = new MmflInput(BenchmarkInputs.Images(batchSize, basePreset.ImageSize, random), BenchmarkInputs.CentreHoles(batchSize, basePreset.ImageSize),
            tokens, lengths);
        windows = BenchmarkInputs.Images(batchSize, side, random);
        holes = BenchmarkInputs.CentreHoles(batchSize, side);
        noise = GeneratorNoise.Zero(basePreset, batchSize, CPU);
    }

    public void Run()
    {
        using var noGrad = no_grad();
        var baseFill = model.Base.Generate(baseInput, noise).CompositedFinal;
        model.Paint(windows, holes, DetailModel.Upsample(baseFill, model.Config.Side));
    }

    public void Dispose()
    {
        model.Dispose();
        foreach (var tensor in new[] { baseInput.Images, baseInput.Masks, baseInput.Captions, baseInput.CaptionLengths, windows, holes })
            tensor.Dispose();
        noise.Latent.Dispose();
        noise.ConditioningEpsilon.Dispose();
    }
}
