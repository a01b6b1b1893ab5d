using System.CommandLine;
using TextInpaint.Benchmarks;

namespace TextInpaint.Cli.Commands;

/// <summary>`textinpaint benchmark`: times training steps and inference and prints a Markdown table.</summary>
public static class BenchmarkCommand
{
    public static Command Create()
    {
        var cases = new Option<string[]>("--case")
        {
            Description = $"A case to run (repeat for several): {string.Join(", ", BenchmarkCases.All.Select(c => c.Name))}. " +
                $"Without it: {string.Join(", ", BenchmarkCases.Defaults.Select(c => c.Name))}.",
        };
        var threads = new Option<int>("--threads")
        {
            Description = "torch's thread count, set before anything runs.",
            DefaultValueFactory = _ => 2,
        }.Within(1, 1024);
        var runs = new Option<int?>("--runs") { Description = "Timed runs of every case (default: each case's own)." }.Within(1, 100000);
        var warmup = new Option<int?>("--warmup") { Description = "Untimed warm-up runs of every case (default: each case's own)." }.Within(0, 100000);
        var output = new Option<string?>("--out") { Description = "Also write the table to this Markdown file." };
        var model = new Option<string>("--model")
        {
            Description = $"Model folder for load-model and inpaint-model (default: the shipped {DefaultModel.RelativePath}).",
            DefaultValueFactory = _ => DefaultModel.Folder(),
        };

        var command = new Command("benchmark",
            "Measure training-step and inference speed: median, min and max of timed runs, images/s, on a stated thread count.")
        {
            cases, threads, runs, warmup, output, model,
        };
        command.SetAction(async (parse, ct) =>
        {
            var names = parse.GetValue(cases) ?? [];
            var chosen = names.Length == 0 ? BenchmarkCases.Defaults : names.Select(BenchmarkCases.Named).ToArray();
            var options = new BenchmarkRunOptions(chosen, parse.GetValue(threads), parse.GetValue(runs), parse.GetValue(warmup), parse.GetValue(model));
            var results = await ConsoleProgress.RunAsync(progress => Task.Run(() => BenchmarkRunner.Run(options, progress, ct), ct));
            CommonOptions.PrintTable(parse, BenchmarkReport.ToMarkdown(results), output);
            return 0;
        });
        return command;
    }
}
