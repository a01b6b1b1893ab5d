using TextInpaint.Models.Damsm;
using TextInpaint.Storage;
using TextInpaint.Tests.TestData;
using TextInpaint.Training;
using static TorchSharp.torch;

namespace TextInpaint.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class DamsmTrainerTests
{
    private static DamsmRunOptions Options(TempFolder temp, string output) => new(
        new DamsmRecipe(temp.Combine("data"), BatchSize: 8, Epochs: 2), Output: temp.Combine(output), ImageSize: 32,
        CheckpointEvery: 2, LogEvery: 1, ValidationImages: 8, EmbeddingSize: 16, HiddenPerDirection: 16, ImageEncoderWidth: 8);

    [Fact]
    public void Intervals_of_zero_log_and_checkpoint_only_the_last_step()
    {
        // Both were a modulo by zero after the first step.
        using var temp = new TempFolder();
        ToyColourSquares.Write(temp.Combine("data"), trainCount: 16, testCount: 8);
        var options = Options(temp, "never") with { CheckpointEvery = 0, LogEvery = 0, ValidationImages = 0 };

        Assert.Equal(4, new DamsmTrainer(options).Run());

        var store = new CheckpointStore(options.Output);
        Assert.Equal(4, CheckpointStore.ReadStep(store.Latest()!));
        Assert.Single(Directory.GetDirectories(store.Folder));
        Assert.Equal(new[] { 4L }, new MetricsLog(Path.Combine(options.Output, MetricsLog.FileName)).Rows.Select(r => r.Step));
    }

    [Fact]
    public void A_run_stopped_before_its_first_checkpoint_is_started_again_by_the_same_command()
    {
        // As a kill or a full disk would stop it: after a step, with no checkpoint written yet.
        using var temp = new TempFolder();
        ToyColourSquares.Write(temp.Combine("data"), trainCount: 16, testCount: 8);
        var options = Options(temp, "stopped") with { CheckpointEvery = 0, ValidationImages = 0 };

        Assert.Throws<IOException>(() => new DamsmTrainer(options).Run(null, new StopAfterFirstStep()));
        Assert.Null(new CheckpointStore(options.Output).Latest());

        Assert.Equal(4, new DamsmTrainer(options).Run());
    }

    private sealed class StopAfterFirstStep : IProgress<JobProgress>
    {
        public void Report(JobProgress value) => throw new IOException("No space left on device");
    }

    [Fact]
    public void A_negative_interval_is_refused_before_anything_is_written()
    {
        using var temp = new TempFolder();
        ToyColourSquares.Write(temp.Combine("data"), trainCount: 16, testCount: 8);
        var options = Options(temp, "negative") with { CheckpointEvery = -1 };

        var error = Assert.Throws<UserInputException>(() => new DamsmTrainer(options).Run());

        Assert.Contains("--checkpoint-every -1", error.Message);
        Assert.False(Directory.Exists(options.Output));
    }

    [Fact]
    public void A_test_split_that_cannot_be_read_for_validation_stops_the_run_and_says_so()
    {
        using var temp = new TempFolder();
        ToyColourSquares.Write(temp.Combine("data"), trainCount: 16, testCount: 0);

        var error = Assert.Throws<UserInputException>(() => new DamsmTrainer(Options(temp, "unvalidated")).Run());

        Assert.Contains("--validation-images 0", error.Message);
        Assert.Equal(4, new DamsmTrainer(Options(temp, "unvalidated") with { ValidationImages = 0 }).Run());
    }

