namespace TextInpaint.Benchmarks;

/// <summary>The durations of a benchmark's timed runs, with their median, minimum and maximum.</summary>
public sealed record BenchmarkTimings
{
    public BenchmarkTimings(IReadOnlyList<TimeSpan> runs)
    {
        if (runs.Count == 0)
            throw new ArgumentException("At least one timed run is needed.", nameof(runs));
        Runs = runs;
        var sorted = runs.Order().ToArray();
        int middle = sorted.Length / 2;
        // An even number of runs has two middle values: their mean is the median.
        Median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        Min = sorted[0];
        Max = sorted[^1];
    }

    public IReadOnlyList<TimeSpan> Runs { get; }
    public TimeSpan Median { get; }
    public TimeSpan Min { get; }
    public TimeSpan Max { get; }
}
