using TextInpaint.Data.Batching;
using TextInpaint.Data.Masks;
using TextInpaint.Losses;
using TextInpaint.Models.Damsm;
using TextInpaint.Models.Mmfl;
using TextInpaint.Runtime;
using TextInpaint.Text;
using TextInpaint.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace TextInpaint.Tests.Training;

/// <summary>
/// <see cref="MmflTrainingStep"/> itself on tiny seeded batches. The tests run libtorch on one
/// thread: on a busy machine its two threads wait for each other at every one of the many small
/// operations (150 tiny steps took 73 s instead of 3 s).
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class MmflTrainingStepTests : IDisposable
{
    private static readonly MmflPreset Preset = MmflPreset.Tiny;
    private readonly int threads;

    public MmflTrainingStepTests()
    {
        TorchRuntime.Initialize();
        threads = get_num_threads();
        set_num_threads(1);
    }

    public void Dispose() => set_num_threads(threads);

    private static MmflModel TinyModel(bool usesText = true, MmflPreset? preset = null)
    {
        preset ??= Preset;
        var vocabulary = Vocabulary.Build(["a red bird with grey wings", "a blue bird"]);
        var damsm = DamsmEncoders.Create(new DamsmConfig(preset.ImageSize, new TextEncoderOptions(vocabulary.Count, 8, preset.WordDim / 2),
            new ImageEncoderOptions(preset.WordDim, BaseWidth: 4), new DamsmMatchingOptions()), vocabulary);
        return new MmflModel(new MmflConfig(preset, usesText), damsm, new MmflGenerator(preset), CPU);
    }

    private static InpaintingBatch Batch(int seed, int size = 4)
    {
        var generator = new Generator((ulong)seed);
        var images = rand([size, 3, Preset.ImageSize, Preset.ImageSize], generator: generator) * 2 - 1;
        var masks = zeros(size, 1, Preset.ImageSize, Preset.ImageSize);
        masks[.., .., 8..24, 8..24] = 1;
        var captions = randint(2, 8, [size, 16], generator: generator);
        var lengths = tensor(new long[] { 16, 9, 5, 1 }[..size]);
        return new InpaintingBatch(images, masks, captions, lengths, tensor(new long[] { 1, 2, 3, 0 }[..size]));
    }

    [Fact]
    public void Training_steps_with_every_loss_term_log_each_term_and_leave_no_tensor_behind()
    {
        manual_seed(3);
        using var model = TinyModel();
        using var discriminator = new PatchDiscriminator(Preset);
        using var step = new MmflTrainingStep(model, discriminator, new MmflLossWeights(ConditioningKl: 1, WordDemand: 0.1), new MmflOptimizerOptions());
        using var scope = NewDisposeScope();
        var batch = Batch(5);

        IReadOnlyDictionary<string, double> TrainInScope()
        {
            using var stepScope = StepScope.Open();
            return step.Train(batch);
        }
        var first = TrainInScope();
        TrainInScope();
        long live = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        for (int i = 0; i < 6; i++)
            TrainInScope();

        Assert.Equal(live, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        foreach (var name in new[] { "gen_l1_coarse", "gen_l1_final", "gen_tga", "gen_adv", "gen_kl", "gen_word_demand", "gen_damsm_word",
                     "gen_damsm_sentence", "discr_adv", "gen_total", "hole_l1" })
            Assert.True(first.ContainsKey(name) && double.IsFinite(first[name]), $"{name} is missing or not finite");
        Assert.All(model.Damsm.Text.parameters().Concat(model.Damsm.Image.parameters()), p => Assert.Null(p.grad));
    }

    [Fact]
    public void The_perceptual_term_alone_trains_the_generator_and_leaves_no_tensor_behind()
    {
        manual_seed(3);
        using var model = TinyModel();
        using var discriminator = new PatchDiscriminator(Preset);
        var weights = new MmflLossWeights(CoarseL1: 0, FinalL1: 0, TextAttention: 0, Adversarial: 0, DamsmWord: 0, DamsmSentence: 0, Perceptual: 1);
        using var step = new MmflTrainingStep(model, discriminator, weights, new MmflOptimizerOptions(LearningRate: 1e-3));
        using var scope = NewDisposeScope();
        var batch = Batch(5);
        var before = model.Generator.parameters().Select(p => p.detach().clone()).ToList();

        IReadOnlyDictionary<string, double> TrainInScope()
        {
            using var stepScope = StepScope.Open();
            return step.Train(batch);
        }
        var first = TrainInScope();
        TrainInScope();
        long live = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        for (int i = 0; i < 3; i++)
            TrainInScope();

        Assert.Equal(live, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        Assert.Equal(["gen_perceptual", "gen_total", "hole_l1"], first.Keys.Order());
        Assert.InRange(first["gen_perceptual"], 1e-6, 4);
        Assert.Contains(before.Zip(model.Generator.parameters()), pair => !pair.First.allclose(pair.Second, rtol: 0, atol: 0));
    }

    [Fact]
    public void With_the_parts_map_the_tga_term_weights_by_the_batchs_named_parts_and_the_l1_stays()
    {
        var plain = StepWithPartsMap(withParts: false, namedPartWeight: 1);
        var parts = StepWithPartsMap(withParts: true, namedPartWeight: 1);

        Assert.Equal(plain.FinalL1, parts.FinalL1, 6);
        Assert.True(Math.Abs(plain.Tga - parts.Tga) > 1e-4 * plain.Tga, $"gen_tga {plain.Tga} with and without named parts");
    }

    [Fact]
    public void The_named_part_weight_sets_how_much_of_the_tga_term_the_named_parts_take()
    {
        var even = StepWithPartsMap(withParts: true, namedPartWeight: 0);
        var half = StepWithPartsMap(withParts: true, namedPartWeight: 1);
        var more = StepWithPartsMap(withParts: true, namedPartWeight: 3);

        Assert.Equal(even.FinalL1, even.Tga, 6); // an even map: the TGA term is the final L1 again
        Assert.Equal(even.FinalL1, more.FinalL1, 6);
        Assert.True(Math.Abs(half.Tga - even.Tga) > 1e-4 * even.Tga, $"gen_tga {half.Tga} at weight 1, {even.Tga} at 0");
        Assert.True(Math.Abs(more.Tga - half.Tga) > 1e-4 * half.Tga, $"gen_tga {more.Tga} at weight 3, {half.Tga} at 1");
    }

    [Fact]
    public void The_named_part_margin_reaches_the_tga_term_and_leaves_the_l1()
    {
        var own = StepWithPartsMap(withParts: true, namedPartWeight: 1);
        var around = StepWithPartsMap(withParts: true, namedPartWeight: 1, namedPartMargin: 2);

        Assert.Equal(own.FinalL1, around.FinalL1, 6);
        Assert.True(Math.Abs(around.Tga - own.Tga) > 1e-4 * own.Tga, $"gen_tga {around.Tga} with a margin of 2, {own.Tga} without");
    }

    /// <summary>The first step's final L1 and TGA term with the TGA map from the named parts, on a batch given two named parts or none.</summary>
    private static (double FinalL1, double Tga) StepWithPartsMap(bool withParts, double namedPartWeight, int namedPartMargin = 0)
    {
        var preset = Preset;
        manual_seed(4);
        using var model = TinyModel(preset: preset);
        using var discriminator = new PatchDiscriminator(preset);
        using var step = new MmflTrainingStep(model, discriminator, new MmflLossWeights(NamedParts: namedPartWeight, NamedPartMargin: namedPartMargin),
            new MmflOptimizerOptions());
        using var scope = NewDisposeScope();
        var batch = Batch(6);
        if (withParts)
        {
            var parts = zeros(4, 1, preset.ImageSize, preset.ImageSize, dtype: ScalarType.Int64);
            parts[.., .., 10..12, 10..12] = tensor(8L);
            parts[.., .., 14..24, 8..24] = tensor(5L);
            batch = batch with { NamedParts = parts };
        }
        var figures = step.Train(batch);
        return (figures["gen_l1_final"], figures["gen_tga"]);
    }

    [Theory]
    [InlineData(true, false, false, new[] { "gen_tga" })]
    [InlineData(false, true, false, new[] { "gen_damsm_word", "gen_damsm_sentence" })]
    [InlineData(false, false, true, new[] { "gen_adv", "discr_adv" })]
    [InlineData(true, true, false, new[] { "gen_tga", "gen_damsm_word", "gen_damsm_sentence" })]
    public void An_ablation_switch_takes_its_loss_terms_out_of_the_step_and_leaves_the_others(
        bool noTextAttention, bool noMatching, bool noAdversarial, string[] removed)
    {
        manual_seed(4);
        using var model = TinyModel();
        using var discriminator = new PatchDiscriminator(Preset);
        var weights = new MmflLossWeights().Without(textAttention: noTextAttention, matching: noMatching, adversarial: noAdversarial);
        using var step = new MmflTrainingStep(model, discriminator, weights, new MmflOptimizerOptions());
        using var scope = NewDisposeScope();

        var figures = step.Train(Batch(6));

        string[] all = ["gen_l1_coarse", "gen_l1_final", "gen_tga", "gen_adv", "gen_damsm_word", "gen_damsm_sentence", "discr_adv"];
        Assert.Equal(all.Except(removed).Order(), figures.Keys.Intersect(all).Order());
    }

    [Fact]
    public void One_tiny_batch_is_overfitted_within_150_steps_of_the_real_step()
    {
        manual_seed(21);
        using var model = TinyModel();
        using var discriminator = new PatchDiscriminator(Preset);
        var weights = new MmflLossWeights(Adversarial: 0, DamsmWord: 0, DamsmSentence: 0, ConditioningKl: 1);
        using var step = new MmflTrainingStep(model, discriminator, weights, new MmflOptimizerOptions(LearningRate: 1e-3));
        using var scope = NewDisposeScope();
        var batch = Batch(7, size: 1);

        double first = step.Train(batch)["hole_l1"], last = first;
        for (int i = 1; i < 150; i++)
            last = step.Train(batch)["hole_l1"];

        Assert.True(last < 0.3 * first, $"hole L1 fell from {first} to {last} only");
    }

    [Fact]
    public void A_model_without_text_sees_the_same_input_whatever_the_caption()
    {
        manual_seed(4);
        using var withoutText = TinyModel(usesText: false);
        var generator = withoutText.Generator;
        generator.eval();
        using var scope = NewDisposeScope();
        var batch = Batch(6);
        var input = MmflTrainingStep.InputOf(batch);
        var otherCaptions = input with { Captions = batch.Captions.flip(0) };
        using var noGrad = no_grad();
        // The same networks, disposed with withoutText.
        var withText = new MmflModel(withoutText.Config with { UsesText = true }, withoutText.Damsm, generator, CPU);

        var a = withoutText.Generate(input, GeneratorNoise.Zero(Preset, 4, CPU));
        var b = withoutText.Generate(otherCaptions, GeneratorNoise.Zero(Preset, 4, CPU));
        var c = withText.Generate(otherCaptions, GeneratorNoise.Zero(Preset, 4, CPU));

        Assert.True(a.CompositedFinal.allclose(b.CompositedFinal, rtol: 0, atol: 0));
        Assert.False(a.CompositedFinal.allclose(c.CompositedFinal, rtol: 0, atol: 1e-6));
    }

    [Fact]
    public void A_module_that_reads_the_shown_match_is_given_each_words_DAMSM_match_with_the_masked_image_and_learns_its_weight()
    {
        manual_seed(7);
        var preset = Preset with { IndependentWordGates = true, WordDemandReadsShownMatch = true };
        using var model = TinyModel(preset: preset);
        using var discriminator = new PatchDiscriminator(preset);
        using var scope = NewDisposeScope();
        var batch = Batch(8);
        var input = MmflTrainingStep.InputOf(batch);
        var bias = model.Generator.named_parameters().Single(p => p.name == "wordDemand.shownMatchWeight.bias").parameter;
        foreach (var network in new torch.nn.Module[] { model.Generator, model.Damsm.Text, model.Damsm.Image })
            network.eval();   // as loaded: no dropout in the text encoder
        Tensor shift, match, shown;
        using (no_grad())
        {
            var before = model.Generate(input, GeneratorNoise.Zero(preset, 4, CPU)).WordDemand;
            bias.fill_(2 / WordDemandModule.ShownMatchGain);
            var output = model.Generate(input, GeneratorNoise.Zero(preset, 4, CPU));
            var after = output.WordDemand;
            shown = output.ShownMatch!;
            bias.fill_(0);
            shift = (after.logit() - before.logit())[0];   // caption 0: 16 real words
            var text = model.ReadCaptions(batch.Captions, batch.CaptionLengths);
            var regions = model.Damsm.Image.forward(batch.Images * (1 - batch.Masks)).Regions;
            match = model.Damsm.Config.Matching.OwnWordRelevance(regions, text.Words, batch.CaptionLengths)[0];
        }
        Assert.True(shown[0].allclose(match, rtol: 0, atol: 1e-6), "the output carries the match the module read, for the demand term");
        Assert.True(shift.allclose(2 * match, rtol: 0, atol: 1e-3),
            $"each gate's logit moves by the weight times the word's match: {shift.str()} against {match.str()}");

        using var step = new MmflTrainingStep(model, discriminator, new MmflLossWeights(WordDemand: 1), new MmflOptimizerOptions());
        for (int i = 0; i < 3; i++)
        {
            using var stepScope = StepScope.Open();
            step.Train(batch);
        }
        Assert.True(bias.abs().item<float>() > 0, "the demand term trains the word weight");
        Assert.All(model.Damsm.Text.parameters().Concat(model.Damsm.Image.parameters()), p => Assert.Null(p.grad));
    }

    [Fact]
    public void Beside_a_window_the_module_reads_each_words_match_with_the_whole_masked_picture_and_the_demand_term_takes_it_from_there()
    {
        manual_seed(8);
        var preset = Preset with { IndependentWordGates = true, WordDemandReadsShownMatch = true };
        using var model = TinyModel(preset: preset);
        using var discriminator = new PatchDiscriminator(preset);
        using var scope = NewDisposeScope();
        var plain = Batch(8);
        var pictures = rand_like(plain.Images) * 2 - 1;
        var pictureHoles = zeros_like(plain.Masks);
        pictureHoles[TensorIndex.Colon, TensorIndex.Colon, TensorIndex.Slice(0, 3), TensorIndex.Slice(0, 3)] = 1;
        var batch = plain with { Pictures = pictures, PictureHoles = pictureHoles };
        foreach (var network in new torch.nn.Module[] { model.Generator, model.Damsm.Text, model.Damsm.Image })
            network.eval();
        Tensor shown, match, window;
        using (no_grad())
        {
            shown = model.Generate(MmflTrainingStep.InputOf(batch), GeneratorNoise.Zero(preset, 4, CPU)).ShownMatch!;
            var text = model.ReadCaptions(batch.Captions, batch.CaptionLengths);
            var lengths = batch.CaptionLengths;
            match = model.Damsm.Config.Matching.OwnWordRelevance(model.Damsm.Image.forward(pictures * (1 - pictureHoles)).Regions, text.Words, lengths);
            window = model.Damsm.Config.Matching.OwnWordRelevance(model.Damsm.Image.forward(plain.Images * (1 - plain.Masks)).Regions, text.Words, lengths);
        }
        Assert.True(shown.allclose(match, rtol: 0, atol: 1e-6), "the match is the masked picture's");
        Assert.False(shown.allclose(window, rtol: 0, atol: 1e-3), "not the window's");

        using var step = new MmflTrainingStep(model, discriminator, new MmflLossWeights(WordDemand: 1), new MmflOptimizerOptions());
        using var stepScope = StepScope.Open();
        Assert.True(double.IsFinite(step.Train(batch)["gen_word_demand"]));
    }
}