    [Fact]
    public void A_stopped_run_resumes_to_the_same_weights_as_an_uninterrupted_one()
    {
        using var temp = new TempFolder();
        ToyColourSquares.Write(temp.Combine("data"), trainCount: 16, testCount: 8);

        var straight = Options(temp, "straight");
        Assert.Equal(4, new DamsmTrainer(straight).Run());

        var interrupted = Options(temp, "interrupted");
        using (var cancel = new CancellationTokenSource())
        {
            var stopAfterTwo = new SynchronousProgress(p => { if (p.Stage == "train-damsm" && p.Done == 2) cancel.Cancel(); });
            var stopped = Assert.Throws<JobStoppedException>(() => new DamsmTrainer(interrupted).Run(null, stopAfterTwo, cancel.Token));
            Assert.Contains("step 2", stopped.Message);
        }
        Assert.Equal(2, CheckpointStore.ReadStep(new CheckpointStore(interrupted.Output).Latest()!));
        Assert.Equal(4, new DamsmTrainer(interrupted).Run());

        using var a = DamsmFolder.Load(straight.Output, CPU);
        using var b = DamsmFolder.Load(interrupted.Output, CPU);
        foreach (var ((name, pa), (_, pb)) in a.Text.named_parameters().Zip(b.Text.named_parameters()).Concat(
                     a.Image.named_parameters().Zip(b.Image.named_parameters())))
            Assert.True(pa.allclose(pb, rtol: 1e-5, atol: 1e-6), $"parameter {name} differs after resuming");
        Assert.Equal(4, File.ReadAllLines(Path.Combine(interrupted.Output, "metrics.csv")).Count(l => l.Length > 0 && char.IsDigit(l[0]) && !l.Contains(",,")));
        Assert.True(File.Exists(Path.Combine(interrupted.Output, "loss-curves.png")));
    }

    [Fact]
    public void A_run_with_the_resnet18_encoder_saves_its_projections_alone_and_loads_without_reading_the_network()
    {
        using var temp = new TempFolder();
        ToyColourSquares.Write(temp.Combine("data"), trainCount: 16, testCount: 8);
        var options = Options(temp, "resnet") with { ImageEncoder = ImageEncoderNetwork.ResNet18, ImageInputSize = 32 };

        Assert.Equal(4, new DamsmTrainer(options).Run());

        using var encoders = DamsmFolder.Load(options.Output, CPU);
        var image = Assert.IsType<ResNet18ImageEncoder>(encoders.Image);
        Assert.Equal(new ImageEncoderOptions(32, 8, 16, ImageEncoderNetwork.ResNet18, 32), encoders.Config.ImageEncoder);
        Assert.False(image.NetworkLoaded);
        Assert.InRange(new FileInfo(Path.Combine(options.Output, DamsmFolder.ImageEncoderFile)).Length, 1, 200_000); // the network alone would be 45 MB
        Assert.Contains(File.ReadLines(Path.Combine(options.Output, MetricsLog.FileName)), line => line.Length > 0 && char.IsDigit(line[0]));
        using (NewDisposeScope())
        using (no_grad())
        {
            var features = image.forward(rand(2, 3, 32, 32) * 2 - 1);
            Assert.Equal(new long[] { 2, 32, 4 }, features.Regions.shape);
        }
        Assert.True(image.NetworkLoaded);
    }

    [Fact]
    public void A_stopped_run_on_kept_resnet18_features_resumes_to_the_same_weights()
    {
        // The resumed run reads its features again; the steps on them are the same.
        using var temp = new TempFolder();
        ToyColourSquares.Write(temp.Combine("data"), trainCount: 16, testCount: 8);
        DamsmRunOptions Pretrained(string output) =>
            Options(temp, output) with { ImageEncoder = ImageEncoderNetwork.ResNet18, ImageInputSize = 32, ValidationImages = 0 };

        var straight = Pretrained("straight");
        Assert.Equal(4, new DamsmTrainer(straight).Run());
        var interrupted = Pretrained("interrupted");
        using (var cancel = new CancellationTokenSource())
        {
            var stopAfterTwo = new SynchronousProgress(p => { if (p.Stage == "train-damsm" && p.Done == 2) cancel.Cancel(); });
            Assert.Throws<JobStoppedException>(() => new DamsmTrainer(interrupted).Run(null, stopAfterTwo, cancel.Token));
        }
        Assert.Equal(4, new DamsmTrainer(interrupted).Run());

        using var a = DamsmFolder.Load(straight.Output, CPU);
        using var b = DamsmFolder.Load(interrupted.Output, CPU);
        foreach (var ((name, pa), (_, pb)) in a.Text.named_parameters().Zip(b.Text.named_parameters()).Concat(
                     a.Image.named_parameters().Zip(b.Image.named_parameters())))
            Assert.True(pa.allclose(pb, rtol: 1e-5, atol: 1e-6), $"parameter {name} differs after resuming");
    }

