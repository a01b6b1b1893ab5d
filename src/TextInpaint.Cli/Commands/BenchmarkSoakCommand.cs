using System.CommandLine;
using TextInpaint.Benchmarks;

namespace TextInpaint.Cli.Commands;

/// <summary>`textinpaint benchmark-soak`: many inferences and training steps, with memory and live tensors at start and end.</summary>
public static class BenchmarkSoakCommand
{
    public static Command Create()
    {
        var inferences = new Option<int>("--inferences")
        {
            Description = "Runs of inpaint-model (a 640x480 fill with the model, end to end).",
            DefaultValueFactory = _ => 10_000,
        }.Within(1, 10_000_000);
        var steps = new Option<int>("--steps")
        {
            Description = "Runs of mmfl-train-synth64 (one G + D training step at batch 16).",
            DefaultValueFactory = _ => 2_000,
        }.Within(1, 10_000_000);
        var warmup = new Option<int>("--warmup")
        {
            Description = "Runs of each case before the first sample.",
            DefaultValueFactory = _ => 100,
        }.Within(0, 100_000);
        var threads = new Option<int>("--threads") { Description = "torch's thread count.", DefaultValueFactory = _ => 2 }.Within(1, 1024);
        var model = new Option<string>("--model")
        {
            Description = $"Model folder for the inferences (default: the shipped {DefaultModel.RelativePath}).",
            DefaultValueFactory = _ => DefaultModel.Folder(),
        };
        var output = new Option<string?>("--out") { Description = "Also write the table to this Markdown file." };

        var command = new Command("benchmark-soak",
            "Run many inferences and training steps, each in its own step scope, and report resident memory and live tensors at start (after the "
                + "warm-up) and end: flat within 5 % or not.")
        {
            inferences, steps, warmup, threads, model, output,
        };
        command.SetAction(async (parse, ct) =>
        {
            var cases = new List<(BenchmarkCase, int)>
            {
                (BenchmarkCases.Named("inpaint-model"), parse.GetValue(inferences)),
                (BenchmarkCases.Named("mmfl-train-synth64"), parse.GetValue(steps)),
            };
            var results = await ConsoleProgress.RunAsync(progress => Task.Run(() =>
                Soak.Run(cases, parse.GetValue(threads), parse.GetValue(warmup), parse.GetValue(model), progress, ct), ct));
            CommonOptions.PrintTable(parse, Soak.ToMarkdown(results), output);
            return 0;
        });
        return command;
    }
}
