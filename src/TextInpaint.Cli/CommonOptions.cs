using System.CommandLine;
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

    public static void Apply(ParseResult parse, Option<int> threads) => TorchRuntime.SetThreads(parse.GetValue(threads));
}
