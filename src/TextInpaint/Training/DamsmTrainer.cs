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

/// <summary>
/// How the DAMSM encoders are trained: the data, batches, learning rate and its schedule, epochs,
/// seed and augmentation. The folder keeps it as <c>training.json</c> (the data set by its name
/// only) and each checkpoint a copy; a resumed run must ask for the same one (only
/// <see cref="Epochs"/> may grow). The encoders themselves are <see cref="DamsmConfig"/>, in <c>damsm.json</c>.
/// </summary>
/// <param name="Data">Data set root (any layout <see cref="DatasetLoader"/> reads).</param>
/// <param name="Epochs">Passes over the training split; a resumed run may raise it.</param>
/// <param name="LearningRateDecay">Factor applied to the learning rate after every epoch while it is above a tenth of
/// <paramref name="LearningRate"/> (AttnGAN's schedule: 0.98); 1 keeps it constant.</param>
/// <param name="RandomCrop">Load each image at 76/64 of the size and crop a random square of the size from it (AttnGAN's augmentation).</param>
public sealed record DamsmRecipe(
    string Data,
    string DataKind = DatasetLoader.Auto,
    int BatchSize = 32,
    int Epochs = 40,
    double LearningRate = 2e-3,
    double LearningRateDecay = 1,
    int Seed = 1,
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

    /// <summary>The recipe as the folder keeps it: the data set by its own name.</summary>
    public DamsmRecipe ForRecord() => this with { Data = MmflRecipe.FolderName(Data) };
}