    [Fact]
    public void The_paper_preset_trains_its_encoders_on_the_resnet18_and_synth64_keeps_the_shipped_design()
    {
        var recipe = new DamsmRecipe("data");

        var paper = DamsmRunOptions.ForPreset("paper", recipe, "out");
        var synth64 = DamsmRunOptions.ForPreset("synth64", recipe, "out");
        var tiny = DamsmRunOptions.ForPreset("tiny", recipe, "out");

        Assert.Equal((ImageEncoderNetwork.ResNet18, 256, 256), (paper.ImageEncoder, paper.ImageSize, paper.WordSize));
        Assert.Equal(new DamsmRunOptions(recipe, "out"), synth64);
        Assert.Equal(ImageEncoderNetwork.Scratch, synth64.ImageEncoder);
        Assert.Equal((ImageEncoderNetwork.Scratch, 32, 16), (tiny.ImageEncoder, tiny.ImageSize, tiny.WordSize));
    }

    [Fact]
    public void The_learning_rate_follows_attngans_decay_down_to_a_tenth()
    {
        var constant = new DamsmRecipe("data");
        var decaying = constant with { LearningRateDecay = 0.98 };

        Assert.Equal(constant.LearningRate, constant.LearningRateAt(300));
        Assert.Equal(2e-3, decaying.LearningRateAt(0));
        Assert.Equal(2e-3 * 0.98 * 0.98, decaying.LearningRateAt(2), 15);
        // 0.98^113 > 0.1 >= 0.98^114: the rate stops falling once it is at a tenth or below.
        Assert.True(decaying.LearningRateAt(113) > 2e-4);
        Assert.True(decaying.LearningRateAt(114) <= 2e-4);
        Assert.Equal(decaying.LearningRateAt(114), decaying.LearningRateAt(600));
    }

    [Theory]
    [InlineData(1.5, 5, "--lr-decay 1.5")]
    [InlineData(0, 5, "--lr-decay 0")]
    [InlineData(1, -1, "--gamma1 -1")]
    public void A_schedule_out_of_range_is_refused_before_anything_is_read(double decay, double gamma1, string expected)
    {
        using var temp = new TempFolder();
        var run = Options(temp, "run");
        var options = run with { Recipe = run.Recipe with { LearningRateDecay = decay }, Gamma1 = gamma1 };

        var error = Assert.Throws<UserInputException>(() => new DamsmTrainer(options).Run());

        Assert.Contains(expected, error.Message);
        Assert.False(Directory.Exists(options.Output));
    }

    [Fact]
    public void A_folder_that_is_not_a_damsm_run_is_left_alone()
    {
        using var temp = new TempFolder();
        ToyColourSquares.Write(temp.Combine("data"), trainCount: 16, testCount: 8);
        Directory.CreateDirectory(temp.Combine("busy"));
        File.WriteAllText(temp.Combine("busy", "notes.txt"), "mine");

        var error = Assert.Throws<UserInputException>(() => new DamsmTrainer(Options(temp, "busy")).Run());

        Assert.Contains("busy", error.Message);
        Assert.Equal("mine", File.ReadAllText(temp.Combine("busy", "notes.txt")));
        Assert.Single(Directory.GetFileSystemEntries(temp.Combine("busy")));
    }

    [Fact]
    public void A_batch_larger_than_the_data_set_is_refused_with_a_clear_message()
    {
        using var temp = new TempFolder();
        ToyColourSquares.Write(temp.Combine("data"), trainCount: 4, testCount: 2);

        var error = Assert.Throws<UserInputException>(() => new DamsmTrainer(Options(temp, "run")).Run());

        Assert.Contains("batch", error.Message);
        Assert.False(Directory.Exists(temp.Combine("run")));
    }
}
