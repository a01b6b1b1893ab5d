namespace TextInpaint.Benchmarks;

/// <summary>
/// A named benchmark: what it times, its batch size, how many warm-up and timed runs it makes
/// unless told otherwise, and how to build its workload (models and random inputs, made once).
/// </summary>
/// <param name="RunsByDefault">Whether `textinpaint benchmark` without --case runs it (the slow and test-only cases do not).</param>
/// <param name="Note">Said under the table when the case ran, e.g. why it makes few runs.</param>
public sealed record BenchmarkCase(
    string Name,
    string Description,
    int BatchSize,
    int DefaultWarmupRuns,
    int DefaultTimedRuns,
    bool RunsByDefault,
    Func<BenchmarkContext, IBenchmarkWorkload> Build,
    string? Note = null);
