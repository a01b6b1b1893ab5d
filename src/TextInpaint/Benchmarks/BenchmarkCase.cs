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

/// <summary>What a case may need from outside: the trained model folder of the model cases.</summary>
public sealed record BenchmarkContext(string? ModelFolder)
{
    public string RequireModel(string caseName) => ModelFolder is { } folder && Directory.Exists(folder)
        ? folder
        : throw new UserInputException($"benchmark case '{caseName}': needs a trained model folder (--model DIR){(ModelFolder is null ? "" : $"; {ModelFolder} does not exist")}.");
}
