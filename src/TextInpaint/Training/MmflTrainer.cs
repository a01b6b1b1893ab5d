using TextInpaint.Data;
using TextInpaint.Data.Batching;
using TextInpaint.Data.Masks;
using TextInpaint.Imaging;
using TextInpaint.Losses;
using TextInpaint.Models.Mmfl;
using TextInpaint.Runtime;
using TextInpaint.Storage;
using TextInpaint.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace TextInpaint.Training;

/// <summary>Everything that decides an MMFL training run.</summary>
/// <param name="Data">Data set root (any layout <see cref="DatasetLoader"/> reads).</param>
/// <param name="Damsm">Folder of the trained DAMSM encoders (from train-damsm); copied into the model folder.</param>
/// <param name="Output">The model folder: config, generator, DAMSM copy, checkpoints, metrics, samples.</param>
/// <param name="Preset">Network sizes: a name from <see cref="MmflPreset.All"/>.</param>
/// <param name="NoText">Train the image-only baseline: the generator is given no caption.</param>
/// <param name="NoWordDemand">Train without the Word Demand Module (an ablation).</param>
/// <param name="BatchSize">Images per batch; null: the preset's <see cref="MmflPreset.TrainingBatchSize"/>.</param>
/// <param name="Epochs">Passes over the training split; a resumed run may raise it.</param>
/// <param name="SampleEvery">Steps between sample sheets (also written at each checkpoint).</param>
/// <param name="ValidationImages">Test images whose hole L1 and PSNR are logged at each checkpoint.</param>
public sealed record MmflRunOptions(
    string Data,
    string Damsm,
    string Output,
    string DataKind = DatasetLoader.Auto,
    string Preset = MmflPreset.DefaultName,
    MaskKind Mask = MaskKind.Centre,
    bool NoText = false,
    bool NoWordDemand = false,
    int? BatchSize = null,
    int Epochs = 30,
    int Seed = 1,
    string Device = "cpu",
    int CheckpointEvery = 500,
    int SampleEvery = 500,
    int LogEvery = 20,
    int ValidationImages = 256)
{
    public MmflLossWeights Weights { get; init; } = new();
    public MmflOptimizerOptions Optimizer { get; init; } = new();

    /// <summary>The share of training samples that are edited pairs (SynthBirds only; see <see cref="InpaintingDatasetOptions.CaptionEditProbability"/>).</summary>
    public double CaptionEdits { get; init; }

    /// <summary>
    /// A trained model folder whose generator weights a new run starts from, with that model's own
    /// DAMSM encoders (in place of <see cref="Damsm"/>); the discriminator and both optimisers
    /// start afresh. Null: random initial weights.
    /// </summary>
    public string? InitFrom { get; init; }

    /// <summary>Null: whole images at the model's size. Otherwise the side images are loaded at before the user's windows are cut (<see cref="InpaintingDatasetOptions.SourceSize"/>).</summary>
    public int? SourceSize { get; init; }
}

/// <summary>
/// MMFL training (docs/method.md section 3): generator and discriminator, with the DAMSM encoders frozen.
/// Resumable exactly: both networks, both Adam states, step and torch's random state are
/// checkpointed, and the data order and samples depend only on (seed, epoch, index).
/// </summary>
public sealed class MmflTrainer(MmflRunOptions options) : ITrainingJob
{
    private const string DiscriminatorFile = "discriminator.pt", GeneratorOptimizerFile = "optimizer_g.pt",
        DiscriminatorOptimizerFile = "optimizer_d.pt", SampleImages = RunLayout.SamplesFolder;

    /// <summary>The options the model was trained with, beside <c>model.json</c> in the run's folder (see <see cref="Recipe"/>).</summary>
    public const string RecipeFile = "training.json";

    public MmflRunOptions Options { get; } = options;

    public long? ResumeStep() => TrainingRun.ResumeStep(Options.Output, MmflFolder.ConfigFile);

    public string? RecoverInterruptedCheckpoint() => TrainingRun.Recover(Options.Output, MmflFolder.ConfigFile);

