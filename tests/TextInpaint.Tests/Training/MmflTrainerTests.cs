using TextInpaint.Models.Mmfl;
using TextInpaint.Storage;
using TextInpaint.Tests.TestData;
using TextInpaint.Training;
using static TorchSharp.torch;

namespace TextInpaint.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class MmflTrainerTests
{
    /// <summary>Toy data and tiny DAMSM encoders (16-d features, as the tiny preset takes) in a temp folder.</summary>
    private static TempFolder Prepare()
    {
        var temp = new TempFolder();
        ToyColourSquares.Write(temp.Combine("data"), trainCount: 16, testCount: 8);
        new DamsmTrainer(new DamsmRunOptions(new DamsmRecipe(temp.Combine("data"), BatchSize: 8, Epochs: 1), Output: temp.Combine("damsm"), ImageSize: 32,
            ValidationImages: 0, EmbeddingSize: 16, HiddenPerDirection: 8, ImageEncoderWidth: 8)).Run();
        return temp;
    }

    private static MmflRunOptions Options(TempFolder temp, string output) => new(
        new MmflRecipe(temp.Combine("data"), temp.Combine("damsm"), BatchSize: 4, Epochs: 1), Output: temp.Combine(output), Preset: "tiny",
        CheckpointEvery: 2, SampleEvery: 2, LogEvery: 1, ValidationImages: 4);

    private static MmflRunOptions WithEpochs(MmflRunOptions options, int epochs) => options with { Recipe = options.Recipe with { Epochs = epochs } };

    [Fact]
    public void A_stopped_run_resumes_to_the_same_generator_as_an_uninterrupted_one()
    {
        using var temp = Prepare();
        var straight = Options(temp, "straight");
        Assert.Equal(4, new MmflTrainer(straight).Run());

        var interrupted = Options(temp, "interrupted");
        using (var cancel = new CancellationTokenSource())
        {
            var stopAfterTwo = new SynchronousProgress(p => { if (p.Done == 2) cancel.Cancel(); });
            var stopped = Assert.Throws<JobStoppedException>(() => new MmflTrainer(interrupted).Run(null, stopAfterTwo, cancel.Token));
            Assert.Contains("step 2", stopped.Message);
        }
        Assert.Equal(4, new MmflTrainer(interrupted).Run());

        using var a = MmflFolder.Load(straight.Output, CPU);
        using var b = MmflFolder.Load(interrupted.Output, CPU);
        foreach (var ((name, pa), (_, pb)) in a.Generator.named_parameters().Zip(b.Generator.named_parameters()))
            Assert.True(pa.allclose(pb, rtol: 1e-4, atol: 1e-6), $"generator parameter {name} differs after resuming");
        foreach (var file in new[] { "model.json", "generator.pt", "damsm/vocabulary.json", "metrics.csv", "loss-curves.png", "samples/step-00000004.png" })
            Assert.True(File.Exists(Path.Combine(interrupted.Output, file)), $"{file} is missing");
        Assert.Contains("val_hole_psnr", File.ReadAllText(Path.Combine(interrupted.Output, "metrics.csv")));
        Assert.Contains("\"batchSize\": 4", File.ReadAllText(Path.Combine(new CheckpointStore(interrupted.Output).Latest()!, "training.json")));
    }

    [Fact]
    public void A_run_cannot_be_resumed_with_another_preset()
    {
        using var temp = Prepare();
        var options = Options(temp, "run");
        new MmflTrainer(options).Run();

        var error = Assert.Throws<UserInputException>(() => new MmflTrainer(WithEpochs(options, 2) with { Preset = "synth64" }).Run());

        Assert.Contains("tiny", error.Message);
        Assert.Contains(options.Output, error.Message);
    }

    [Fact]
    public void A_run_cannot_be_resumed_with_another_ablation()
    {
        using var temp = Prepare();
        var run = Options(temp, "run");
        var options = run with { NoWordDemand = true, Recipe = run.Recipe with { Weights = new MmflLossWeights(TextAttention: 0) } };
        new MmflTrainer(options).Run();
        Assert.False(MmflFolder.LoadConfig(options.Output).UsesWordDemand);

        var withDemand = Assert.Throws<UserInputException>(() => new MmflTrainer(WithEpochs(options, 2) with { NoWordDemand = false }).Run());
        var withTga = Assert.Throws<UserInputException>(() =>
            new MmflTrainer(WithEpochs(options, 2) with { Recipe = options.Recipe with { Epochs = 2, Weights = new MmflLossWeights() } }).Run());

        Assert.Contains("usesWordDemand false (asked true)", withDemand.Message);
        Assert.Contains("weights.textAttention 0 (asked 1)", withTga.Message);
        using var model = MmflFolder.Load(options.Output, CPU);
        Assert.False(model.Generator.UsesWordDemand);
    }

