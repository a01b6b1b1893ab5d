using TextInpaint.Data;
using TextInpaint.Data.Batching;
using TextInpaint.Evaluation;
using TextInpaint.Losses;
using TextInpaint.Models.Damsm;
using TextInpaint.Models.Pretrained;
using TextInpaint.Runtime;
using TextInpaint.Storage;
using TextInpaint.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace TextInpaint.Training;

/// <summary>
/// DAMSM pre-training (docs/method.md section 4): the text and image encoders learn together from the
/// four DAMSM losses. Resumable exactly: weights, Adam state, step and torch's random state are
/// checkpointed, and the data order depends only on (seed, epoch). With a ResNet-18 image encoder and
/// no random crop, the frozen network reads each sample's image once and the steps train on its kept
/// features (<see cref="PretrainedFeatureCache"/>), which makes a step about as cheap as the projections.
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
        if (Options.ImageInputSize is < 32 or > 1024 || Options.ImageInputSize % 16 != 0)
            throw new UserInputException($"--input-size {Options.ImageInputSize}: must be a multiple of 16 from 32 to 1024.");
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
        using var encoders = DamsmFolder.Create(config, vocabulary).To(device);
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
        // A random crop gives every step new images: the frozen network must read each of them.
        using var trainFeatures = encoders.Image is ResNet18ImageEncoder pretrained && !Recipe.RandomCrop
            ? new PretrainedFeatureCache(pretrained, train.Count) : null;
        using var validationFeatures = trainFeatures is not null && validation is not null
            ? new PretrainedFeatureCache((ResNet18ImageEncoder)encoders.Image, validation.Count) : null;
        if (trainFeatures is not null)
            say?.Invoke($"the frozen ResNet-18 reads each training image (and its mirror image) once; its features are kept in memory, "
                + $"about {FeatureMegabytes(config.ImageEncoder, 2 * train.Count):N0} MB when all are read.");
        var job = new StepJob(Options, run, run.OpenLog(run.StartStep), order, schedule, samples, validation, encoders, step, device,
            trainFeatures, validationFeatures);
        return TrainingLoop.Run(job, run.StartStep, (long)order.BatchesPerEpoch * Recipe.Epochs, progress, cancel);
    }

    /// <summary>The encoders the options ask for, with a vocabulary built from the training captions.</summary>
    private DamsmConfig AskedConfig(Vocabulary vocabulary) => new(
        Options.ImageSize,
        new TextEncoderOptions(vocabulary.Count, Options.EmbeddingSize, Options.HiddenPerDirection),
        new ImageEncoderOptions(FeatureSize: 2 * Options.HiddenPerDirection, BaseWidth: Options.ImageEncoderWidth, Network: Options.ImageEncoder,
            InputSize: Options.ImageInputSize),
        new DamsmMatchingOptions(Gamma1: Options.Gamma1));

    /// <summary>Memory the kept features of <paramref name="samples"/> samples take: the region map and the last stage's map, float32.</summary>
    private static double FeatureMegabytes(ImageEncoderOptions image, int samples)
    {
        var grid = image.GridSide(image.InputSize);
        var last = ResNet18ImageEncoder.LastStageSide(image.InputSize);
        return samples * 4.0 * (ResNet18ImageEncoder.RegionChannels * grid * grid + ResNet18Features.PooledSize * last * last) / (1 << 20);
    }

    /// <summary>One run's steps as the loop drives them.</summary>
    private sealed class StepJob(DamsmRunOptions options, TrainingRun run, MetricsLog log, EpochOrder order, StepSchedule schedule,
        CaptionedImageDataset samples, CaptionedImageDataset? validation, DamsmEncoders encoders, DamsmTrainingStep step, Device device,
        PretrainedFeatureCache? trainFeatures, PretrainedFeatureCache? validationFeatures)
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
            var losses = trainFeatures is null
                ? step.Train(batch.Captions, batch.CaptionLengths, batch.Images, batch.ClassIds)
                : step.Train(batch.Captions, batch.CaptionLengths, trainFeatures.Read(samples, batch.Images), batch.ClassIds);
            var figures = new Dictionary<string, double> { ["damsm_word"] = losses.Word, ["damsm_sentence"] = losses.Sentence };
            if (!double.IsFinite(losses.Total))
                figures[TrainingLoop.SkippedStep] = 1;
            return figures;
        }

        public void Checkpoint(long done)
        {
            if (validation is not null)
            {
                var score = DamsmEvaluator.Evaluate(encoders, validation, device, draws: 1, seed: options.Recipe.Seed,
                    encodeImages: validationFeatures is null ? null
                        : (drawn, batch) => ((ResNet18ImageEncoder)encoders.Image).Project(validationFeatures.Read(drawn, batch.Images))).RPrecision.Mean;
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