    public long Run(IProgress<JobProgress>? progress = null, CancellationToken cancel = default)
    {
        var device = TorchRuntime.ResolveDevice(Options.Device);
        var folder = Options.Output;
        using var run = new TrainingRun(folder, "train", MmflFolder.ConfigFile, MmflFolder.GeneratorFile, MmflFolder.DamsmSubfolder, RecipeFile);
        var resumeFrom = run.ResumeFrom;

        var config = resumeFrom is null ? NewConfig() : CompatibleConfig(folder, run);
        var damsmFolder = resumeFrom is not null ? Path.Combine(folder, MmflFolder.DamsmSubfolder)
            : Options.InitFrom is not null ? Path.Combine(Options.InitFrom, MmflFolder.DamsmSubfolder)
            : Options.Damsm;
        var damsmConfig = DamsmFolder.LoadConfig(damsmFolder);
        if (damsmConfig.TextEncoder.FeatureSize != config.Preset.WordDim)
            throw new UserInputException($"{damsmFolder}: its text encoder gives {damsmConfig.TextEncoder.FeatureSize}-d words, the '{config.Preset.Name}' preset takes {config.Preset.WordDim}-d.");
        var train = DatasetLoader.Open(Options.Data, Split.Train, Options.DataKind);
        int batchSize = BatchSize(config.Preset, Options);
        var validationImages = ValidationImages.Head(Options.Data, Options.DataKind, Options.ValidationImages);
        var order = new EpochOrder(train.Count, batchSize, Options.Seed);
        var schedule = new StepSchedule(batchSize, Options.LogEvery, Options.CheckpointEvery, Options.SampleEvery);

        var damsm = DamsmFolder.Load(damsmFolder, device);
        manual_seed(Options.Seed); // the initial weights; a resume overwrites them and the random state
        using var model = new MmflModel(config, damsm, new MmflGenerator(config.Preset, config.UsesWordDemand), device);
        var generator = model.Generator;
        using var discriminator = new PatchDiscriminator(config.Preset);
        generator.to(device);
        discriminator.to(device);
        using var step = new MmflTrainingStep(model, discriminator, Options.Weights, Options.Optimizer);

        run.Lock();
        long done = run.StartStep;
        if (resumeFrom is null)
        {
            if (Options.InitFrom is not null)
                ModelFiles.LoadWeights(generator, Path.Combine(Options.InitFrom, MmflFolder.GeneratorFile));
            MmflFolder.SaveDefinition(config, damsm, folder);
        }
        else
        {
            ModelFiles.LoadWeights(generator, Path.Combine(resumeFrom, MmflFolder.GeneratorFile));
            ModelFiles.LoadWeights(discriminator, Path.Combine(resumeFrom, DiscriminatorFile));
            ModelFiles.LoadOptimizer(step.GeneratorOptimizer, Path.Combine(resumeFrom, GeneratorOptimizerFile));
            ModelFiles.LoadOptimizer(step.DiscriminatorOptimizer, Path.Combine(resumeFrom, DiscriminatorOptimizerFile));
            run.RestoreRandomState();
            // A kill between a checkpoint and the folder's own weights left those one checkpoint behind.
            ModelFiles.SaveWeights(generator, Path.Combine(folder, MmflFolder.GeneratorFile));
        }

        var encoder = new CaptionEncoder(damsm.Vocabulary);
        var samples = new InpaintingDataset(train, encoder, TrainingSamples(config.Preset, Options));
        var validation = ValidationSet(validationImages, encoder, config.Preset.ImageSize);
        long total = (long)order.BatchesPerEpoch * Options.Epochs;
        var log = run.OpenLog(done);
        var watch = new Watch(model, validation);

        return TrainingLoop.Run("train", order, epoch =>
            {
                samples.Epoch = epoch;
                step.SetLearningRate(Options.Optimizer.RateInEpoch(epoch, Options.Epochs));
            }, done, total, schedule, log,
            indices => TrainOne(samples, indices, step, device),
            saveAt => Checkpoint(generator, discriminator, step, run, log, watch, saveAt),
            saveAt => watch.SampleSheet(Path.Combine(folder, SampleImages, $"step-{saveAt:D8}.png"), saveAt),
            progress, cancel);
    }

    private static IReadOnlyDictionary<string, double> TrainOne(InpaintingDataset samples, int[] indices, MmflTrainingStep step, Device device)
    {
        using var scope = StepScope.Open();
        return step.Train(samples.Batch(indices, device));
    }

    /// <summary>Images per batch: the run's, or the preset's when the run names none.</summary>
    internal static int BatchSize(MmflPreset preset, MmflRunOptions options) => options.BatchSize ?? preset.TrainingBatchSize;

    /// <summary>
    /// How the training samples are made: the preset's size and random grayscale, horizontal flips,
    /// the run's holes, seed and caption edits, and the named parts' labels when the preset's TGA
    /// map reads them and the data set has part maps.
    /// </summary>
    internal static InpaintingDatasetOptions TrainingSamples(MmflPreset preset, MmflRunOptions options) =>
        new(preset.ImageSize, options.Mask, options.Seed)
        {
            Augmentation = new AugmentationOptions(GrayscaleProbability: preset.TrainingGrayscaleProbability),
            CaptionEditProbability = options.CaptionEdits,
            NamedPartLabels = preset.TextAttentionFromParts && DatasetLoader.IsSynthBirds(options.Data),
            SourceSize = options.SourceSize,
        };

