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
}

/// <summary>
/// DAMSM pre-training (MMFL.md section 4): the text and image encoders learn together from the
/// four DAMSM losses. Resumable exactly: weights, Adam state, step and torch's random state are
/// checkpointed, and the data order depends only on (seed, epoch).
/// </summary>
public sealed class DamsmTrainer(DamsmRunOptions options)
{
    private const string StateFile = "optimizer.pt", RngFile = "rng.bin", RunOptionsFile = "run.json";

    public DamsmRunOptions Options { get; } = options;

    /// <summary>Trains until the last epoch is done or <paramref name="cancel"/> fires (then a checkpoint is saved and
    /// <see cref="OperationCanceledException"/> thrown). Returns the folder's final step.</summary>
    public long Run(IProgress<JobProgress>? progress = null, CancellationToken cancel = default)
    {
        if (Options.LearningRateDecay is <= 0 or > 1)
            throw new UserInputException($"--lr-decay {Options.LearningRateDecay}: expected a factor above 0 and at most 1.");
        if (Options.Gamma1 <= 0)
            throw new UserInputException($"--gamma1 {Options.Gamma1}: expected a positive number.");
        var device = TorchRuntime.ResolveDevice(Options.Device);
        var train = DatasetLoader.Open(Options.Data, Split.Train, Options.DataKind);
        var order = new EpochOrder(train.Count, Options.BatchSize, Options.Seed);
        var folder = Options.Output;
        var store = new CheckpointStore(folder);
        var resumeFrom = DamsmFolder.Exists(folder) ? store.Latest() : null;
        if (resumeFrom is null) CheckpointStore.RequireNewOrOwnFolder(folder, DamsmFolder.ConfigFile, "DAMSM run");

        var (config, vocabulary) = resumeFrom is null
            ? NewModel(train)
            : (CompatibleConfig(folder), Vocabulary.Load(Path.Combine(folder, DamsmFolder.VocabularyFile)));
        torch.manual_seed(Options.Seed); // the initial weights; a resume then overwrites them and the random state
        using var encoders = DamsmEncoders.Create(config, vocabulary).To(device);
        using var step = new DamsmTrainingStep(encoders.Text, encoders.Image, new DamsmTrainingOptions(LearningRate: Options.LearningRate, Loss: config.Loss));

        using var runLock = RunLock.Acquire(folder);
        long done = 0;
        if (resumeFrom is null)
        {
            DamsmFolder.Save(encoders, folder);
        }
        else
        {
            DamsmFolder.LoadWeights(encoders, resumeFrom);
            ModelFiles.LoadOptimizer(step.Optimizer, Path.Combine(resumeFrom, StateFile));
            ModelFiles.LoadRngState(Path.Combine(resumeFrom, RngFile));
            done = CheckpointStore.ReadStep(resumeFrom);
        }

        var samples = new InpaintingDataset(train, new CaptionEncoder(vocabulary),
            new InpaintingDatasetOptions(config.ImageSize, Seed: Options.Seed) { Augmentation = new AugmentationOptions(RandomCrop: Options.RandomCrop) });
        var validation = ValidationSet(vocabulary, config.ImageSize);
        long total = (long)order.BatchesPerEpoch * Options.Epochs;
        var log = new MetricsLog(Path.Combine(folder, "metrics.csv"), resumeFromStep: done);

        return TrainingLoop.Run("train-damsm", order, samples, done, total,
            new StepSchedule(Options.BatchSize, Options.LogEvery, Options.CheckpointEvery), log,
            indices =>
            {
                step.LearningRate = Options.LearningRateAt(samples.Epoch);
                return TrainOne(samples, indices, step, device);
            },
            saveAt => Checkpoint(encoders, step, store, log, saveAt, validation, device),
            sampleSheet: null, progress, cancel);
    }

    private static Dictionary<string, double> TrainOne(InpaintingDataset samples, int[] indices, DamsmTrainingStep step, Device device)
    {
        using var scope = StepScope.Open();
        var batch = InpaintingDataset.Collate(indices.Select(i => samples.GetTensor(i)), device);
        var losses = step.Train(batch[InpaintingDataset.CaptionKey], batch[InpaintingDataset.CaptionLengthKey],
            batch[InpaintingDataset.ImageKey], batch[InpaintingDataset.ClassIdKey]);
        var figures = new Dictionary<string, double> { ["damsm_word"] = losses.Word, ["damsm_sentence"] = losses.Sentence };
        if (!double.IsFinite(losses.Total))
            figures[TrainingLoop.SkippedStep] = 1;
        return figures;
    }

    private void Checkpoint(DamsmEncoders encoders, DamsmTrainingStep step, CheckpointStore store, MetricsLog log, long done,
        InpaintingDataset? validation, Device device)
    {
        if (validation is not null)
        {
            var score = DamsmEvaluator.Evaluate(encoders, validation, device, draws: 1, seed: Options.Seed).RPrecision.Mean;
            log.Append(done, new Dictionary<string, double> { ["val_r_precision"] = score });
        }
        store.Save(done, checkpoint =>
        {
            DamsmFolder.SaveWeights(encoders, checkpoint);
            ModelFiles.SaveOptimizer(step.Optimizer, Path.Combine(checkpoint, StateFile));
            ModelFiles.SaveRngState(Path.Combine(checkpoint, RngFile));
            ModelFiles.SaveJson(Options, Path.Combine(checkpoint, RunOptionsFile));
        });
        DamsmFolder.SaveWeights(encoders, Options.Output);
        log.Save();
        LossCurves.Save(log, Path.Combine(Options.Output, "loss-curves.png"));
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
    private DamsmConfig CompatibleConfig(string folder)
    {
        var saved = DamsmFolder.LoadConfig(folder);
        var differences = new List<string>();
        if (saved.ImageSize != Options.ImageSize) differences.Add($"image size {saved.ImageSize} (asked {Options.ImageSize})");
        if (saved.TextEncoder.EmbeddingSize != Options.EmbeddingSize) differences.Add($"embedding size {saved.TextEncoder.EmbeddingSize} (asked {Options.EmbeddingSize})");
        if (saved.TextEncoder.HiddenPerDirection != Options.HiddenPerDirection) differences.Add($"hidden size {saved.TextEncoder.HiddenPerDirection} (asked {Options.HiddenPerDirection})");
        if (saved.ImageEncoder.BaseWidth != Options.ImageEncoderWidth) differences.Add($"image encoder width {saved.ImageEncoder.BaseWidth} (asked {Options.ImageEncoderWidth})");
        if (saved.Loss.Gamma1 != Options.Gamma1) differences.Add($"gamma1 {saved.Loss.Gamma1} (asked {Options.Gamma1})");
        if (differences.Count > 0)
            throw new UserInputException($"{folder}: holds a DAMSM run with {string.Join(", ", differences)}; resume it with its own settings or choose another --out.");
        return saved;
    }

    private InpaintingDataset? ValidationSet(Vocabulary vocabulary, int imageSize) =>
        ValidationImages.Head(Options.Data, Options.DataKind, Options.ValidationImages) is { } subset
            ? new InpaintingDataset(subset, new CaptionEncoder(vocabulary),
                new InpaintingDatasetOptions(imageSize, Seed: Options.Seed) { Augmentation = AugmentationOptions.None })
            : null;
}
