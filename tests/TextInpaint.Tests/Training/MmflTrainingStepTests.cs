using TextInpaint.Losses;
using TextInpaint.Models.Damsm;
using TextInpaint.Models.Mmfl;
using TextInpaint.Runtime;
using TextInpaint.Storage;
using TextInpaint.Text;
using TextInpaint.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace TextInpaint.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class MmflTrainingStepTests
{
    private static readonly MmflPreset Preset = MmflPreset.Tiny;

    private static DamsmEncoders TinyDamsm()
    {
        var vocabulary = Vocabulary.Build(["a red bird with grey wings", "a blue bird"]);
        return DamsmEncoders.Create(new DamsmConfig(Preset.ImageSize, new TextEncoderOptions(vocabulary.Count, 8, Preset.WordDim / 2),
            new ImageEncoderOptions(Preset.WordDim, BaseWidth: 4), new DamsmLossOptions()), vocabulary);
    }

    private static MmflBatch Batch(int seed)
    {
        var generator = new Generator((ulong)seed);
        var images = rand([4, 3, Preset.ImageSize, Preset.ImageSize], generator: generator) * 2 - 1;
        var masks = zeros(4, 1, Preset.ImageSize, Preset.ImageSize);
        masks[.., .., 8..24, 8..24] = 1;
        var captions = randint(2, 8, [4, 16], generator: generator);
        return new MmflBatch(images, masks, captions, tensor(new long[] { 16, 9, 5, 1 }), tensor(new long[] { 1, 2, 3, 0 }));
    }

    [Fact]
    public void Training_steps_with_every_loss_term_log_each_term_and_leave_no_tensor_behind()
    {
        TorchRuntime.Initialize();
        manual_seed(3);
        using var damsm = TinyDamsm();
        using var generator = new MmflGenerator(Preset);
        using var discriminator = new PatchDiscriminator(Preset);
        var weights = new MmflLossWeights(ConditioningKl: 1);
        using var step = new MmflTrainingStep(generator, discriminator, damsm, weights, new MmflOptimizerOptions());
        using var scope = NewDisposeScope();
        var batch = Batch(5);

        var first = step.Train(batch);
        step.Train(batch);
        long live = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        for (int i = 0; i < 6; i++)
            step.Train(batch);

        Assert.Equal(live, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        foreach (var name in new[] { "gen_l1_coarse", "gen_l1_final", "gen_tga", "gen_adv", "gen_kl", "gen_damsm_word", "gen_damsm_sentence", "discr_adv", "gen_total", "hole_l1" })
            Assert.True(first.ContainsKey(name) && double.IsFinite(first[name]), $"{name} is missing or not finite");
        Assert.All(damsm.Text.parameters().Concat(damsm.Image.parameters()), p => Assert.Null(p.grad));
    }

    [Fact]
    public void A_model_without_text_sees_the_same_input_whatever_the_caption()
    {
        TorchRuntime.Initialize();
        manual_seed(4);
        using var damsm = TinyDamsm();
        using var generator = new MmflGenerator(Preset);
        generator.eval();
        using var scope = NewDisposeScope();
        var batch = Batch(6);
        var otherCaptions = batch with { Captions = batch.Captions.flip(0) };
        using var noGrad = no_grad();

        var a = MmflTrainingStep.Generate(generator, MmflTrainingStep.TextFeaturesOf(damsm, batch, useText: false), batch, GeneratorNoise.Zero(Preset, 4, CPU));
        var b = MmflTrainingStep.Generate(generator, MmflTrainingStep.TextFeaturesOf(damsm, otherCaptions, useText: false), otherCaptions, GeneratorNoise.Zero(Preset, 4, CPU));
        var c = MmflTrainingStep.Generate(generator, MmflTrainingStep.TextFeaturesOf(damsm, otherCaptions, useText: true), otherCaptions, GeneratorNoise.Zero(Preset, 4, CPU));

        Assert.True(a.CompositedFinal.allclose(b.CompositedFinal, rtol: 0, atol: 0));
        Assert.False(a.CompositedFinal.allclose(c.CompositedFinal, rtol: 0, atol: 1e-6));
    }
}
