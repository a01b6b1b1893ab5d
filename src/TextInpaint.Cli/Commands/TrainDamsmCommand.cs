using System.CommandLine;
using TextInpaint.Models.Damsm;
using TextInpaint.Models.Mmfl;
using TextInpaint.Training;

namespace TextInpaint.Cli.Commands;

/// <summary>`textinpaint train-damsm`: pre-trains the DAMSM text and image encoders.</summary>
public static class TrainDamsmCommand
{
    public static Command Create()
    {
        var defaults = DamsmRunOptions.ForPreset(MmflPreset.DefaultName, new DamsmRecipe(Data: "data/synthbirds64"), "runs/damsm64");
        var data = CommonOptions.Data(defaults.Recipe.Data);
        var kind = CommonOptions.DataKind();
        var output = CommonOptions.RunFolder(defaults.Output, "DAMSM folder");
        var preset = new Option<string>("--preset")
        {
            Description = "The MMFL preset the encoders are for; it sets the defaults of --size, --word-size and --image-encoder: "
                + string.Join(", ", MmflPreset.All.Select(p => DamsmRunOptions.ForPreset(p.Name, defaults.Recipe, defaults.Output) is var o
                    ? $"{p.Name} ({o.ImageSize}, {o.WordSize}, {ImageEncoderNetworks.NameOf(o.ImageEncoder)})" : "")) + ".",
            DefaultValueFactory = _ => MmflPreset.DefaultName,
        };
        var size = new Option<int?>("--size") { Description = "Image side the encoders work at (a multiple of 16; default: the preset's)." }.Within(16, 2048);
        var imageEncoder = new Option<string?>("--image-encoder")
        {
            Description = "The image encoder: scratch (a CNN trained with the text encoder) or resnet18 (the frozen ImageNet ResNet-18 of the "
                + "NuGet package with trained projections, as AttnGAN builds on Inception-v3); default: the preset's.",
        };
        var inputSize = new Option<int?>("--input-size")
        {
            Description = $"resnet18 only: the side images are resized to for the network (a multiple of 16; default {defaults.ImageInputSize}, its own).",
        }.Within(32, 1024);
        var batch = new Option<int>("--batch-size")
        {
            Description = "Pairs per batch (the other pairs of a batch are the negatives).",
            DefaultValueFactory = _ => defaults.Recipe.BatchSize,
        }.Within(2, 4096);
        var epochs = CommonOptions.Epochs(defaults.Recipe.Epochs);
        var rate = new Option<double>("--lr") { Description = "Adam learning rate.", DefaultValueFactory = _ => defaults.Recipe.LearningRate };
        var gamma1 = new Option<double>("--gamma1")
        {
            Description = "DAMSM's γ1, how sharply each word attends over image regions (AttnGAN: 4 for birds).",
            DefaultValueFactory = _ => defaults.Gamma1,
        }.Within(1e-6, 1e6);
        var decay = new Option<double>("--lr-decay")
        {
            Description = "Factor on the learning rate after every epoch while it is above a tenth of --lr (AttnGAN: 0.98; 1 = constant).",
            DefaultValueFactory = _ => defaults.Recipe.LearningRateDecay,
        }.Within(1e-6, 1.0);
        var crop = new Option<bool>("--random-crop")
        {
            Description = "Load images at 76/64 of --size and train on a random crop of --size (AttnGAN's augmentation).",
        };
        var seed = new Option<int>("--seed") { Description = "Seed for weights, data order and sampling.", DefaultValueFactory = _ => defaults.Recipe.Seed };
        var threads = CommonOptions.Threads();
        var device = CommonOptions.Device();
        var checkpointEvery = new Option<int>("--checkpoint-every")
        {
            Description = "Steps between checkpoints (0: only at the end and when stopped).",
            DefaultValueFactory = _ => defaults.CheckpointEvery,
        }.Within(0, int.MaxValue);
        var wordSize = new Option<int?>("--word-size")
        {
            Description = "Size of the word and sentence features; it must equal the word size of the MMFL preset trained on them (default: the "
                + "preset's).",
        }.Within(2, 4096);
        var validationImages = CommonOptions.ValidationImages(defaults.ValidationImages, "the R-precision logged at each checkpoint");

        var command = new Command("train-damsm", "Train the DAMSM text and image encoders (AttnGAN's text-image matching model) on a captioned data set.")
        {
            data, kind, output, preset, size, imageEncoder, inputSize, batch, epochs, rate, gamma1, decay, crop, seed, device, threads, checkpointEvery,
            wordSize, validationImages,
        };
        command.SetAction(async (parse, ct) =>
        {
            CommonOptions.Apply(parse, threads);
            var recipe = new DamsmRecipe(parse.GetValue(data)!, parse.GetValue(kind)!, parse.GetValue(batch), parse.GetValue(epochs),
                parse.GetValue(rate), parse.GetValue(decay), parse.GetValue(seed), parse.GetValue(crop));
            var ofPreset = DamsmRunOptions.ForPreset(parse.GetValue(preset)!, recipe, parse.GetValue(output)!);
            var network = parse.GetValue(imageEncoder) is { } named ? ImageEncoderNetworks.Parse(named) : ofPreset.ImageEncoder;
            if (parse.GetValue(inputSize) is { } given && network != ImageEncoderNetwork.ResNet18)
                throw new UserInputException($"--input-size {given}: only the resnet18 image encoder resizes its images.");
            var options = (ofPreset with
            {
                ImageSize = parse.GetValue(size) ?? ofPreset.ImageSize, ImageEncoder = network,
                ImageInputSize = parse.GetValue(inputSize) ?? ofPreset.ImageInputSize,
                Gamma1 = parse.GetValue(gamma1), Device = parse.GetValue(device)!, CheckpointEvery = parse.GetValue(checkpointEvery),
                ValidationImages = parse.GetValue(validationImages),
            }).WithWordSize(parse.GetValue(wordSize) ?? ofPreset.WordSize);
            await CommonOptions.RunTrainingAsync(parse, new DamsmTrainer(options), options.Output, "encoders, vocabulary and metrics", ct);
            parse.InvocationConfiguration.Output.WriteLine($"next: textinpaint eval-damsm --model {options.Output} --data {options.Recipe.Data}");
            return 0;
        });
        return command;
    }
}
