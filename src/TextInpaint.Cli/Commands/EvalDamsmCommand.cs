using System.CommandLine;
using TextInpaint.Evaluation;

namespace TextInpaint.Cli.Commands;

/// <summary>`textinpaint eval-damsm`: R-precision and retrieval of trained DAMSM encoders.</summary>
public static class EvalDamsmCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "DAMSM folder written by train-damsm.", DefaultValueFactory = _ => "runs/damsm64" };
        var data = new Option<string>("--data") { Description = "Data set folder; its test split is used.", DefaultValueFactory = _ => "data/synthbirds64" };
        var kind = CommonOptions.DataKind();
        var draws = new Option<int>("--draws") { Description = "Random draws of the 99 distractor captions.", DefaultValueFactory = _ => 10 }.Within(1, 1000);
        var seed = new Option<int>("--seed") { Description = "Seed for caption choice and distractor draws.", DefaultValueFactory = _ => 0 };
        var device = CommonOptions.Device();
        var output = new Option<string?>("--out") { Description = "Folder for damsm-eval.md and word-attention.png (default: MODEL/eval)." };
        var overwrite = CommonOptions.Overwrite();

        var command = new Command("eval-damsm",
            "Measure DAMSM encoders: R-precision (with the oracle ceiling on SynthBirds), retrieval accuracy, and a word-attention figure.")
        {
            model, data, kind, output, overwrite, draws, seed, device,
        };
        command.SetAction(async (parse, ct) =>
        {
            var options = new DamsmReportOptions(parse.GetValue(model)!, parse.GetValue(data)!, parse.GetValue(kind)!,
                parse.GetValue(draws), parse.GetValue(seed), parse.GetValue(device)!, parse.GetValue(output), parse.GetValue(overwrite));
            var report = await ConsoleProgress.RunAsync(progress => Task.Run(() => DamsmReport.Run(options, progress, ct), ct));
            var console = parse.InvocationConfiguration.Output;
            console.WriteLine(report.Markdown);
            console.WriteLine($"written: {report.MarkdownPath}, {report.FigurePath}");
            return 0;
        });
        return command;
    }
}
