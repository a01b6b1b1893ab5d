using TextInpaint.Losses;
using TextInpaint.Models.Mmfl;
using TextInpaint.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TextInpaint.Tests.Models.Mmfl;

/// <summary>
/// The generator (and discriminator) trained on one tiny batch with MMFL's losses except DAMSM's.
/// The tests run libtorch on one thread: on a busy machine its two threads wait for each other
/// at every one of the many small operations (150 tiny steps took 73 s instead of 3 s).
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class MmflTrainingStepTests : IDisposable
{
    private readonly int threads;

    public MmflTrainingStepTests()
    {
        TorchRuntime.Initialize();
        threads = get_num_threads();
        set_num_threads(1);
    }

    public void Dispose() => set_num_threads(threads);

    private sealed class Trainer(MmflPreset preset) : IDisposable
    {
        public MmflGenerator Generator { get; } = new(preset);
        public PatchDiscriminator Discriminator { get; } = new(preset);
        private Adam? optimizerG;
        private Adam? optimizerD;

        /// <summary>
        /// One discriminator step (when adversarial) then one generator step; returns the hole L1
        /// of the composited result before the step.
        /// </summary>
        public float Step(MmflTestBatch batch, bool adversarial)
        {
            optimizerG ??= optim.Adam(Generator.parameters(), lr: 1e-3, beta1: 0.5, beta2: 0.999);
            optimizerD ??= optim.Adam(Discriminator.parameters(), lr: 1e-3, beta1: 0.5, beta2: 0.999);
            using var scope = NewDisposeScope();
            var output = batch.Run(Generator);
            var truth = batch.Image;

            var generated = output.CompositedFinal;
            var generatorLoss = Reconstruction.L1(output.CompositedCoarse, truth)
                + Reconstruction.L1(generated, truth)
                + TextGuidedAttention.Loss(output.TextAttention, generated, truth)
                + output.ConditioningKl;
            if (adversarial)
            {
                // Discriminator: r = D(x, z_hat), f = D(z_hat, x), z_hat detached.
                var fake = generated.detach();
                var discriminatorLoss = RelativisticLsgan.DiscriminatorLoss(Discriminator.forward(truth, fake), Discriminator.forward(fake, truth));
                optimizerD.zero_grad();
                discriminatorLoss.backward();
                optimizerD.step();
                generatorLoss += 0.002 * RelativisticLsgan.GeneratorLoss(Discriminator.forward(truth, generated), Discriminator.forward(generated, truth));
            }
            optimizerG.zero_grad();
            generatorLoss.backward();
            optimizerG.step();
            return Reconstruction.HoleL1(output.CompositedFinal, truth, batch.Mask).ToSingle();
        }

        public void Dispose()
        {
            optimizerG?.Dispose();
            optimizerD?.Dispose();
            Generator.Dispose();
            Discriminator.Dispose();
        }
    }

    [Fact]
    public void One_tiny_batch_is_overfitted_within_150_steps()
    {
        using var scope = NewDisposeScope();
        manual_seed(21);
        using var trainer = new Trainer(MmflPreset.Tiny);
        var batch = MmflTestBatch.Make(MmflPreset.Tiny, batch: 1, seed: 7);

        float first = trainer.Step(batch, adversarial: false);
        float last = first;
        for (int step = 1; step < 150; step++)
            last = trainer.Step(batch, adversarial: false);

        Assert.True(last < 0.3f * first, $"hole L1 fell from {first} to {last} only");
    }

    [Fact]
    public void Generator_and_discriminator_steps_leave_no_tensor_behind()
    {
        using var scope = NewDisposeScope();
        manual_seed(22);
        using var trainer = new Trainer(MmflPreset.Tiny);
        var batch = MmflTestBatch.Make(MmflPreset.Tiny, batch: 1, seed: 8);
        trainer.Step(batch, adversarial: true);
        trainer.Step(batch, adversarial: true); // the optimisers' state exists from here on

        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        for (int step = 0; step < 8; step++)
            trainer.Step(batch, adversarial: true);

        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }
}
