using System.CommandLine;
using System.Globalization;
using TextInpaint.Inference;

namespace TextInpaint.Cli.Commands;

/// <summary>`textinpaint demo`: the shipped model on new SynthBirds, with true and edited captions.</summary>
public static class DemoCommand
{
    public static Command Create()
    {
        var defaults = new DemoOptions(Model: DefaultModel.RelativePath);
        var model = new Option<string>("--model")
        {
            Description = $"Model folder (default: the shipped {DefaultModel.RelativePath}).",
            DefaultValueFactory = _ => DefaultModel.Folder(),
        };
        var output = new Option<string>("--out") { Description = "Folder for sheet.png and index.html.", DefaultValueFactory = _ => defaults.Output };
        var birds = new Option<int>("--birds") { Description = "Birds to inpaint and judge.", DefaultValueFactory = _ => defaults.Birds }.Within(1, 100000);
        var size = new Option<int>("--size")
        {
            Description = $"Side of the rendered birds, a multiple of 16 (default {defaults.Size}, the page's sample birds' size).",
            DefaultValueFactory = _ => defaults.Size,
        }.Within(16, 4096);
        var seed = new Option<int>("--seed") { Description = "Seed of the rendered birds.", DefaultValueFactory = _ => defaults.Seed };
        var overwrite = CommonOptions.Overwrite();
        var threads = CommonOptions.Threads();
        var device = CommonOptions.Device();

        var command = new Command("demo",
            "Render new SynthBirds, hide the centre, fill it with each bird's own caption and with one colour changed; write a sheet, an HTML page "
                + "and the text-consistency figures.")
        {
            model, output, overwrite, birds, size, seed, device, threads,
        };
        command.SetAction(async (parse, ct) =>
        {
            CommonOptions.Apply(parse, threads);
            var options = defaults with
            {
                Model = parse.GetValue(model)!, Output = parse.GetValue(output)!, Birds = parse.GetValue(birds), Size = parse.GetValue(size),
                Seed = parse.GetValue(seed), Device = parse.GetValue(device)!, Overwrite = parse.GetValue(overwrite),
            };
            if (!Directory.Exists(options.Model))
                throw new UserInputException($"{options.Model}: no such model folder (give one with --model, or train one with `textinpaint train`).");
            var result = await ConsoleProgress.RunAsync(progress => Task.Run(() => Demo.Run(options, progress, ct), ct));
            var console = parse.InvocationConfiguration.Output;
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"text consistency: {result.Consistency.Agreements}/{result.Consistency.Judgments} hidden colours as the caption says "
                    + $"({result.Consistency.Rate:P1})"));
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"controllability: {result.Controllability.Agreements}/{result.Controllability.Judgments} changed colours followed "
                    + $"({result.Controllability.Rate:P1}; chance 10%)"));
            console.WriteLine($"written: {result.Sheet}, {result.Page} ({result.Elapsed.TotalSeconds:F1} s)");
            return 0;
        });
        return command;
    }
}
