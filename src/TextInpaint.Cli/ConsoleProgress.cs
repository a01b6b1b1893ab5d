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
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(context => job(new LiveReporter(context)));
    }

    /// <summary>"done/total figures", e.g. "1200/10000 images/s=88.1".</summary>
    internal static string Describe(JobProgress report) =>
        $"{report.Done}/{report.Total}" + string.Concat((report.Figures ?? new Dictionary<string, double>())
            .Select(figure => $" {figure.Key}={figure.Value.ToString("G4", CultureInfo.InvariantCulture)}"));

    private sealed class LiveReporter(ProgressContext context) : IProgress<JobProgress>
    {
        private readonly Dictionary<string, ProgressTask> tasks = [];
        private readonly Lock gate = new();

        public void Report(JobProgress value)
        {
            lock (gate)
            {
                if (!tasks.TryGetValue(value.Stage, out var task))
                    tasks[value.Stage] = task = context.AddTask(value.Stage, maxValue: Math.Max(1, value.Total));
                task.MaxValue = Math.Max(1, value.Total);
                task.Value = value.Done;
                task.Description = Markup.Escape($"{value.Stage} {Describe(value)}");
            }
        }
    }

    private sealed class PlainReporter(TextWriter output, TimeSpan interval) : IProgress<JobProgress>
    {
        private readonly Lock gate = new();
        private readonly Stopwatch clock = Stopwatch.StartNew();
        private string? stage;
        private TimeSpan stageStart, lastLine;
        private long stageStartDone;

        public void Report(JobProgress value)
        {
            lock (gate)
            {
                var now = clock.Elapsed;
                if (value.Stage != stage)
                {
                    stage = value.Stage;
                    stageStart = now;
                    stageStartDone = value.Done; // a resumed job starts part-way: measure the rate from here
                    lastLine = now;
                }
                bool finished = value.Total > 0 && value.Done >= value.Total;
                if (!finished && now - lastLine < interval)
                    return;
                lastLine = now;
                double seconds = (now - stageStart).TotalSeconds;
                double rate = seconds > 0 ? (value.Done - stageStartDone) / seconds : 0;
                string eta = rate > 0 && !finished ? $", about {TimeSpan.FromSeconds(Math.Ceiling((value.Total - value.Done) / rate)):c} left" : "";
                string percent = value.Total > 0 ? $" ({100.0 * value.Done / value.Total:F0}%)" : "";
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{value.Stage}: {Describe(value)}{percent}, {rate:F1}/s{eta}"));
            }
        }
    }
}