    [Fact]
    public void A_run_cannot_be_resumed_with_another_recipe_and_the_refusal_names_each_field_that_differs()
    {
        using var temp = Prepare();
        var options = Options(temp, "run");
        new MmflTrainer(options).Run();
        Directory.CreateDirectory(temp.Combine("other"));
        Directory.CreateSymbolicLink(temp.Combine("other", "birds"), temp.Combine("data"));

        var cases = new (MmflRecipe Changed, string Says)[]
        {
            (options.Recipe with { Mask = TextInpaint.Data.Masks.MaskKind.Box }, "mask \"centre\" (asked \"box\")"),
            (options.Recipe with { Seed = 2 }, "seed 1 (asked 2)"),
            (options.Recipe with { BatchSize = 8 }, "batchSize 4 (asked 8)"),
            (options.Recipe with { Data = temp.Combine("other", "birds") }, "data \"data\" (asked \"birds\")"),
            (options.Recipe with { Optimizer = new MmflOptimizerOptions(DecayEpochs: 1) }, "optimizer.decayEpochs 0 (asked 1)"),
            (options.Recipe with { Weights = options.Recipe.Weights with { PartColours = 0.5 } }, "weights.partColours 0 (asked 0.5)"),
            (options.Recipe with { SourceSize = 64, CaptionEdits = 0.5 }, "sourceSize none (asked 64), captionEdits 0 (asked 0.5)"),
        };
        foreach (var (changed, says) in cases)
        {
            var error = Assert.Throws<UserInputException>(() => new MmflTrainer(options with { Recipe = changed with { Epochs = 2 } }).Run());
            Assert.Contains(says, error.Message);
        }
        Assert.Equal(4, CheckpointStore.ReadStep(new CheckpointStore(options.Output).Latest()!));
    }

    [Fact]
    public void A_kill_after_a_checkpoint_is_renamed_loses_no_metrics_row_and_leaves_no_mixed_weights()
    {
        using var temp = Prepare();
        var options = Options(temp, "run") with { CheckpointEvery = 2 };
        var straight = WithEpochs(Options(temp, "straight"), 2) with { CheckpointEvery = 2 };
        new MmflTrainer(straight).Run();
        new MmflTrainer(options).Run();
        // What a kill right after the step-4 checkpoint's rename leaves: the folder's own log and
        // weights are still those of step 2.
        var store = new CheckpointStore(options.Output);
        var stepTwo = Path.Combine(store.Folder, "step-00000002");
        var log = new MetricsLog(Path.Combine(options.Output, "metrics.csv"), resumeFromStep: 2);
        log.Save();
        File.Copy(Path.Combine(stepTwo, "generator.pt"), Path.Combine(options.Output, "generator.pt"), overwrite: true);

        Assert.Equal(8, new MmflTrainer(WithEpochs(options, 2)).Run());

        static List<string> StepsOf(string folder) =>
            File.ReadAllLines(Path.Combine(folder, "metrics.csv")).Skip(1).Select(l => l.Split(',')[0]).ToList();
        Assert.Equal(StepsOf(straight.Output), StepsOf(options.Output));
        Assert.Equal(Enumerable.Range(1, 8).Select(i => i.ToString()), StepsOf(options.Output).Distinct());
        Assert.Equal(File.ReadAllBytes(Path.Combine(store.Latest()!, "generator.pt")), File.ReadAllBytes(Path.Combine(options.Output, "generator.pt")));
    }

    [Fact]
    public void A_run_initialised_from_a_model_starts_from_its_generator_and_counts_its_steps()
    {
        using var temp = Prepare();
        var first = Options(temp, "first");
        new MmflTrainer(first).Run();
        // At learning rate 0 no step moves a parameter: what the run ends with is what it started from.
        var asked = Options(temp, "second");
        var second = asked with { Recipe = asked.Recipe with { Damsm = temp.Combine("no-such-damsm"), InitFrom = first.Output,
            Optimizer = new MmflOptimizerOptions(LearningRate: 0) } };

        Assert.Equal(4, new MmflTrainer(second).Run());

        using var a = MmflFolder.Load(first.Output, CPU);
        using var b = MmflFolder.Load(second.Output, CPU);
        foreach (var ((name, pa), (_, pb)) in a.Generator.named_parameters().Zip(b.Generator.named_parameters()))
            Assert.True(pa.allclose(pb, rtol: 0, atol: 0), $"generator parameter {name} is not the initial model's");
        Assert.Equal(new MmflInitialWeights("first", 4), MmflFolder.LoadConfig(second.Output).InitialisedFrom);
        Assert.Equal(8, MmflFolder.TrainingStep(second.Output));
        var recipe = ModelFiles.LoadJson<MmflRecipe>(Path.Combine(second.Output, MmflFolder.RecipeFile));
        Assert.Equal(second.Recipe with { Data = "data", Damsm = null, InitFrom = "first" }, recipe);
        Assert.DoesNotContain(temp.Path, File.ReadAllText(Path.Combine(second.Output, MmflFolder.RecipeFile)));
    }

