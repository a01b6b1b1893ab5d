using TextInpaint.Data;
using TextInpaint.Data.Batching;
using TextInpaint.Evaluation;
using TextInpaint.Losses;
using TextInpaint.Models.Damsm;
using TextInpaint.Runtime;
using TextInpaint.Storage;
using TextInpaint.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace TextInpaint.Training;

/// <summary>Everything that decides a DAMSM pre-training run.</summary>
/// <param name="Data">Data set root (any layout <see cref="DatasetLoader"/> reads).</param>
/// <param name="Output">The DAMSM folder: encoders, vocabulary, config, checkpoints, metrics.</param>
/// <param name="Epochs">Passes over the training split; a resumed run may raise it.</param>
/// <param name="CheckpointEvery">Steps between checkpoints (one is also written at the end and on Ctrl-C).</param>
/// <param name="ValidationImages">Test images used for the R-precision logged at each checkpoint (0: none).</param>
/// <param name="Gamma1">DAMSM's γ1, the sharpness of each word's attention over regions (AttnGAN's birds config uses 4).</param>
/// <param name="LearningRateDecay">Factor applied to the learning rate after every epoch while it is above a tenth of
/// <paramref name="LearningRate"/> (AttnGAN's schedule: 0.98); 1 keeps it constant.</param>
/// <param name="RandomCrop">Load each image at 76/64 of the size and crop a random square of the size from it (AttnGAN's augmentation).</param>
public sealed record DamsmRunOptions(
    string Data,
    string Output,
    string DataKind = DatasetLoader.Auto,
    int ImageSize = 64,
    int BatchSize = 32,
    int Epochs = 40,
    double LearningRate = 2e-3,
    int Seed = 1,
    string Device = "cpu",
    int CheckpointEvery = 250,
    int LogEvery = 10,
    int ValidationImages = 500,
    int EmbeddingSize = 300,
    int HiddenPerDirection = 128,
    int ImageEncoderWidth = 32,
    double Gamma1 = 5,
    double LearningRateDecay = 1,
    bool RandomCrop = false)
{
    /// <summary>The learning rate of epoch <paramref name="epoch"/> (0-based) under <see cref="LearningRateDecay"/>.</summary>
    public double LearningRateAt(int epoch)
    {
        double rate = LearningRate;
        for (int i = 0; i < epoch && rate > LearningRate / 10; i++)
            rate *= LearningRateDecay;
        return rate;
    }

    /// <summary>The size of the word and sentence features (both LSTM directions), which an MMFL preset's word size must match.</summary>
    public int WordSize => 2 * HiddenPerDirection;

    /// <summary>These options with encoders that give <paramref name="wordSize"/>-d features (e.g. 16 for the tiny preset).</summary>
    public DamsmRunOptions WithWordSize(int wordSize)
    {
        if (wordSize < 2 || wordSize % 2 != 0)
            throw new UserInputException($"--word-size {wordSize}: must be a positive even number (the text encoder's two directions share it).");
        return this with { HiddenPerDirection = wordSize / 2 };
    }
}

/// <summary>
/// DAMSM pre-training (docs/method.md section 4): the text and image encoders learn together from the
/// four DAMSM losses. Resumable exactly: weights, Adam state, step and torch's random state are
/// checkpointed, and the data order depends only on (seed, epoch).
/// </summary>
public sealed class DamsmTrainer(DamsmRunOptions options) : ITrainingJob
{
    private const string StateFile = "optimizer.pt";

    public DamsmRunOptions Options { get; } = options;

    public long? ResumeStep() => TrainingRun.ResumeStep(Options.Output, DamsmFolder.ConfigFile);

    public string? RecoverInterruptedCheckpoint() => TrainingRun.Recover(Options.Output, DamsmFolder.ConfigFile);

