using System.CommandLine;

namespace TextInpaint.Cli;

/// <summary>The `textinpaint` command tree. Commands parse options and call the library; nothing else.</summary>
public static class CommandLine
{
    /// <summary>Exit code for a problem with the user's input (a file, folder or option).</summary>
    public const int InputError = 2;

    /// <summary>Exit code when the user stopped the job (Ctrl-C) after it saved its state.</summary>
    public const int Cancelled = 130;

    public static RootCommand Build()
    {
        var root = new RootCommand("TextInpaint: text-guided image inpainting (MMFL) for .NET.");
        root.Subcommands.Add(Commands.SynthCommand.Create());
        root.Subcommands.Add(Commands.DataCommand.Create());
        root.Subcommands.Add(Commands.TrainDamsmCommand.Create());
        root.Subcommands.Add(Commands.EvalDamsmCommand.Create());
        root.Subcommands.Add(Commands.TrainCommand.Create());
        root.Subcommands.Add(Commands.BenchmarkCommand.Create());
        return root;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter? error = null)
    {
        error ??= Console.Error;
        try
        {
            var parse = Build().Parse(args);
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (UserInputException e)
        {
            error.WriteLine($"error: {e.Message}");
            return InputError;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("stopped.");
            return Cancelled;
        }
    }
}
