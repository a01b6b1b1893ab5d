using System.CommandLine;
using TextInpaint.Data.SynthBirds;

namespace TextInpaint.Cli.Commands;

/// <summary>`textinpaint synth`: writes a SynthBirds data set.</summary>
public static class SynthCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Folder to write the data set to.", DefaultValueFactory = _ => "data/synthbirds64" };
        var count = new Option<int>("--count")
        {
            Description = "Number of images.",
            DefaultValueFactory = _ => 10_000,
        }.Within(SynthBirdsWriter.MinCount, SynthBirdsWriter.MaxCount);
        var size = new Option<int>("--size") { Description = "Image side in pixels (a multiple of 16).", DefaultValueFactory = _ => 64 }.Within(16, 2048);
        var seed = new Option<int>("--seed") { Description = "Seed: the same seed gives the same data set.", DefaultValueFactory = _ => 1 };
        var overwrite = CommonOptions.Overwrite();

        var command = new Command("synth", "Render SynthBirds, a synthetic captioned bird data set in the AttnGAN layout, with part maps and attributes.")
        {
            output, count, size, seed, overwrite,
        };
        command.SetAction(async (parseResult, ct) =>
        {
            var options = new SynthBirdsOptions(parseResult.GetValue(output)!, parseResult.GetValue(count), parseResult.GetValue(size),
                parseResult.GetValue(seed), Overwrite: parseResult.GetValue(overwrite));
            var result = await ConsoleProgress.RunAsync(progress => Task.Run(() => SynthBirdsWriter.Write(options, progress, ct), ct));
            var console = parseResult.InvocationConfiguration.Output;
            if (result.AlreadyComplete)
                console.WriteLine($"{result.OutputFolder} already holds this SynthBirds data set ({result.Count} images, size {options.Size}, seed "
                    + $"{options.Seed}); only the preview was rewritten.");
            else
                console.WriteLine($"wrote {result.Count} images ({result.TrainCount} train, {result.TestCount} test) of "
                    + $"{options.Size}x{options.Size} to {result.OutputFolder}: images/, text/, parts/, attributes/, train/, test/, "
                    + $"{SynthBirdsManifest.FileName}");
            console.WriteLine($"preview: {result.PreviewPath}");
            console.WriteLine($"time: {result.Elapsed.TotalSeconds:F1} s");
            return 0;
        });
        return command;
    }
}