    public long Run(IProgress<JobProgress>? progress = null, CancellationToken cancel = default)
    {
        if (Options.LearningRateDecay is <= 0 or > 1)
            throw new UserInputException($"--lr-decay {Options.LearningRateDecay}: expected a factor above 0 and at most 1.");
        if (!double.IsFinite(Options.LearningRate) || Options.LearningRate <= 0)
            throw new UserInputException($"--lr {Options.LearningRate}: expected a positive number.");
        if (Options.Gamma1 <= 0)
            throw new UserInputException($"--gamma1 {Options.Gamma1}: expected a positive number.");
        var schedule = new StepSchedule(Options.BatchSize, Options.LogEvery, Options.CheckpointEvery);
        var device = TorchRuntime.ResolveDevice(Options.Device);
        var folder = Options.Output;
        using var run = new TrainingRun(folder, "train-damsm", DamsmFolder.ConfigFile, DamsmFolder.TextEncoderFile, DamsmFolder.VocabularyFile, DamsmFolder.ImageEncoderFile);
        var train = DatasetLoader.Open(Options.Data, Split.Train, Options.DataKind);
        var validationImages = ValidationImages.Head(Options.Data, Options.DataKind, Options.ValidationImages);
        var order = new EpochOrder(train.Count, Options.BatchSize, Options.Seed);
        var resumeFrom = run.ResumeFrom;

        var (config, vocabulary) = resumeFrom is null
            ? NewModel(train)
            : (CompatibleConfig(folder, run), Vocabulary.Load(Path.Combine(folder, DamsmFolder.VocabularyFile)));
        torch.manual_seed(Options.Seed); // the initial weights; a resume then overwrites them and the random state
        using var encoders = DamsmEncoders.Create(config, vocabulary).To(device);
        using var step = new DamsmTrainingStep(encoders.Text, encoders.Image, new DamsmTrainingOptions(LearningRate: Options.LearningRate, Loss: config.Loss));

        run.Lock();
        long done = run.StartStep;
        if (resumeFrom is null)
        {
            // The weights come with the first checkpoint: weights without one would mark a finished model, never trained over.
            DamsmFolder.SaveDefinition(encoders, folder);
        }
        else
        {
            DamsmFolder.LoadWeights(encoders, resumeFrom);
            ModelFiles.LoadOptimizer(step.Optimizer, Path.Combine(resumeFrom, StateFile));
            run.RestoreRandomState();
            // A kill between a checkpoint and the folder's own encoders left them one checkpoint behind, or one from each.
            DamsmFolder.SaveWeights(encoders, folder);
        }

        var samples = new CaptionedImageDataset(train, new CaptionEncoder(vocabulary),
            new CaptionedImageOptions(config.ImageSize, Seed: Options.Seed) { Augmentation = new AugmentationOptions(RandomCrop: Options.RandomCrop) });
        var validation = ValidationSet(validationImages, vocabulary, config.ImageSize);
        long total = (long)order.BatchesPerEpoch * Options.Epochs;
        var log = run.OpenLog(done);

        return TrainingLoop.Run("train-damsm", order, epoch => samples.Epoch = epoch, done, total, schedule, log,
            indices =>
            {
                step.LearningRate = Options.LearningRateAt(samples.Epoch);
                return TrainOne(samples, indices, step, device);
            },
            saveAt => Checkpoint(encoders, step, run, log, saveAt, validation, device),
            sampleSheet: null, progress, cancel);
    }

    private static Dictionary<string, double> TrainOne(CaptionedImageDataset samples, int[] indices, DamsmTrainingStep step, Device device)
    {
        using var scope = StepScope.Open();
        var batch = samples.Batch(indices, device);
        var losses = step.Train(batch.Captions, batch.CaptionLengths, batch.Images, batch.ClassIds);
        var figures = new Dictionary<string, double> { ["damsm_word"] = losses.Word, ["damsm_sentence"] = losses.Sentence };
        if (!double.IsFinite(losses.Total))
            figures[TrainingLoop.SkippedStep] = 1;
        return figures;
    }

