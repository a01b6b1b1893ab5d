using TextInpaint.Data;
using TextInpaint.Data.Batching;
using TextInpaint.Evaluation.Metrics;
using TextInpaint.Imaging;
using TextInpaint.Models.Detail;
using TextInpaint.Models.Mmfl;
using TextInpaint.Runtime;
using TextInpaint.Storage;
using TextInpaint.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace TextInpaint.Training;

/// <summary>
/// Training of the detail stage (docs/method.md section 13) over a frozen MMFL model, the base. It
/// wires a run: the folder (new, with the base copied into it, or resumed when its saved network
/// and recipe are the ones asked), the networks, the windows a fill cuts (<see cref="InpaintingDataset"/>
/// at the detail side with <see cref="DetailRecipe.SourceSize"/>) and the watch, and hands the steps to
/// <see cref="TrainingLoop"/>. Resumable exactly: the detail generator, the discriminator, their
/// Adam states, step and torch's random state are checkpointed, and the windows and crops depend
/// only on (seed, epoch, index).
/// </summary>
public sealed class DetailTrainer(DetailRunOptions options) : ITrainingJob
{
    public DetailRunOptions Options { get; } = options;

    private DetailRecipe Recipe => Options.Recipe;

    public long Run(Action<string>? say = null, IProgress<JobProgress>? progress = null, CancellationToken cancel = default)
    {
        Check();
        var device = TorchRuntime.ResolveDevice(Options.Device);
        var folder = Options.Output;
        using var run = new TrainingRun(folder, "train-detail", DetailFolder.ConfigFile, DetailFolder.WeightsFile, say, DetailFolder.BaseSubfolder);
        var resumeFrom = run.ResumeFrom;

        var config = new DetailConfig(Options.Side, Options.Network, MmflRecipe.FolderName(Recipe.Base));
        if (resumeFrom is not null)
        {
            ConfigDifferences.Require(DetailFolder.LoadConfig(folder), config, folder, "network");
            ConfigDifferences.Require(run.ResumedRecipe<DetailRecipe>() with { Epochs = Recipe.Epochs }, Recipe.ForRecord(), folder, "recipe");
        }
        var baseFolder = resumeFrom is not null ? Path.Combine(folder, DetailFolder.BaseSubfolder) : Recipe.Base;
        if (DetailFolder.Exists(baseFolder))
            throw new UserInputException(
                $"--base {baseFolder}: a detail model; give the MMFL model it paints over (its {DetailFolder.BaseSubfolder}/ is one).");
        DetailFolder.RequireBaseFits(config, MmflFolder.LoadConfig(baseFolder).Preset.ImageSize, $"--side {Options.Side}");
        var train = DatasetLoader.Open(Recipe.Data, Split.Train, Recipe.DataKind);
        var validationImages = ValidationImages.Head(Recipe.Data, Recipe.DataKind, Options.ValidationImages);
        var order = new EpochOrder(train.Count, Recipe.BatchSize, Recipe.Seed);
        var schedule = new StepSchedule(Options.LogEvery, Options.CheckpointEvery, Options.SampleEvery);

        var baseModel = MmflFolder.Load(baseFolder, device);
        manual_seed(Recipe.Seed); // the initial weights; a resume overwrites them and the random state
        using var model = new DetailModel(config, baseModel, new DetailGenerator(config.Network), device);
        model.Generator.to(device);
        using var discriminator = Recipe.Weights.Adversarial > 0 ? new PatchDiscriminator(Recipe.DiscriminatorWidth, spectralNorm: true) : null;
        discriminator?.to(device);
        using var step = new DetailTrainingStep(model, discriminator, Recipe.Weights, Recipe.Optimizer, Recipe.TruthFills);

        run.Lock();
        if (resumeFrom is null)
        {
            DetailFolder.SaveDefinition(config, baseFolder, folder);
        }
        else
        {
            ModelFiles.LoadWeights(model.Generator, Path.Combine(resumeFrom, DetailFolder.WeightsFile));
            GanStep.Load(resumeFrom, step.GeneratorOptimizer, discriminator, step.DiscriminatorOptimizer);
            run.RestoreRandomState();
            // A kill between a checkpoint and the folder's own weights left those one checkpoint behind.
            ModelFiles.SaveWeights(model.Generator, Path.Combine(folder, DetailFolder.WeightsFile));
        }

        var encoder = new CaptionEncoder(baseModel.Damsm.Vocabulary);
        var sampleOptions = TrainingSamples(Options.Side, baseModel.Generator.ReadsShownMatch ? baseModel.Config.Preset.ImageSize : null, Recipe);
        var samples = new InpaintingDataset(train, encoder, sampleOptions);
        var watch = new TrainingWatch(model, validationImages is null ? null
            : new InpaintingDataset(validationImages, encoder, sampleOptions with { Augmentation = AugmentationOptions.None }));
        var job = new StepJob(Options, run, run.OpenLog(run.StartStep), order, schedule, samples, model, step, discriminator, watch);
        return TrainingLoop.Run(job, run.StartStep, (long)order.BatchesPerEpoch * Recipe.Epochs, progress, cancel);
    }