    private void Checkpoint(MmflGenerator generator, PatchDiscriminator discriminator, MmflTrainingStep step, TrainingRun run,
        MetricsLog log, Watch watch, long done)
    {
        if (watch.Validate() is { } validation)
            log.Append(done, validation);
        watch.SampleSheet(Path.Combine(Options.Output, SampleImages, $"step-{done:D8}.png"), done);
        run.Checkpoint(done, Options, log, checkpoint =>
        {
            ModelFiles.SaveWeights(generator, Path.Combine(checkpoint, MmflFolder.GeneratorFile));
            ModelFiles.SaveWeights(discriminator, Path.Combine(checkpoint, DiscriminatorFile));
            ModelFiles.SaveOptimizer(step.GeneratorOptimizer, Path.Combine(checkpoint, GeneratorOptimizerFile));
            ModelFiles.SaveOptimizer(step.DiscriminatorOptimizer, Path.Combine(checkpoint, DiscriminatorOptimizerFile));
        }, () =>
        {
            ModelFiles.SaveWeights(generator, Path.Combine(Options.Output, MmflFolder.GeneratorFile));
            ModelFiles.SaveJson(Recipe(Options), Path.Combine(Options.Output, RecipeFile));
        });
    }

    /// <summary>
    /// The run's options as a model folder keeps them: how it was trained (holes, edited pairs,
    /// loss weights, optimiser, epochs, seed), with every folder reduced to its own name, as
    /// <c>model.json</c> records no path of the machine the model was trained on.
    /// </summary>
    internal static MmflRunOptions Recipe(MmflRunOptions options) => options with
    {
        Data = DataSetName(options.Data),
        Damsm = DataSetName(options.Damsm),
        Output = DataSetName(options.Output),
        InitFrom = options.InitFrom is { } start ? DataSetName(start) : null,
    };

    private MmflConfig NewConfig()
    {
        var preset = MmflPreset.Named(Options.Preset);
        var config = new MmflConfig(preset, UsesText: !Options.NoText, Options.Mask, DataSetName(Options.Data))
        {
            UsesWordDemand = !Options.NoWordDemand,
        };
        return Options.InitFrom is null ? config : config with { InitialisedFrom = InitialWeights(Options.InitFrom, config) };
    }

    /// <summary>The model a new run starts from, refused unless its network is the one this run builds.</summary>
    private static MmflInitialWeights InitialWeights(string model, MmflConfig config)
    {
        var start = MmflFolder.LoadConfig(model);
        if (start.Preset != config.Preset || start.UsesText != config.UsesText || start.UsesWordDemand != config.UsesWordDemand)
            throw new UserInputException($"{model}: its network ({Describe(start)}) is not the one this run trains ({Describe(config)}); --init-from takes a model of the same preset and switches.");
        return new MmflInitialWeights(DataSetName(model), MmflFolder.TrainingStep(model));

        static string Describe(MmflConfig c) =>
            $"preset '{c.Preset.Name}'{(c.UsesText ? "" : ", no text")}{(c.UsesWordDemand ? "" : ", no word demand")}";
    }