    private void Checkpoint(DamsmEncoders encoders, DamsmTrainingStep step, TrainingRun run, MetricsLog log, long done,
        CaptionedImageDataset? validation, Device device)
    {
        if (validation is not null)
        {
            var score = DamsmEvaluator.Evaluate(encoders, validation, device, draws: 1, seed: Options.Seed).RPrecision.Mean;
            log.Append(done, new Dictionary<string, double> { ["val_r_precision"] = score });
        }
        run.Checkpoint(done, Options, log, checkpoint =>
        {
            DamsmFolder.SaveWeights(encoders, checkpoint);
            ModelFiles.SaveOptimizer(step.Optimizer, Path.Combine(checkpoint, StateFile));
        }, () => DamsmFolder.SaveWeights(encoders, Options.Output));
    }

    private (DamsmConfig, Vocabulary) NewModel(CaptionedDataset train)
    {
        if (Options.ImageSize < 16 || Options.ImageSize % 16 != 0)
            throw new UserInputException($"--size {Options.ImageSize}: must be a positive multiple of 16.");
        var vocabulary = Vocabulary.Build(train.Entries.SelectMany(e => e.Captions));
        var config = new DamsmConfig(
            Options.ImageSize,
            new TextEncoderOptions(vocabulary.Count, Options.EmbeddingSize, Options.HiddenPerDirection),
            new ImageEncoderOptions(FeatureSize: 2 * Options.HiddenPerDirection, BaseWidth: Options.ImageEncoderWidth),
            new DamsmLossOptions(Gamma1: Options.Gamma1));
        return (config, vocabulary);
    }

    /// <summary>The saved config of the run being resumed, refusing one whose model differs from the options.</summary>
    private DamsmConfig CompatibleConfig(string folder, TrainingRun run)
    {
        var saved = DamsmFolder.LoadConfig(folder);
        var differences = new List<string>();
        if (saved.ImageSize != Options.ImageSize) differences.Add($"image size {saved.ImageSize} (asked {Options.ImageSize})");
        if (saved.TextEncoder.EmbeddingSize != Options.EmbeddingSize) differences.Add($"embedding size {saved.TextEncoder.EmbeddingSize} (asked {Options.EmbeddingSize})");
        if (saved.TextEncoder.HiddenPerDirection != Options.HiddenPerDirection) differences.Add($"hidden size {saved.TextEncoder.HiddenPerDirection} (asked {Options.HiddenPerDirection})");
        if (saved.ImageEncoder.BaseWidth != Options.ImageEncoderWidth) differences.Add($"image encoder width {saved.ImageEncoder.BaseWidth} (asked {Options.ImageEncoderWidth})");
        if (saved.Loss.Gamma1 != Options.Gamma1) differences.Add($"gamma1 {saved.Loss.Gamma1} (asked {Options.Gamma1})");
        var savedOptions = run.ResumedOptions<DamsmRunOptions>();
        if (savedOptions.Seed != Options.Seed) differences.Add($"--seed {savedOptions.Seed} (asked {Options.Seed})");
        if (savedOptions.BatchSize != Options.BatchSize) differences.Add($"--batch-size {savedOptions.BatchSize} (asked {Options.BatchSize})");
        if (MmflTrainer.DataSetName(savedOptions.Data) != MmflTrainer.DataSetName(Options.Data))
            differences.Add($"--data {MmflTrainer.DataSetName(savedOptions.Data)} (asked {MmflTrainer.DataSetName(Options.Data)})");
        if (savedOptions.LearningRate != Options.LearningRate) differences.Add($"--lr {savedOptions.LearningRate} (asked {Options.LearningRate})");
        if (differences.Count > 0)
            throw new UserInputException($"{folder}: holds a DAMSM run with {string.Join(", ", differences)}; resume it with its own settings or choose another --out.");
        return saved;
    }

    private CaptionedImageDataset? ValidationSet(CaptionedDataset? subset, Vocabulary vocabulary, int imageSize) =>
        subset is not null
            ? new CaptionedImageDataset(subset, new CaptionEncoder(vocabulary),
                new CaptionedImageOptions(imageSize, Seed: Options.Seed) { Augmentation = AugmentationOptions.None })
            : null;
}
