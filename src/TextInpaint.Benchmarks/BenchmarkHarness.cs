using TextInpaint.Runtime;

namespace TextInpaint.Benchmarks;

/// <summary>
/// Times a piece of work: warm-up runs (not recorded: they pay for first-call allocations and
/// kernel selection), then timed runs, each inside its own torch dispose scope so that every
/// tensor a run makes dies with it. Reads time from a <see cref="TimeProvider"/> so that the
/// arithmetic can be checked against a fake clock.
/// </summary>
public sealed class BenchmarkHarness(TimeProvider? clock = null)
{
    private readonly TimeProvider clock = clock ?? TimeProvider.System;

    /// <summary>Runs <paramref name="work"/> <paramref name="warmupRuns"/> times untimed, then <paramref name="timedRuns"/> times timed.</summary>
    /// <param name="stage">The name progress is reported under.</param>
    public BenchmarkTimings Measure(Action work, int warmupRuns, int timedRuns, string stage,
        IProgress<JobProgress>? progress = null, CancellationToken cancel = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(warmupRuns);
        ArgumentOutOfRangeException.ThrowIfLessThan(timedRuns, 1);
        int total = warmupRuns + timedRuns;
        progress?.Report(new JobProgress(stage, 0, total));
        for (int i = 0; i < warmupRuns; i++)
        {
            cancel.ThrowIfCancellationRequested();
            RunOnce(work);
            progress?.Report(new JobProgress(stage, i + 1, total));
        }

        var runs = new List<TimeSpan>(timedRuns);
        for (int i = 0; i < timedRuns; i++)
        {
            cancel.ThrowIfCancellationRequested();
            long start = clock.GetTimestamp();
            RunOnce(work);
            runs.Add(clock.GetElapsedTime(start));
            progress?.Report(new JobProgress(stage, warmupRuns + i + 1, total,
                new Dictionary<string, double> { ["ms"] = runs[^1].TotalMilliseconds }));
        }
        return new BenchmarkTimings(runs);
    }

    private static void RunOnce(Action work)
    {
        using var scope = StepScope.Open();
        work();
    }
}