    /// <summary>Refuses, before anything is read or written, sizes that do not fit together and a recipe without a loss.</summary>
    private void Check()
    {
        int side = Options.Side, stride = DetailNetwork.Stride;
        if (side < stride || side % stride != 0)
            throw new UserInputException($"--side {side}: must be a positive multiple of {stride}.");
        if (Recipe.Crop < stride || Recipe.Crop % stride != 0 || Recipe.Crop > side)
            throw new UserInputException($"--crop {Recipe.Crop}: must be a multiple of {stride} from {stride} to the side, {side}.");
        if (Recipe.SourceSize < side)
            throw new UserInputException($"--source-size {Recipe.SourceSize}: must be at least the side, {side}: the windows are cut from images "
                + $"at least as large as the network paints.");
        if (Recipe.CaptionEdits is < 0 or > 1)
            throw new UserInputException($"--edit-captions {Recipe.CaptionEdits}: expected a share from 0 to 1.");
        if (Recipe.TruthFills is < 0 or > 1)
            throw new UserInputException($"--truth-fills {Recipe.TruthFills}: expected a share from 0 to 1.");
        var weights = Recipe.Weights;
        double[] all = [weights.HoleL1, weights.Adversarial, weights.Perceptual];
        if (all.Any(w => w < 0 || !double.IsFinite(w)) || all.All(w => w == 0))
            throw new UserInputException($"the detail stage's loss weights (hole L1 {weights.HoleL1}, adversarial {weights.Adversarial}, perceptual "
                + $"{weights.Perceptual}) must be at least 0, and one above 0.");
    }

    /// <summary>
    /// The windows a fill cuts, at the detail side: images loaded at the source size, the recipe's
    /// holes, edits and seed there, horizontal flips, no grayscale; beside each, with
    /// <paramref name="pictureSize"/> (a base that reads it), its whole picture at the base's side.
    /// </summary>
    internal static InpaintingDatasetOptions TrainingSamples(int side, int? pictureSize, DetailRecipe recipe) =>
        new(side, recipe.Mask, recipe.Seed) { CaptionEditProbability = recipe.CaptionEdits, SourceSize = recipe.SourceSize, PictureSize = pictureSize };

    /// <summary>One run's steps as the loop drives them.</summary>
    private sealed class StepJob(DetailRunOptions options, TrainingRun run, MetricsLog log, EpochOrder order, StepSchedule schedule,
        InpaintingDataset samples, DetailModel model, DetailTrainingStep step, PatchDiscriminator? discriminator, TrainingWatch watch)
        : IStepJob<DetailSample[]>
    {
        public string Stage => "train-detail";
        public EpochOrder Order => order;
        public StepSchedule Schedule => schedule;
        public MetricsLog Log => log;

        /// <summary>The windows of the batch, each with the base's view and a crop drawn from (seed, epoch, index).</summary>
        public DetailSample[] Prepare(int epoch, int[] indices)
        {
            int baseSize = model.Base.Config.Preset.ImageSize, seed = options.Recipe.Seed;
            return samples.Samples(epoch, indices).Select(window => DetailSample.Of(window, baseSize, options.Recipe.Crop,
                new Random(unchecked((seed * 1_000_003 + epoch) * 1_000_003 + window.Index)))).ToArray();
        }

        public IReadOnlyDictionary<string, double> Train(int epoch, DetailSample[] batch)
        {
            step.SetLearningRate(options.Recipe.Optimizer.RateInEpoch(epoch, options.Recipe.Epochs));
            return step.Train(DetailBatch.Of(batch, options.Recipe.Crop, model.Device));
        }

        public void Checkpoint(long done) => run.Checkpoint(done, options.Recipe.ForRecord(), log, watch, checkpoint =>
        {
            ModelFiles.SaveWeights(model.Generator, Path.Combine(checkpoint, DetailFolder.WeightsFile));
            GanStep.Save(checkpoint, step.GeneratorOptimizer, discriminator, step.DiscriminatorOptimizer);
        }, () => ModelFiles.SaveWeights(model.Generator, Path.Combine(options.Output, DetailFolder.WeightsFile)));

        public void SampleSheet(long done) => watch.SampleSheet(run.SheetPath(done), done);
    }

