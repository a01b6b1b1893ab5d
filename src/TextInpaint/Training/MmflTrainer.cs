using TextInpaint.Data;
using TextInpaint.Data.Batching;
using TextInpaint.Evaluation.Metrics;
using TextInpaint.Imaging;
using TextInpaint.Models.Damsm;
using TextInpaint.Models.Mmfl;
using TextInpaint.Runtime;
using TextInpaint.Storage;
using TextInpaint.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace TextInpaint.Training;

/// <summary>
/// MMFL training (docs/method.md section 3): generator and discriminator, with the DAMSM encoders
/// frozen. It wires a run: the folder (new, or resumed when its saved network and recipe are the
/// ones asked), the networks, the data and the watch, and hands the steps to
/// <see cref="TrainingLoop"/>. Resumable exactly: both networks, both Adam states, step and
/// torch's random state are checkpointed, and the data order and samples depend only on (seed,
/// epoch, index).
/// </summary>
public sealed class MmflTrainer(MmflRunOptions options) : ITrainingJob
{
    public MmflRunOptions Options { get; } = options;

    private MmflRecipe Recipe => Options.Recipe;

    public long Run(Action<string>? say = null, IProgress<JobProgress>? progress = null, CancellationToken cancel = default)
    {
        var device = TorchRuntime.ResolveDevice(Options.Device);
        var folder = Options.Output;
        using var run = new TrainingRun(folder, "train", MmflFolder.ConfigFile, MmflFolder.GeneratorFile, say, MmflFolder.DamsmSubfolder);
        var resumeFrom = run.ResumeFrom;

        var asked = NewConfig(withStart: resumeFrom is null);
        var config = asked;
        if (resumeFrom is not null)
        {
            config = MmflFolder.LoadConfig(folder);
            ConfigDifferences.Require(config with { InitialisedFrom = null, Version = asked.Version }, asked, folder, "network");
            ConfigDifferences.Require(run.ResumedRecipe<MmflRecipe>() with { Epochs = Recipe.Epochs }, Recipe.ForRecord(), folder, "recipe");
        }
        var damsmFolder = resumeFrom is not null ? Path.Combine(folder, MmflFolder.DamsmSubfolder)
            : Recipe.InitFrom is not null ? Path.Combine(Recipe.InitFrom, MmflFolder.DamsmSubfolder)
            : Recipe.Damsm ?? throw new UserInputException("train: give the DAMSM encoders (--damsm) or a model to start from (--init-from).");
        var damsmConfig = DamsmFolder.LoadConfig(damsmFolder);
        if (damsmConfig.TextEncoder.FeatureSize != config.Preset.WordDim)
            throw new UserInputException($"{damsmFolder}: its text encoder gives {damsmConfig.TextEncoder.FeatureSize}-d words, the "
                + $"'{config.Preset.Name}' preset takes {config.Preset.WordDim}-d.");
        var train = DatasetLoader.Open(Recipe.Data, Split.Train, Recipe.DataKind);
        var validationImages = ValidationImages.Head(Recipe.Data, Recipe.DataKind, Options.ValidationImages);
        var order = new EpochOrder(train.Count, Recipe.BatchSize, Recipe.Seed);
        var schedule = new StepSchedule(Options.LogEvery, Options.CheckpointEvery, Options.SampleEvery);

        var damsm = DamsmFolder.Load(damsmFolder, device);
        manual_seed(Recipe.Seed); // the initial weights; a resume overwrites them and the random state
        using var model = new MmflModel(config, damsm, new MmflGenerator(config.Preset, config.UsesWordDemand), device);
        var generator = model.Generator;
        using var discriminator = new PatchDiscriminator(config.Preset);
        generator.to(device);
        discriminator.to(device);
        var textAttentionMap = Recipe.TextAttentionMap == TextAttentionMapSource.Parts && !DatasetLoader.IsSynthBirds(Recipe.Data)
            ? TextAttentionMapSource.Truth : Recipe.TextAttentionMap;
        using var step = new MmflTrainingStep(model, discriminator, Recipe.Weights, Recipe.Optimizer, textAttentionMap);

        run.Lock();
        if (resumeFrom is null)
        {
            if (Recipe.InitFrom is not null)
                StartFrom(generator, Recipe.InitFrom, say);
            MmflFolder.SaveDefinition(config, damsm, folder);
        }
        else
        {
            ModelFiles.LoadWeights(generator, Path.Combine(resumeFrom, MmflFolder.GeneratorFile));
            GanStep.Load(resumeFrom, step.GeneratorOptimizer, discriminator, step.DiscriminatorOptimizer);
            run.RestoreRandomState();
            // A kill between a checkpoint and the folder's own weights left those one checkpoint behind.
            ModelFiles.SaveWeights(generator, Path.Combine(folder, MmflFolder.GeneratorFile));
        }

        var encoder = new CaptionEncoder(damsm.Vocabulary);
        var samples = new InpaintingDataset(train, encoder, TrainingSamples(config.Preset, Recipe, textAttentionMap, step.ReadsPictures));
        var watch = new TrainingWatch(model, validationImages is null ? null
            : new InpaintingDataset(validationImages, encoder, ValidationSamples(config.Preset, Recipe, generator.ReadsShownMatch)));
        var job = new StepJob(Options, run, run.OpenLog(run.StartStep), order, schedule, samples, step, discriminator, watch, device);
        return TrainingLoop.Run(job, run.StartStep, (long)order.BatchesPerEpoch * Recipe.Epochs, progress, cancel);
    }

