using TextInpaint.Data.Batching;
using TextInpaint.Models.Mmfl;
using TextInpaint.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace TextInpaint.Benchmarks.Workloads;

/// <summary>
/// One MMFL training step (a discriminator step, then a generator step on the loss terms, with
/// their default weights unless given) on a fixed random batch, with untrained DAMSM encoders.
/// </summary>
public sealed class MmflTrainingWorkload : IBenchmarkWorkload
{
    private readonly MmflModel model;
    private readonly PatchDiscriminator discriminator;
    private readonly MmflTrainingStep step;
    private readonly InpaintingBatch batch;

    public MmflTrainingWorkload(MmflPreset preset, int batchSize, BenchmarkDamsmSizes damsmSizes, MmflLossWeights? weights = null, int seed = 1)
    {
        manual_seed(seed);
        model = BenchmarkInputs.UntrainedModel(preset, damsmSizes);
        discriminator = new PatchDiscriminator(preset);
        step = new MmflTrainingStep(model, discriminator, weights ?? new MmflLossWeights(), new MmflOptimizerOptions());
        batch = BenchmarkInputs.InpaintingBatch(preset, batchSize, damsmSizes.VocabularySize, new Generator((ulong)seed));
    }

    public void Run() => step.Train(batch);

    public void Dispose()
    {
        step.Dispose();
        discriminator.Dispose();
        model.Dispose();
        BenchmarkInputs.Dispose(batch);
    }
}
