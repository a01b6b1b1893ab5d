using TextInpaint.Models.Detail;
using TextInpaint.Storage;
using TextInpaint.Tests.TestData;
using TextInpaint.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace TextInpaint.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class DetailTrainerTests(TinyModel tiny)
{
    /// <summary>A run at side 64 on crops of 32 over the tiny base, 4 steps an epoch, watched on 4 test windows.</summary>
    private DetailRunOptions Options(TempFolder temp, string output) => new(
        new DetailRecipe(tiny.Data, tiny.Folder, SourceSize: 64, Crop: 32, BatchSize: 8, Epochs: 1), temp.Combine(output), Side: 64,
        CheckpointEvery: 2, SampleEvery: 2, LogEvery: 1, ValidationImages: 4) { Network = TinyDetailModel.Network };

    private static DetailRunOptions WithEpochs(DetailRunOptions options, int epochs) => options with { Recipe = options.Recipe with { Epochs = epochs } };

    [Fact]
    public void A_stopped_run_with_a_discriminator_resumes_to_the_same_detail_generator_as_an_uninterrupted_one()
    {
        using var temp = new TempFolder();
        var asked = Options(temp, "straight");
        var straight = asked with { Recipe = asked.Recipe with { Weights = new DetailLossWeights(Adversarial: 0.01) } };
        Assert.Equal(4, new DetailTrainer(straight).Run());

        var interrupted = straight with { Output = temp.Combine("interrupted") };
        using (var cancel = new CancellationTokenSource())
        {
            var stopAfterTwo = new SynchronousProgress(p => { if (p.Done == 2) cancel.Cancel(); });
            var stopped = Assert.Throws<JobStoppedException>(() => new DetailTrainer(interrupted).Run(null, stopAfterTwo, cancel.Token));
            Assert.Contains("step 2", stopped.Message);
        }
        Assert.Equal(4, new DetailTrainer(interrupted).Run());

        using var a = DetailFolder.Load(straight.Output, CPU);
        using var b = DetailFolder.Load(interrupted.Output, CPU);
        foreach (var ((name, pa), (_, pb)) in a.Generator.named_parameters().Zip(b.Generator.named_parameters()))
            Assert.True(pa.allclose(pb, rtol: 1e-4, atol: 1e-6), $"detail parameter {name} differs after resuming");
        foreach (var file in new[] { "detail.json", "detail.pt", "training.json", "metrics.csv", "loss-curves.png", "samples/step-00000004.png",
            "base/model.json", "base/generator.pt", "base/damsm/vocabulary.json" })
            Assert.True(File.Exists(Path.Combine(interrupted.Output, file)), $"{file} is missing");
        var metrics = File.ReadAllText(Path.Combine(interrupted.Output, "metrics.csv"));
        foreach (var column in new[] { "gen_hole_l1", "gen_adv", "discr_adv", "base_hole_l1", "val_hole_psnr", "val_base_hole_psnr" })
            Assert.Contains(column, metrics);
        Assert.True(File.Exists(Path.Combine(new CheckpointStore(interrupted.Output).Latest()!, "discriminator.pt")));
        Assert.Equal(new DetailConfig(64, TinyDetailModel.Network, "model"), DetailFolder.LoadConfig(interrupted.Output));
        Assert.Equal(4, ModelFolder.TrainingStep(interrupted.Output));
    }

    [Fact]
    public void The_base_is_copied_whole_and_never_trained()
    {
        using var temp = new TempFolder();
        var options = Options(temp, "run");

        new DetailTrainer(options).Run();

        foreach (var file in new[] { "model.json", "generator.pt", "damsm/text_encoder.pt", "damsm/image_encoder.pt", "training.json" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(tiny.Folder, file)), File.ReadAllBytes(Path.Combine(options.Output, "base", file)));
        Assert.False(Directory.Exists(Path.Combine(options.Output, "base", "checkpoints")));
        var recipe = ModelFiles.LoadJson<DetailRecipe>(Path.Combine(options.Output, "training.json"));
        Assert.Equal(options.Recipe with { Data = "birds", Base = "model" }, recipe);
    }

    [Fact]
    public void A_run_cannot_be_resumed_with_another_network_or_recipe_and_the_refusal_names_each_field_that_differs()
    {
        using var temp = new TempFolder();
        var options = Options(temp, "run");
        new DetailTrainer(options).Run();

        var cases = new (DetailRunOptions Changed, string Says)[]
        {
            (options with { Recipe = options.Recipe with { Crop = 16 } }, "crop 32 (asked 16)"),
            (options with { Recipe = options.Recipe with { Weights = new DetailLossWeights(Adversarial: 0.5) } }, "weights.adversarial 0 (asked 0.5)"),
            (options with { Recipe = options.Recipe with { SourceSize = 128, Mask = TextInpaint.Data.Masks.MaskKind.Box } },
                "mask \"any\" (asked \"box\"), sourceSize 64 (asked 128)"),
            (options with { Side = 32 }, "side 64 (asked 32)"),
            (options with { Network = TinyDetailModel.Network with { ResidualBlocks = 3 } }, "network.residualBlocks 2 (asked 3)"),
        };
        foreach (var (changed, says) in cases)
        {
            var error = Assert.Throws<UserInputException>(() => new DetailTrainer(WithEpochs(changed, 2)).Run());
            Assert.Contains(says, error.Message);
            Assert.Contains(options.Output, error.Message);
        }
        Assert.Equal(4, CheckpointStore.ReadStep(new CheckpointStore(options.Output).Latest()!));
    }

    [Theory]
    [InlineData(64, 64, 30, "--crop 30: must be a multiple of 4 from 4 to the side, 64.")]
    [InlineData(64, 64, 80, "--crop 80: must be a multiple of 4 from 4 to the side, 64.")]
    [InlineData(128, 64, 32, "--source-size 64: must be at least the side, 128")]
    [InlineData(66, 66, 32, "--side 66: must be a positive multiple of 4.")]
    [InlineData(16, 64, 16, "--side 16: the detail side 16 is below its base model's side 32")]
    public void Sizes_that_do_not_fit_are_refused_before_anything_is_written(int side, int sourceSize, int crop, string says)
    {
        using var temp = new TempFolder();
        var asked = Options(temp, "run");
        var options = asked with { Side = side, Recipe = asked.Recipe with { SourceSize = sourceSize, Crop = crop } };

        var error = Assert.Throws<UserInputException>(() => new DetailTrainer(options).Run());

        Assert.Contains(says, error.Message);
        Assert.False(File.Exists(Path.Combine(options.Output, "detail.json")));
    }

    [Fact]
    public void A_detail_model_as_the_base_is_refused_in_one_line()
    {
        using var temp = new TempFolder();
        var first = Options(temp, "first");
        new DetailTrainer(first).Run();
        var asked = Options(temp, "second");

        var error = Assert.Throws<UserInputException>(() => new DetailTrainer(asked with { Recipe = asked.Recipe with { Base = first.Output } }).Run());

        Assert.Contains($"--base {first.Output}: a detail model", error.Message);
    }

    [Fact]
    public void The_perceptual_term_alone_trains_the_stage()
    {
        using var temp = new TempFolder();
        var asked = Options(temp, "run") with { ValidationImages = 0 };
        var options = asked with { Recipe = asked.Recipe with { Weights = new DetailLossWeights(HoleL1: 0, Perceptual: 1) } };

        new DetailTrainer(options).Run();

        var log = new MetricsLog(Path.Combine(options.Output, "metrics.csv"));
        Assert.Equal(["gen_perceptual", "gen_total", "base_hole_l1"], log.Columns);
        Assert.All(log.Series("gen_perceptual"), row => Assert.InRange(row.Value, 1e-6, 4));
        // The last convolution starts at zero: the term's gradient has moved it.
        using var model = DetailFolder.Load(options.Output, CPU);
        Assert.True(model.Generator.named_parameters().Single(p => p.name == "toImage.weight").parameter.abs().sum().ToDouble() > 0);
    }

    [Fact]
    public void Training_steps_leave_no_tensor_alive()
    {
        using var temp = new TempFolder();
        var options = Options(temp, "run") with { CheckpointEvery = 0, SampleEvery = 0, ValidationImages = 0 };
        var asked = options with { Recipe = options.Recipe with { Weights = new DetailLossWeights(Adversarial: 0.01), Epochs = 2 } };
        var live = new List<long>();

        new DetailTrainer(asked).Run(progress: new SynchronousProgress(_ => live.Add(DisposeScopeManager.Statistics.ThreadTotalLiveCount)));

        // Adam's moments are made by the first step; the last report follows the final checkpoint.
        Assert.Equal(8, live.Count);
        Assert.All(live.Skip(2).SkipLast(1), count => Assert.Equal(live[1], count));
    }

    [Fact]
    public void With_every_fill_the_truths_the_stage_paints_over_the_truth_brought_down_to_the_bases_side_and_back()
    {
        using var temp = new TempFolder();
        var asked = Options(temp, "base-fills") with { ValidationImages = 0, CheckpointEvery = 0, SampleEvery = 0 };
        var truthFills = asked with { Output = temp.Combine("truth-fills"), Recipe = asked.Recipe with { TruthFills = 1 } };

        new DetailTrainer(asked).Run();
        new DetailTrainer(truthFills).Run();

        // The same windows and crops (same seed): the tiny base's fill is far from the truth, the truth at 32x32 and back is near it.
        double MeanFillL1(string run) => new MetricsLog(Path.Combine(run, "metrics.csv")).Series("base_hole_l1").Average(row => row.Value);
        Assert.True(MeanFillL1(truthFills.Output) < 0.5 * MeanFillL1(asked.Output),
            $"fill L1 {MeanFillL1(truthFills.Output):F3} over truth fills against {MeanFillL1(asked.Output):F3} over the base's");
        Assert.Equal(1, ModelFiles.LoadJson<DetailRecipe>(Path.Combine(truthFills.Output, "training.json")).TruthFills);
        var refused = Assert.Throws<UserInputException>(() =>
            new DetailTrainer(truthFills with { Recipe = truthFills.Recipe with { TruthFills = 0.5 } }).Run());
        Assert.Contains("truthFills 1 (asked 0.5)", refused.Message);
    }
}