    /// <summary>
    /// How the training samples are made: the preset's size, the recipe's holes, windows, seed,
    /// grayscale chance and caption edits, horizontal flips, the named parts' labels when the
    /// TGA map is read from them, and beside each window its whole picture when the step reads it.
    /// </summary>
    internal static InpaintingDatasetOptions TrainingSamples(MmflPreset preset, MmflRecipe recipe, TextAttentionMapSource map, bool pictures = false) =>
        new(preset.ImageSize, recipe.Mask, recipe.Seed)
        {
            Augmentation = new AugmentationOptions(GrayscaleProbability: recipe.GrayscaleProbability),
            CaptionEditProbability = recipe.CaptionEdits,
            NamedPartLabels = map == TextAttentionMapSource.Parts,
            SourceSize = recipe.SourceSize,
            PictureSize = PictureSize(preset, recipe, pictures),
        };

    /// <summary>The validation samples: the training holes on the first test images, without augmentation.</summary>
    private static InpaintingDatasetOptions ValidationSamples(MmflPreset preset, MmflRecipe recipe, bool pictures) =>
        new(preset.ImageSize, recipe.Mask, recipe.Seed)
        {
            Augmentation = AugmentationOptions.None, SourceSize = recipe.SourceSize, PictureSize = PictureSize(preset, recipe, pictures),
        };

    /// <summary>The network's side for the whole pictures of windows when they are read; null without windows or when nothing reads them.</summary>
    private static int? PictureSize(MmflPreset preset, MmflRecipe recipe, bool pictures) =>
        pictures && recipe.SourceSize is not null ? preset.ImageSize : null;

    /// <summary>The network this run trains; a new run started from a model also records that model.</summary>
    private MmflConfig NewConfig(bool withStart)
    {
        var config = new MmflConfig(MmflPreset.Named(Options.Preset), UsesText: !Options.NoText) { UsesWordDemand = !Options.NoWordDemand };
        return withStart && Recipe.InitFrom is { } start ? config with { InitialisedFrom = InitialWeights(start, config) } : config;
    }

    /// <summary>
    /// The model a new run starts from, refused unless its network is the one this run builds, or
    /// lacks only the Word Demand Module's shown-evidence block, whose weights start at zero, or
    /// has the Word Demand Module that this run (the ablation without it) leaves out.
    /// </summary>
    private static MmflInitialWeights InitialWeights(string model, MmflConfig config)
    {
        var start = MmflFolder.LoadConfig(model);
        var startPreset = start.Preset.WordDemandReadsShownMatch ? start.Preset
            : start.Preset with { WordDemandReadsShownMatch = config.Preset.WordDemandReadsShownMatch };
        var comparable = start with
        {
            Preset = startPreset, InitialisedFrom = null, Version = config.Version, UsesWordDemand = start.UsesWordDemand && config.UsesWordDemand,
        };
        var differences = ConfigDifferences.Between(comparable, config);
        if (differences.Count > 0)
            throw new UserInputException($"{model}: its network is not the one this run trains ({string.Join(", ", differences)}); --init-from "
                + $"takes a model of the same preset and switches.");
        return new MmflInitialWeights(MmflRecipe.FolderName(model), MmflFolder.TrainingStep(model));
    }

    /// <summary>
    /// Loads the generator's starting weights from <paramref name="model"/>, naming any block it did not have
    /// and leaving out its Word Demand Module when this run has none.
    /// </summary>
    private static void StartFrom(MmflGenerator generator, string model, Action<string>? say)
    {
        var config = MmflFolder.LoadConfig(model);
        using var start = new MmflGenerator(config.Preset, config.UsesWordDemand);
        var leftOut = start.UsesWordDemand && !generator.UsesWordDemand ? MmflGenerator.WordDemandBlock : null;
        if (leftOut is not null)
            say?.Invoke($"train: {model}'s Word Demand Module is left out (--no-word-demand).");
        if (ModelFiles.LoadStartingWeights(generator, start, Path.Combine(model, MmflFolder.GeneratorFile), leftOut) is { Count: > 0 } fresh)
            say?.Invoke($"train: {model} has no {string.Join(", ", fresh)}; they start from their initial values.");
    }