/// <summary>
/// Everything that decides a DAMSM pre-training run: the encoders' sizes (<c>damsm.json</c>), the
/// <see cref="Recipe"/> (<c>training.json</c>), and how the run is watched and where it is written.
/// </summary>
/// <param name="Output">The DAMSM folder: encoders, vocabulary, config, checkpoints, metrics.</param>
/// <param name="Gamma1">DAMSM's γ1, the sharpness of each word's attention over regions (AttnGAN's birds config uses 4).</param>
/// <param name="CheckpointEvery">Steps between checkpoints (one is also written at the end and on Ctrl-C).</param>
/// <param name="ValidationImages">Test images used for the R-precision logged at each checkpoint (0: none).</param>
public sealed record DamsmRunOptions(
    DamsmRecipe Recipe,
    string Output,
    int ImageSize = 64,
    int EmbeddingSize = 300,
    int HiddenPerDirection = 128,
    int ImageEncoderWidth = 32,
    double Gamma1 = 5,
    string Device = "cpu",
    int CheckpointEvery = 250,
    int LogEvery = 10,
    int ValidationImages = 500)
{
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

    private DamsmRecipe Recipe => Options.Recipe;

    public long Run(Action<string>? say = null, IProgress<JobProgress>? progress = null, CancellationToken cancel = default)
    {
        if (Recipe.LearningRateDecay is <= 0 or > 1)
            throw new UserInputException($"--lr-decay {Recipe.LearningRateDecay}: expected a factor above 0 and at most 1.");
        if (!double.IsFinite(Recipe.LearningRate) || Recipe.LearningRate <= 0)
            throw new UserInputException($"--lr {Recipe.LearningRate}: expected a positive number.");
        if (Options.Gamma1 <= 0)
            throw new UserInputException($"--gamma1 {Options.Gamma1}: expected a positive number.");
        if (Options.ImageSize < 16 || Options.ImageSize % 16 != 0)
            throw new UserInputException($"--size {Options.ImageSize}: must be a positive multiple of 16.");
        var schedule = new StepSchedule(Options.LogEvery, Options.CheckpointEvery);
        var device = TorchRuntime.ResolveDevice(Options.Device);
        var folder = Options.Output;
        using var run = new TrainingRun(folder, "train-damsm", DamsmFolder.ConfigFile, DamsmFolder.TextEncoderFile, say, DamsmFolder.VocabularyFile,
            DamsmFolder.ImageEncoderFile);
        var train = DatasetLoader.Open(Recipe.Data, Split.Train, Recipe.DataKind);
        var validationImages = ValidationImages.Head(Recipe.Data, Recipe.DataKind, Options.ValidationImages);
        var order = new EpochOrder(train.Count, Recipe.BatchSize, Recipe.Seed);
        var resumeFrom = run.ResumeFrom;

        var vocabulary = Vocabulary.Build(train.Entries.SelectMany(e => e.Captions));
        var config = AskedConfig(vocabulary);
        if (resumeFrom is not null)
        {
            ConfigDifferences.Require(DamsmFolder.LoadConfig(folder), config, folder, "encoder");
            ConfigDifferences.Require(run.ResumedRecipe<DamsmRecipe>() with { Epochs = Recipe.Epochs }, Recipe.ForRecord(), folder, "recipe");
            vocabulary = Vocabulary.Load(Path.Combine(folder, DamsmFolder.VocabularyFile));
        }
        torch.manual_seed(Recipe.Seed); // the initial weights; a resume then overwrites them and the random state
        using var encoders = DamsmEncoders.Create(config, vocabulary).To(device);
        using var step = new DamsmTrainingStep(encoders.Text, encoders.Image,
            new DamsmTrainingOptions(LearningRate: Recipe.LearningRate, Matching: config.Matching));

        run.Lock();
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
            new CaptionedImageOptions(config.ImageSize, Seed: Recipe.Seed) { Augmentation = new AugmentationOptions(RandomCrop: Recipe.RandomCrop) });
        var validation = validationImages is null ? null
            : new CaptionedImageDataset(validationImages, new CaptionEncoder(vocabulary),
                new CaptionedImageOptions(config.ImageSize, Seed: Recipe.Seed) { Augmentation = AugmentationOptions.None });
        var job = new StepJob(Options, run, run.OpenLog(run.StartStep), order, schedule, samples, validation, encoders, step, device);
        return TrainingLoop.Run(job, run.StartStep, (long)order.BatchesPerEpoch * Recipe.Epochs, progress, cancel);
    }

    /// <summary>The encoders the options ask for, with a vocabulary built from the training captions.</summary>
    private DamsmConfig AskedConfig(Vocabulary vocabulary) => new(
        Options.ImageSize,
        new TextEncoderOptions(vocabulary.Count, Options.EmbeddingSize, Options.HiddenPerDirection),
        new ImageEncoderOptions(FeatureSize: 2 * Options.HiddenPerDirection, BaseWidth: Options.ImageEncoderWidth),
        new DamsmMatchingOptions(Gamma1: Options.Gamma1));

    /// <summary>One run's steps as the loop drives them.</summary>
    private sealed class StepJob(DamsmRunOptions options, TrainingRun run, MetricsLog log, EpochOrder order, StepSchedule schedule,
        CaptionedImageDataset samples, CaptionedImageDataset? validation, DamsmEncoders encoders, DamsmTrainingStep step, Device device)
        : IStepJob<CaptionedImageSample[]>
    {
        public string Stage => "train-damsm";
        public EpochOrder Order => order;
        public StepSchedule Schedule => schedule;
        public MetricsLog Log => log;

        public CaptionedImageSample[] Prepare(int epoch, int[] indices) => samples.Samples(epoch, indices);

        public IReadOnlyDictionary<string, double> Train(int epoch, CaptionedImageSample[] samples)
        {
            step.LearningRate = options.Recipe.LearningRateAt(epoch);
            var batch = CaptionedImageBatch.Of(samples, device);
            var losses = step.Train(batch.Captions, batch.CaptionLengths, batch.Images, batch.ClassIds);
            var figures = new Dictionary<string, double> { ["damsm_word"] = losses.Word, ["damsm_sentence"] = losses.Sentence };
            if (!double.IsFinite(losses.Total))
                figures[TrainingLoop.SkippedStep] = 1;
            return figures;
        }

        public void Checkpoint(long done)
        {
            if (validation is not null)
            {
                var score = DamsmEvaluator.Evaluate(encoders, validation, device, draws: 1, seed: options.Recipe.Seed).RPrecision.Mean;
                log.Append(done, new Dictionary<string, double> { ["val_r_precision"] = score });
            }
            run.Checkpoint(done, options.Recipe.ForRecord(), log, checkpoint =>
            {
                DamsmFolder.SaveWeights(encoders, checkpoint);
                ModelFiles.SaveOptimizer(step.Optimizer, Path.Combine(checkpoint, StateFile));
            }, () => DamsmFolder.SaveWeights(encoders, options.Output));
        }

        public void SampleSheet(long done)
        {
        }
    }
}
