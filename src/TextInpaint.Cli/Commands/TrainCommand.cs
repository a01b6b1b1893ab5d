using System.CommandLine;
using TextInpaint.Data.Masks;
using TextInpaint.Models.Mmfl;
using TextInpaint.Training;

namespace TextInpaint.Cli.Commands;

/// <summary>`textinpaint train`: trains the MMFL inpainting network.</summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var defaults = new MmflRunOptions(MmflRecipe.For(MmflPreset.DefaultName, "data/synthbirds64", "runs/damsm64"), Output: "runs/mmfl64");
        var recipeDefaults = defaults.Recipe;
        var data = CommonOptions.Data(recipeDefaults.Data);
        var kind = CommonOptions.DataKind();
        var damsm = new Option<string>("--damsm")
        {
            Description = "DAMSM folder from train-damsm (its encoders are frozen and copied into the model).",
            DefaultValueFactory = _ => recipeDefaults.Damsm!,
        };
        var initFrom = new Option<string?>("--init-from")
        {
            Description = "A trained model folder to start from: its generator weights and its DAMSM encoders (no --damsm); the discriminator and "
                + "optimisers start afresh, the network must be the same.",
        };
        var output = CommonOptions.RunFolder(defaults.Output, "Model folder");
        var preset = new Option<string>("--preset")
        {
            Description = $"Network sizes: {string.Join(", ", MmflPreset.All.Select(p => $"{p.Name} ({p.ImageSize}x{p.ImageSize})"))}; earlier "
                + $"designs: {string.Join(", ", HistoricalPresets.All.Select(p => p.Name))}.",
            DefaultValueFactory = _ => defaults.Preset,
        };
        var mask = CommonOptions.TrainingMask(recipeDefaults.Mask);
        var sourceSize = new Option<int?>("--source-size")
        {
            Description = "Train on the windows a fill cuts: load the images at this side, make the holes (and edits) there, and train on the "
                + "square around each hole at the model's size, as `inpaint` and `serve` cut it (default: whole images at the model's size).",
        }.Within(8, 4096);
        var noText = new Option<bool>("--no-text") { Description = "Train the image-only baseline: the generator never sees a caption." };
        var noWordDemand = new Option<bool>("--no-word-demand") { Description = "Ablation: no Word Demand Module; the text branch gets every word as it is." };
        var noTga = new Option<bool>("--no-tga-loss") { Description = "Ablation: no text-guided attention loss." };
        var noDamsm = new Option<bool>("--no-damsm-loss") { Description = "Ablation: no text-image matching (DAMSM word and sentence) losses." };
        var noGan = new Option<bool>("--no-gan-loss") { Description = "Ablation: no adversarial term (the discriminator is not trained)." };
        var editCaptions = CommonOptions.Share("--edit-captions", "SynthBirds only: share of training samples whose caption gives a part in the "
            + "hole another colour, with that part recoloured inside the hole (0 to 1; 0 = none).", recipeDefaults.CaptionEdits);
        var namedPartWeight = CommonOptions.Weight("--named-part-weight", "SynthBirds only: how much of the text-guided attention loss the parts "
            + "the caption names take, against the rest of the hole (1: as much; 0: an even map).", recipeDefaults.Weights.NamedParts);
        var namedPartMargin = new Option<int>("--named-part-margin")
        {
            Description = "SynthBirds only: pixels around each named part that share its text-guided attention weight, on both sides of its edge, "
                + "and over which --part-colour-weight takes its mean (0: the part's own pixels; negative: only the pixels that far inside it).",
            DefaultValueFactory = _ => recipeDefaults.Weights.NamedPartMargin,
        }.Within(-4, 16);
        var partColourWeight = CommonOptions.Weight("--part-colour-weight",
            "SynthBirds only: weight of the text-guided loss on each named part's mean colour in the hole (0: none).", recipeDefaults.Weights.PartColours);
        var wordDemandWeight = CommonOptions.Weight("--word-demand-weight", "Weight of the term that teaches the Word Demand Module the words the "
            + "hole needs: those whose match with the image (read by the DAMSM encoders) the hole takes away (0: none, as MMFL).",
            recipeDefaults.Weights.WordDemand);
        var wordDemandFloor = CommonOptions.Weight("--word-demand-floor", "A loss of match spread evenly over the caption before "
            + "--word-demand-weight's target is taken, so that a hole that takes little away asks for every word alike (0: none).",
            recipeDefaults.Weights.WordDemandFloor);
        var wordDemandSharpness = CommonOptions.Weight("--word-demand-sharpness", "The power that the shares of --word-demand-weight's target "
            + "are raised to before the floor is mixed in: above 1 the words whose match the hole takes most keep more of it (1: as they are).",
            recipeDefaults.Weights.WordDemandSharpness);
        var wordDemandFloorPower = CommonOptions.Weight("--word-demand-floor-power", "How sharply --word-demand-weight's target turns from "
            + "uniform to the hole's shares as the hole takes more than --word-demand-floor: their weight is L^Q / (L^Q + F^Q) for a loss L "
            + "(1: L / (L + F)).", recipeDefaults.Weights.WordDemandFloorPower);
        var perceptualWeight = CommonOptions.PerceptualWeight(recipeDefaults.Weights.Perceptual,
            "the output, with the truth outside the hole, and the truth (0: none, as MMFL)");
        var adversarialWeight = CommonOptions.Weight("--adversarial-weight", $"Weight of the adversarial term in the generator's loss "
            + $"({recipeDefaults.Weights.Adversarial}: MMFL's; --no-gan-loss drops the term).", recipeDefaults.Weights.Adversarial);
        var batch = new Option<int?>("--batch-size")
        {
            Description = $"Images per batch (default: the preset's recipe's, "
                + $"{string.Join(", ", MmflPreset.All.Select(p => $"{MmflRecipe.For(p.Name, "", null).BatchSize} for {p.Name}"))}).",
        }.Within(1, 4096);
        var epochs = CommonOptions.Epochs(recipeDefaults.Epochs);
        var learningRate = CommonOptions.LearningRate(recipeDefaults.Optimizer.LearningRate);
        var decayEpochs = CommonOptions.DecayEpochs("constant, as MMFL trains");
        var seed = new Option<int>("--seed") { Description = "Seed for weights, data order, holes and noise.", DefaultValueFactory = _ => recipeDefaults.Seed };
        var threads = CommonOptions.Threads();
        var device = CommonOptions.Device();
        var checkpointEvery = CommonOptions.CheckpointEvery(defaults.CheckpointEvery);
        var sampleEvery = CommonOptions.SampleEvery(defaults.SampleEvery);
        var validationImages = CommonOptions.ValidationImages(defaults.ValidationImages, "the hole L1 and PSNR logged at each checkpoint");

        var command = new Command("train", "Train the MMFL text-guided inpainting network (coarse and refine U-Nets, word demand module, discriminator).")
        {
            data, kind, damsm, initFrom, output, preset, mask, sourceSize, editCaptions, namedPartWeight, namedPartMargin, partColourWeight,
                wordDemandWeight, wordDemandFloor, wordDemandSharpness, wordDemandFloorPower, perceptualWeight, adversarialWeight, noText, noWordDemand,
                noTga, noDamsm, noGan, batch, epochs, learningRate, decayEpochs, seed, device, threads,
                checkpointEvery, sampleEvery, validationImages,
        };
        command.SetAction(async (parse, ct) =>
        {
            CommonOptions.Apply(parse, threads);
            if (parse.GetValue(initFrom) is { } start && parse.GetResult(damsm) is { Implicit: false })
                throw new UserInputException($"--init-from {start} trains on that model's own DAMSM encoders; leave out --damsm.");
            var presetName = parse.GetValue(preset)!;
            var recipeOfPreset = MmflRecipe.For(presetName, parse.GetValue(data)!, parse.GetValue(damsm));
            var recipe = recipeOfPreset with
            {
                DataKind = parse.GetValue(kind)!, Mask = MaskKinds.Parse(parse.GetValue(mask)!), BatchSize = parse.GetValue(batch) ?? recipeOfPreset.BatchSize,
                Epochs = parse.GetValue(epochs), Seed = parse.GetValue(seed), InitFrom = parse.GetValue(initFrom), SourceSize = parse.GetValue(sourceSize),
                CaptionEdits = parse.GetValue(editCaptions),
                Optimizer = recipeOfPreset.Optimizer with { LearningRate = parse.GetValue(learningRate), DecayEpochs = parse.GetValue(decayEpochs) },
                Weights = (recipeOfPreset.Weights with { Adversarial = parse.GetValue(adversarialWeight),
                    NamedParts = parse.GetValue(namedPartWeight), NamedPartMargin = parse.GetValue(namedPartMargin),
                    PartColours = parse.GetValue(partColourWeight), WordDemand = parse.GetValue(wordDemandWeight),
                    WordDemandFloor = parse.GetValue(wordDemandFloor), WordDemandSharpness = parse.GetValue(wordDemandSharpness),
                    WordDemandFloorPower = parse.GetValue(wordDemandFloorPower),
                    Perceptual = parse.GetValue(perceptualWeight) })
                    .Without(textAttention: parse.GetValue(noTga), matching: parse.GetValue(noDamsm), adversarial: parse.GetValue(noGan)),
            };
            var options = defaults with
            {
                Recipe = recipe, Output = parse.GetValue(output)!, Preset = presetName, NoText = parse.GetValue(noText),
                    NoWordDemand = parse.GetValue(noWordDemand),
                Device = parse.GetValue(device)!, CheckpointEvery = parse.GetValue(checkpointEvery), SampleEvery = parse.GetValue(sampleEvery),
                ValidationImages = parse.GetValue(validationImages),
            };
            await CommonOptions.RunTrainingAsync(parse, new MmflTrainer(options), options.Output, "model, samples and metrics", ct);
            return 0;
        });
        return command;
    }
}