    /// <summary>One run's steps as the loop drives them.</summary>
    private sealed class StepJob(MmflRunOptions options, TrainingRun run, MetricsLog log, EpochOrder order, StepSchedule schedule,
        InpaintingDataset samples, MmflTrainingStep step, PatchDiscriminator discriminator, TrainingWatch watch, Device device)
        : IStepJob<InpaintingSample[]>
    {
        public string Stage => "train";
        public EpochOrder Order => order;
        public StepSchedule Schedule => schedule;
        public MetricsLog Log => log;

        public InpaintingSample[] Prepare(int epoch, int[] indices) => samples.Samples(epoch, indices);

        public IReadOnlyDictionary<string, double> Train(int epoch, InpaintingSample[] batch)
        {
            step.SetLearningRate(options.Recipe.Optimizer.RateInEpoch(epoch, options.Recipe.Epochs));
            return step.Train(InpaintingBatch.Of(batch, device));
        }

        public void Checkpoint(long done) => run.Checkpoint(done, options.Recipe.ForRecord(), log, watch, checkpoint =>
        {
            ModelFiles.SaveWeights(step.Generator, Path.Combine(checkpoint, MmflFolder.GeneratorFile));
            GanStep.Save(checkpoint, step.GeneratorOptimizer, discriminator, step.DiscriminatorOptimizer);
        }, () => ModelFiles.SaveWeights(step.Generator, Path.Combine(options.Output, MmflFolder.GeneratorFile)));

        public void SampleSheet(long done) => watch.SampleSheet(run.SheetPath(done), done);
    }

    /// <summary>What a person watches during training: validation figures and sample sheets on fixed test images.</summary>
    private sealed class TrainingWatch(MmflModel model, InpaintingDataset? validation) : IRunWatch
    {
        private const int SheetImages = 8, BatchSize = 32;

        /// <summary>Mean hole L1 and hole PSNR (<see cref="ImageQuality"/>, on [0, 1]) of the validation images, with zero noise.</summary>
        public Dictionary<string, double>? Validate()
        {
            if (validation is null) return null;
            var quality = new QualityAccumulator();
            ForEachBatch(validation.Count, (samples, output) =>
            {
                for (int i = 0; i < samples.Length; i++)
                    quality.Add(ImageQuality.Measure(samples[i].Image, TensorImages.ToImage(output.CompositedFinal[i]), samples[i].Mask));
            });
            var mean = quality.Compute();
            return new Dictionary<string, double> { ["val_hole_l1"] = mean.HoleL1, ["val_hole_psnr"] = mean.HolePsnr };
        }

        /// <summary>masked input | coarse | final | ground truth, with the caption, for a few fixed test images.</summary>
        public void SampleSheet(string path, long step)
        {
            if (validation is null) return;
            var cells = new List<SheetCell>();
            ForEachBatch(Math.Min(SheetImages, validation.Count), (samples, output) =>
            {
                for (int i = 0; i < samples.Length; i++)
                    cells.Add(new SheetCell(
                    [
                        new SheetImage(MaskOps.GreyOut(samples[i].Image, samples[i].Mask), "input"),
                        new SheetImage(TensorImages.ToImage(output.CompositedCoarse[i]), "coarse"),
                        new SheetImage(TensorImages.ToImage(output.CompositedFinal[i]), "final"),
                        new SheetImage(samples[i].Image, "truth"),
                    ], model.Config.UsesText ? samples[i].CaptionText : "(trained without text)"));
            });
            ContactSheet.Save(cells, new ContactSheetOptions(Columns: 2, ImageHeight: 96, Title: $"step {step}"), path);
        }

        private void ForEachBatch(int count, Action<InpaintingSample[], MmflOutput> use)
        {
            var generator = model.Generator;
            bool wasTraining = generator.training;
            generator.eval();
            try
            {
                using var noGrad = no_grad();
                for (int start = 0; start < count; start += BatchSize)
                {
                    using var scope = StepScope.Open();
                    var samples = validation!.Samples(epoch: 0, Enumerable.Range(start, Math.Min(BatchSize, count - start)).ToArray());
                    var batch = InpaintingBatch.Of(samples, model.Device);
                    use(samples, model.Generate(MmflTrainingStep.InputOf(batch), GeneratorNoise.Zero(model.Config.Preset, samples.Length, model.Device)));
                }
            }
            finally
            {
                generator.train(wasTraining);
            }
        }
    }
}