    [Fact]
    public void A_model_of_another_network_is_refused_as_a_start_before_anything_is_written()
    {
        using var temp = Prepare();
        var first = Options(temp, "first");
        new MmflTrainer(first).Run();
        var asked = Options(temp, "second");
        var second = asked with { Recipe = asked.Recipe with { InitFrom = first.Output }, NoText = true };

        var error = Assert.Throws<UserInputException>(() => new MmflTrainer(second).Run());

        Assert.Contains(first.Output, error.Message);
        Assert.Contains("usesText true (asked false)", error.Message);
        Assert.False(File.Exists(Path.Combine(second.Output, "model.json")));
    }

    [Fact]
    public void The_ablation_without_the_word_demand_module_starts_from_a_model_with_it_leaving_the_module_out()
    {
        using var temp = Prepare();
        var first = Options(temp, "first");
        new MmflTrainer(first).Run();
        var asked = Options(temp, "second");
        var second = asked with
        {
            Recipe = asked.Recipe with { InitFrom = first.Output, Optimizer = new MmflOptimizerOptions(LearningRate: 0) }, NoWordDemand = true,
        };
        var said = new List<string>();

        new MmflTrainer(second).Run(said.Add);

        using var a = MmflFolder.Load(first.Output, CPU);
        using var b = MmflFolder.Load(second.Output, CPU);
        Assert.True(a.Generator.UsesWordDemand);
        Assert.False(b.Generator.UsesWordDemand);
        // Parameters only: the batch norms' running statistics move with every step, even at learning rate 0.
        var started = b.Generator.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var kept = a.Generator.named_parameters().Where(p => !p.name.StartsWith(MmflGenerator.WordDemandBlock + ".")).ToList();
        Assert.Equal(started.Keys.Order(), kept.Select(p => p.name).Order());
        foreach (var (name, value) in kept)
            Assert.True(value.allclose(started[name], rtol: 0, atol: 0), $"generator parameter {name} is not the initial model's");
        Assert.Contains(said, line => line.Contains("Word Demand Module is left out"));
    }

    [Fact]
    public void The_learning_rate_falls_linearly_over_the_last_decay_epochs_only()
    {
        var optimizer = new MmflOptimizerOptions(LearningRate: 1, DecayEpochs: 4);

        var rates = Enumerable.Range(0, 10).Select(epoch => optimizer.RateInEpoch(epoch, epochs: 10)).ToArray();

        Assert.Equal(new[] { 1, 1, 1, 1, 1, 1, 0.8, 0.6, 0.4, 0.2 }, rates, new DoubleTolerance(1e-12));
        Assert.Equal(1, new MmflOptimizerOptions(LearningRate: 1).RateInEpoch(9, epochs: 10));
    }

    [Fact]
    public void Damsm_encoders_of_another_width_are_refused_before_anything_is_written()
    {
        using var temp = Prepare();
        var options = Options(temp, "run") with { Preset = "synth64" };

        var error = Assert.Throws<UserInputException>(() => new MmflTrainer(options).Run());

        Assert.Contains("synth64", error.Message);
        Assert.False(Directory.Exists(options.Output));
    }

    [Fact]
    public void Each_preset_trains_with_its_own_recipe_unless_told_otherwise()
    {
        var paper = MmflRecipe.For("paper", "data", "damsm");
        var synth64 = MmflRecipe.For("synth64", "data", "damsm");

        Assert.Equal((4, 0.1, TextAttentionMapSource.Generator), (paper.BatchSize, paper.GrayscaleProbability, paper.TextAttentionMap));
        Assert.Equal((16, 0.0, TextAttentionMapSource.Parts), (synth64.BatchSize, synth64.GrayscaleProbability, synth64.TextAttentionMap));
        Assert.Equal(TextAttentionMapSource.Generator, MmflRecipe.For("synth64-v1", "data", "damsm").TextAttentionMap);
        var samples = MmflTrainer.TrainingSamples(TextInpaint.Models.Mmfl.MmflPreset.Paper, paper, paper.TextAttentionMap);
        Assert.Equal(0.1, samples.Augmentation.GrayscaleProbability);
        Assert.True(samples.Augmentation.HorizontalFlip);
        Assert.False(samples.NamedPartLabels);
        Assert.Equal(256, samples.ImageSize);
    }

    private sealed class DoubleTolerance(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(double value) => 0;
    }

    private sealed class SynchronousProgress(Action<JobProgress> report) : IProgress<JobProgress>
    {
        public void Report(JobProgress value) => report(value);
    }
}