    /// <summary>
    /// What a person watches during training, on whole windows of fixed test images filled as a fill
    /// fills them (<see cref="DetailModel.Fill"/>, zero noise): the hole L1 and PSNR of the detail
    /// stage and of the base's upsampled fill, and sample sheets.
    /// </summary>
    private sealed class TrainingWatch(DetailModel model, InpaintingDataset? validation) : IRunWatch
    {
        private const int SheetImages = 8, BatchSize = 16;

        /// <summary>Mean hole L1 and PSNR (<see cref="ImageQuality"/>, on [0, 1]) of the detail stage and of the base's fill.</summary>
        public Dictionary<string, double>? Validate()
        {
            if (validation is null) return null;
            QualityAccumulator detail = new(), fill = new();
            ForEachBatch(validation.Count, (samples, painted, baseFill) =>
            {
                for (int i = 0; i < samples.Length; i++)
                {
                    detail.Add(ImageQuality.Measure(samples[i].Image, painted[i], samples[i].Mask));
                    fill.Add(ImageQuality.Measure(samples[i].Image, baseFill[i], samples[i].Mask));
                }
            });
            var (ours, theirs) = (detail.Compute(), fill.Compute());
            return new Dictionary<string, double>
            {
                ["val_hole_l1"] = ours.HoleL1, ["val_hole_psnr"] = ours.HolePsnr, ["val_base_hole_psnr"] = theirs.HolePsnr,
            };
        }

        /// <summary>input | base's fill, upsampled | detail stage | truth, with the caption, for a few fixed test windows.</summary>
        public void SampleSheet(string path, long step)
        {
            if (validation is null) return;
            var cells = new List<SheetCell>();
            ForEachBatch(Math.Min(SheetImages, validation.Count), (samples, painted, baseFill) =>
            {
                for (int i = 0; i < samples.Length; i++)
                    cells.Add(new SheetCell(
                    [
                        new SheetImage(MaskOps.GreyOut(samples[i].Image, samples[i].Mask), "input"),
                        new SheetImage(baseFill[i], "base"),
                        new SheetImage(painted[i], "detail"),
                        new SheetImage(samples[i].Image, "truth"),
                    ], samples[i].CaptionText));
            });
            ContactSheet.Save(cells, new ContactSheetOptions(Columns: 2, ImageHeight: 128, Title: $"step {step}"), path);
        }

        /// <summary>Fills batches of validation windows; gives the samples, the painted windows and the base's fill upsampled into the hole.</summary>
        private void ForEachBatch(int count, Action<InpaintingSample[], RgbImage[], RgbImage[]> use)
        {
            bool wasTraining = model.Generator.training;
            model.Generator.eval();
            try
            {
                for (int start = 0; start < count; start += BatchSize)
                {
                    using var scope = StepScope.Open();
                    var samples = validation!.Samples(epoch: 0, Enumerable.Range(start, Math.Min(BatchSize, count - start)).ToArray());
                    var fill = model.Fill(samples.Select(s => s.Image).ToArray(), samples.Select(s => s.Mask).ToArray(),
                        samples.Select(s => s.Caption).ToArray(), pictures: InpaintingSample.PicturesOf(samples));
                    var windows = stack(samples.Select(s => TensorImages.ToTensor(s.Image))).to(model.Device);
                    var holes = stack(samples.Select(s => TensorImages.ToTensor(s.Mask))).to(model.Device);
                    var baseFill = HoleComposite.Fill(windows, DetailModel.Upsample(fill.Mmfl.CompositedFinal, model.Config.Side), holes);
                    use(samples, Images(fill.Images), Images(baseFill));
                }
            }
            finally
            {
                model.Generator.train(wasTraining);
            }
        }

        private static RgbImage[] Images(Tensor batch) => Enumerable.Range(0, (int)batch.shape[0]).Select(i => TensorImages.ToImage(batch[i])).ToArray();
    }
}
