using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace TextInpaint.Cli;

/// <summary>
/// Shows a long job's <see cref="JobProgress"/> reports: on a terminal as a live Spectre.Console
/// bar per stage (done/total, figures, rate, time left); when output is redirected (a file, CI)
/// as a plain line every few seconds and at the end of each stage.
/// </summary>
public static class ConsoleProgress
{
    /// <summary>Runs a job, showing its progress; the job gets the reporter to pass to the library.</summary>
    public static async Task<T> RunAsync<T>(Func<IProgress<JobProgress>, Task<T>> job, TextWriter? plainOutput = null)
    {
        bool interactive = plainOutput is null && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        if (!interactive)
            return await job(new PlainReporter(plainOutput ?? Console.Out, TimeSpan.FromSeconds(5)));

        return await AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(context => job(new LiveReporter(context)));
    }

    /// <summary>"done/total figures", e.g. "1200/10000 images/s=88.1".</summary>
    internal static string Describe(JobProgress report) =>
        $"{report.Done}/{report.Total}" + string.Concat((report.Figures ?? new Dictionary<string, double>())
            .Select(figure => $" {figure.Key}={figure.Value.ToString("G4", CultureInfo.InvariantCulture)}"));

    /// <summary>
    /// ", 12.5/s, about 00:03:10 left": the rate since the stage's first report, which a resumed job
    /// sends part-way (so the work done before the resume is not counted as done in no time).
    /// </summary>
    internal static string RateAndTimeLeft(JobProgress value, long doneAtFirstReport, TimeSpan sinceFirstReport)
    {
        bool finished = value.Total > 0 && value.Done >= value.Total;
        double seconds = sinceFirstReport.TotalSeconds;
        double rate = seconds > 0 ? (value.Done - doneAtFirstReport) / seconds : 0;
        string left = rate > 0 && !finished ? $", about {TimeSpan.FromSeconds(Math.Ceiling((value.Total - value.Done) / rate)):c} left" : "";
        return string.Create(CultureInfo.InvariantCulture, $", {rate:F1}/s{left}");
    }

    /// <summary>When a stage was first reported, and how far it was then.</summary>
    private readonly record struct StageStart(TimeSpan At, long Done);

    /// <summary>A live bar per stage; the time left is in the description, measured by <see cref="RateAndTimeLeft"/>.</summary>
    private sealed class LiveReporter(ProgressContext context) : IProgress<JobProgress>
    {
        private readonly Dictionary<string, (ProgressTask Task, StageStart Start)> stages = [];
        private readonly Stopwatch clock = Stopwatch.StartNew();
        private readonly Lock gate = new();

        public void Report(JobProgress value)
        {
            lock (gate)
            {
                if (!stages.TryGetValue(value.Stage, out var stage))
                    stages[value.Stage] = stage = (context.AddTask(value.Stage, maxValue: Math.Max(1, value.Total)), new StageStart(clock.Elapsed, value.Done));
                stage.Task.MaxValue = Math.Max(1, value.Total);
                stage.Task.Value = value.Done;
                stage.Task.Description = Markup.Escape($"{value.Stage} "
                    + $"{Describe(value)}{RateAndTimeLeft(value, stage.Start.Done, clock.Elapsed - stage.Start.At)}");
            }
        }
    }

    /// <summary>A line every <c>interval</c> and at the end of each stage.</summary>
    private sealed class PlainReporter(TextWriter output, TimeSpan interval) : IProgress<JobProgress>
    {
        private readonly Lock gate = new();
        private readonly Stopwatch clock = Stopwatch.StartNew();
        private string? stage;
        private StageStart start;
        private TimeSpan lastLine;

        public void Report(JobProgress value)
        {
            lock (gate)
            {
                var now = clock.Elapsed;
                if (value.Stage != stage)
                {
                    stage = value.Stage;
                    start = new StageStart(now, value.Done);
                    lastLine = now;
                }
                bool finished = value.Total > 0 && value.Done >= value.Total;
                if (!finished && now - lastLine < interval)
                    return;
                lastLine = now;
                string percent = value.Total > 0 ? string.Create(CultureInfo.InvariantCulture, $" ({100.0 * value.Done / value.Total:F0}%)") : "";
                output.WriteLine($"{value.Stage}: {Describe(value)}{percent}{RateAndTimeLeft(value, start.Done, now - start.At)}");
            }
        }
    }
}
