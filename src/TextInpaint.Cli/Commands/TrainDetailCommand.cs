using System.CommandLine;
using TextInpaint.Data.Masks;
using TextInpaint.Training;

namespace TextInpaint.Cli.Commands;

/// <summary>`textinpaint train-detail`: trains the detail stage that paints a trained model's fills at full resolution.</summary>
public static class TrainDetailCommand
{
    public static Command Create()
    {
        var defaults = new DetailRunOptions(new DetailRecipe("data/synthbirds256", DefaultModel.BaseRelativePath), Output: "runs/detail256");
        var recipeDefaults = defaults.Recipe;
        var baseModel = new Option<string>("--base")
        {
            Description = "The trained MMFL model whose fill the detail stage paints over (frozen; copied into --out's base/).",
            DefaultValueFactory = _ => DefaultModel.BaseFolder(),
        };
        var data = new Option<string>("--data")
        {
            Description = "Data set folder (any layout `train` reads), rendered at least at --source-size.",
            DefaultValueFactory = _ => recipeDefaults.Data,
        };
        var kind = CommonOptions.DataKind();
        var output = CommonOptions.RunFolder(defaults.Output, "Detail model folder");
        var side = new Option<int>("--side")
        {
            Description = "The side of the windows the detail stage paints (a multiple of 4, at least the base's side).",
            DefaultValueFactory = _ => defaults.Side,
        }.Within(4, 4096);
        var sourceSize = new Option<int>("--source-size")
        {
            Description = "Load the images at this side, make the holes (and edits) there, and cut the window around each hole at --side as "
                + "`inpaint` and `serve` cut it (at least --side).",
            DefaultValueFactory = _ => recipeDefaults.SourceSize,
        }.Within(4, 4096);
        var crop = new Option<int>("--crop")
        {
            Description = "The side of the square of each window trained on, placed over a hole pixel (a multiple of 4, at most --side).",
            DefaultValueFactory = _ => recipeDefaults.Crop,
        }.Within(4, 4096);
        var mask = CommonOptions.TrainingMask(recipeDefaults.Mask);
        var editCaptions = CommonOptions.Share("--edit-captions", "SynthBirds only: share of samples whose caption gives a part in the hole "
            + "another colour, with that part recoloured inside the hole (0 to 1), so that the base's fill, not the visible edge, gives the colour.",
            recipeDefaults.CaptionEdits);
        var truthFills = CommonOptions.Share("--truth-fills", "Share of windows painted over the truth brought down to the base's side and back, "
            + "what a perfect base gives, instead of the base's fill (0 to 1): the stage learns where the edges of such a fill lie.",
            recipeDefaults.TruthFills);
        var adversarialWeight = CommonOptions.Weight("--adversarial-weight",
            "Weight of the adversarial term beside the hole L1 (0: L1 alone, no discriminator).", recipeDefaults.Weights.Adversarial);
        var perceptualWeight = CommonOptions.PerceptualWeight(recipeDefaults.Weights.Perceptual,
            "the painted crop and the truth, beside the hole L1 (0: none)");
        var batch = new Option<int>("--batch-size")
        {
            Description = "Windows per batch.",
            DefaultValueFactory = _ => recipeDefaults.BatchSize,
        }.Within(1, 4096);
        var epochs = CommonOptions.Epochs(recipeDefaults.Epochs);
        var learningRate = CommonOptions.LearningRate(recipeDefaults.Optimizer.LearningRate);
        var decayEpochs = CommonOptions.DecayEpochs("constant");
        var seed = new Option<int>("--seed")
        {
            Description = "Seed for weights, data order, holes, crops and noise.", DefaultValueFactory = _ => recipeDefaults.Seed,
        };
        var threads = CommonOptions.Threads();
        var device = CommonOptions.Device();
        var checkpointEvery = CommonOptions.CheckpointEvery(defaults.CheckpointEvery);
        var sampleEvery = CommonOptions.SampleEvery(defaults.SampleEvery);
        var validationImages = CommonOptions.ValidationImages(defaults.ValidationImages,
            "the hole L1 and PSNR of the detail stage and of the base's fill, logged at each checkpoint");

        var command = new Command("train-detail",
            "Train the detail stage: a network that paints the windows of a fill at --side over a trained model's fill, trained on crops.")
        {
            baseModel, data, kind, output, side, sourceSize, crop, mask, editCaptions, truthFills, adversarialWeight, perceptualWeight,
                batch, epochs, learningRate, decayEpochs, seed, device,
                threads, checkpointEvery, sampleEvery, validationImages,
        };
        command.SetAction(async (parse, ct) =>
        {
            CommonOptions.Apply(parse, threads);
            var recipe = new DetailRecipe(parse.GetValue(data)!, parse.GetValue(baseModel)!, parse.GetValue(kind)!, MaskKinds.Parse(parse.GetValue(mask)!),
                parse.GetValue(sourceSize), parse.GetValue(crop), parse.GetValue(batch), parse.GetValue(epochs), parse.GetValue(seed))
            {
                CaptionEdits = parse.GetValue(editCaptions),
                TruthFills = parse.GetValue(truthFills),
                Weights = recipeDefaults.Weights with { Adversarial = parse.GetValue(adversarialWeight), Perceptual = parse.GetValue(perceptualWeight) },
                Optimizer = recipeDefaults.Optimizer with { LearningRate = parse.GetValue(learningRate), DecayEpochs = parse.GetValue(decayEpochs) },
            };
            var options = defaults with
            {
                Recipe = recipe, Output = parse.GetValue(output)!, Side = parse.GetValue(side), Device = parse.GetValue(device)!,
                CheckpointEvery = parse.GetValue(checkpointEvery), SampleEvery = parse.GetValue(sampleEvery),
                ValidationImages = parse.GetValue(validationImages),
            };
            await CommonOptions.RunTrainingAsync(parse, new DetailTrainer(options), options.Output, "detail model, samples and metrics", ct);
            return 0;
        });
        return command;
    }
}
