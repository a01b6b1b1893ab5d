namespace TextInpaint.Benchmarks;

/// <summary>What to benchmark: the cases, torch's thread count, and run counts overriding each case's own.</summary>
/// <param name="ModelFolder">The trained model the model cases (load-model, inpaint-model) use.</param>
public sealed record BenchmarkRunOptions(
    IReadOnlyList<BenchmarkCase> Cases,
    int Threads = 2,
    int? TimedRuns = null,
    int? WarmupRuns = null,
    string? ModelFolder = null);