    /// <summary>The data set folder's own name: a model folder records no path of the machine it was trained on.</summary>
    internal static string DataSetName(string data) => Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(data)));

    /// <summary>The saved config of the run being resumed, refusing options that would change the network or its losses.</summary>
    private MmflConfig CompatibleConfig(string folder, TrainingRun run)
    {
        var saved = MmflFolder.LoadConfig(folder);
        var differences = new List<string>();
        if (!string.Equals(saved.Preset.Name, Options.Preset, StringComparison.OrdinalIgnoreCase))
            differences.Add($"preset '{saved.Preset.Name}' (asked '{Options.Preset}')");
        if (saved.UsesText == Options.NoText)
            differences.Add(saved.UsesText ? "text (asked --no-text)" : "no text (asked with text)");
        if (saved.UsesWordDemand == Options.NoWordDemand)
            differences.Add(saved.UsesWordDemand ? "the word demand module (asked --no-word-demand)" : "no word demand module (asked with it)");
        var savedOptions = run.ResumedOptions<MmflRunOptions>();
        if (savedOptions.Optimizer != Options.Optimizer)
            differences.Add($"optimiser {savedOptions.Optimizer} (asked {Options.Optimizer})");
        if (savedOptions.Weights != Options.Weights)
            differences.Add($"loss weights {savedOptions.Weights} (asked {Options.Weights})");
        if (savedOptions.Mask != Options.Mask)
            differences.Add($"--mask {savedOptions.Mask.ToString().ToLowerInvariant()} (asked {Options.Mask.ToString().ToLowerInvariant()})");
        if (savedOptions.Seed != Options.Seed)
            differences.Add($"--seed {savedOptions.Seed} (asked {Options.Seed})");
        if (BatchSize(saved.Preset, savedOptions) != BatchSize(saved.Preset, Options))
            differences.Add($"--batch-size {BatchSize(saved.Preset, savedOptions)} (asked {BatchSize(saved.Preset, Options)})");
        if (DataSetName(savedOptions.Data) != DataSetName(Options.Data))
            differences.Add($"--data {DataSetName(savedOptions.Data)} (asked {DataSetName(Options.Data)})");
        if (savedOptions.InitFrom is { } savedStart && Options.InitFrom is { } askedStart && DataSetName(savedStart) != DataSetName(askedStart))
            differences.Add($"--init-from {DataSetName(savedStart)} (asked {DataSetName(askedStart)})");
        if (savedOptions.SourceSize != Options.SourceSize)
            differences.Add($"--source-size {savedOptions.SourceSize?.ToString() ?? "none"} (asked {Options.SourceSize?.ToString() ?? "none"})");
        if (savedOptions.CaptionEdits != Options.CaptionEdits)
            differences.Add($"--edit-captions {savedOptions.CaptionEdits} (asked {Options.CaptionEdits})");
        if (differences.Count > 0)
            throw new UserInputException($"{folder}: holds a run with {string.Join(", ", differences)}; resume it with its own settings or choose another --out.");
        return saved;
    }

    private InpaintingDataset? ValidationSet(CaptionedDataset? subset, CaptionEncoder encoder, int imageSize) =>
        subset is not null
            ? new InpaintingDataset(subset, encoder,
                new InpaintingDatasetOptions(imageSize, Options.Mask, Options.Seed) { Augmentation = AugmentationOptions.None, SourceSize = Options.SourceSize })
            : null;

    /// <summary>What a person watches during training: validation figures and sample sheets on fixed test images.</summary>
    private sealed class Watch(MmflModel model, InpaintingDataset? validation)
    {
        private const int SheetImages = 8;

        /// <summary>Hole L1 and hole PSNR (data range 1) on the validation images, with zero noise.</summary>
        public Dictionary<string, double>? Validate()
        {
            if (validation is null) return null;
            double l1 = 0, psnr = 0;
            int count = 0;
            ForEachBatch((batch, output) =>
            {
                var n = (int)batch.Images.shape[0];
                l1 += Reconstruction.HoleL1(output.CompositedFinal, batch.Images, batch.Masks).ToDouble() * n;
                // Images are in [-1, 1]: the squared error on the [0, 1] range is a quarter of it.
                var squared = ((output.CompositedFinal - batch.Images).square() * batch.Masks).sum([1, 2, 3]) / (4 * 3 * batch.Masks.sum([1, 2, 3]).clamp_min(1));
                psnr += (-10 * squared.clamp_min(1e-10).log10()).sum().ToDouble();
                count += n;
            });
            return new Dictionary<string, double> { ["val_hole_l1"] = l1 / count, ["val_hole_psnr"] = psnr / count };
        }

        /// <summary>masked input | coarse | final | ground truth, with the caption, for a few fixed test images.</summary>
        public void SampleSheet(string path, long step)
        {
            if (validation is null) return;
            var cells = new List<SheetCell>();
            ForEachBatch((batch, output) =>
            {
                for (int i = 0; i < batch.Images.shape[0] && cells.Count < SheetImages; i++)
                {
                    var index = cells.Count;
                    var caption = model.Config.UsesText ? validation.GetSample(index).CaptionText : "(trained without text)";
                    cells.Add(new SheetCell(
                    [
                        new SheetImage(TensorImages.ToImage(batch.Images[i] * (1 - batch.Masks[i])), "input"),
                        new SheetImage(TensorImages.ToImage(output.CompositedCoarse[i]), "coarse"),
                        new SheetImage(TensorImages.ToImage(output.CompositedFinal[i]), "final"),
                        new SheetImage(TensorImages.ToImage(batch.Images[i]), "truth"),
                    ], caption));
                }
            }, limit: SheetImages);
            ContactSheet.Save(cells, new ContactSheetOptions(Columns: 2, ImageHeight: 96, Title: $"step {step}"), path);
        }

        private void ForEachBatch(Action<InpaintingBatch, MmflOutput> use, int limit = int.MaxValue, int batchSize = 32)
        {
            var generator = model.Generator;
            bool wasTraining = generator.training;
            generator.eval();
            try
            {
                using var noGrad = no_grad();
                long count = Math.Min(limit, validation!.Count);
                for (int start = 0; start < count; start += batchSize)
                {
                    using var scope = StepScope.Open();
                    var indices = Enumerable.Range(start, (int)Math.Min(batchSize, count - start));
                    var batch = validation.Batch(indices, model.Device);
                    use(batch, model.Generate(MmflTrainingStep.InputOf(batch), GeneratorNoise.Zero(model.Config.Preset, batch.Images.shape[0], model.Device)));
                }
            }
            finally
            {
                generator.train(wasTraining);
            }
        }
    }
}
