using System.CommandLine;
using TextInpaint.Data;
using TextInpaint.Runtime;

namespace TextInpaint.Cli;

/// <summary>Options shared by several commands.</summary>
public static class CommonOptions
{
    public static Option<int> Threads() => new("--threads")
    {
        Description = "CPU threads for libtorch (on a busy shared machine, 1 can be faster).",
        DefaultValueFactory = _ => Environment.ProcessorCount,
    };

    /// <summary>--device: where libtorch runs.</summary>
    public static Option<string> Device() => new("--device")
    {
        Description = "cpu, or cuda where a CUDA build of TorchSharp is installed.",
        DefaultValueFactory = _ => "cpu",
    };

    /// <summary>--kind: a data set's layout, from the layouts <see cref="DatasetLoader"/> knows.</summary>
    public static Option<string> DataKind(string description = "Data set layout") => new("--kind")
    {
        Description = $"{description}: {DatasetLoader.Auto} (detect), {string.Join(", ", DatasetKind.All)}.",
        DefaultValueFactory = _ => DatasetLoader.Auto,
    };

    /// <summary>--validation-images: test images a training run watches at its checkpoints.</summary>
    public static Option<int> ValidationImages(int defaultValue, string what) => new("--validation-images")
    {
        Description = $"Test images for {what} (0: no validation).",
        DefaultValueFactory = _ => defaultValue,
    };

    /// <summary>Tells the user that a training command continues an earlier run, and from which step.</summary>
    public static void SayIfResuming(ParseResult parse, string folder, long? step)
    {
        if (step is { } resumed)
            parse.InvocationConfiguration.Output.WriteLine($"resuming the run in {folder} from step {resumed} (its checkpoint); the same settings go on from there.");
    }

    public static void Apply(ParseResult parse, Option<int> threads) => TorchRuntime.SetThreads(parse.GetValue(threads));
}
