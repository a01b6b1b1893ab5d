namespace TextInpaint.Benchmarks;

/// <summary>What a case may need from outside: the trained model folder of the model cases.</summary>
public sealed record BenchmarkContext(string? ModelFolder)
{
    public string RequireModel(string caseName) => ModelFolder is { } folder && Directory.Exists(folder)
        ? folder
        : throw new UserInputException($"benchmark case '{caseName}': needs a trained model folder (--model DIR)"
            + $"{(ModelFolder is null ? "" : $"; {ModelFolder} does not exist")}.");
}
