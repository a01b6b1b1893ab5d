using System.CommandLine;
using System.CommandLine.Help;
using System.Runtime.InteropServices;

namespace TextInpaint.Cli;

/// <summary>The `textinpaint` command tree. Commands parse options and call the library; nothing else.</summary>
public static class CommandLine
{
    /// <summary>Exit code for a problem with the user's input (a file, folder or option).</summary>
    public const int InputError = 2;

    /// <summary>Exit code when the user stopped the job (Ctrl-C) after it saved its state.</summary>
    public const int Cancelled = 130;

    public static Command Build()
    {
        // A plain command rather than RootCommand, so that help shows "textinpaint" whatever the
        // assembly is called.
        var root = new Command("textinpaint", "TextInpaint: text-guided image inpainting (MMFL) for .NET.")
        {
            new HelpOption(),
            new VersionOption(),
        };
        root.Subcommands.Add(Commands.SynthCommand.Create());
        root.Subcommands.Add(Commands.DataCommand.Create());
        root.Subcommands.Add(Commands.TrainDamsmCommand.Create());
        root.Subcommands.Add(Commands.EvalDamsmCommand.Create());
        root.Subcommands.Add(Commands.TrainCommand.Create());
        root.Subcommands.Add(Commands.TrainDetailCommand.Create());
        root.Subcommands.Add(Commands.EvalCommand.Create());
        root.Subcommands.Add(Commands.InpaintCommand.Create());
        root.Subcommands.Add(Commands.DemoCommand.Create());
        root.Subcommands.Add(Commands.BenchmarkCommand.Create());
        root.Subcommands.Add(Commands.BenchmarkSoakCommand.Create());
        root.Subcommands.Add(Commands.ServeCommand.Create());
        root.Subcommands.Add(Commands.BenchmarkServeCommand.Create());
        return root;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter? error = null, TextWriter? output = null)
    {
        error ??= Console.Error;
        try
        {
            var parse = Build().Parse(args);
            if (parse.Errors.Count > 0)
            {
                // One line for the mistake and one for where to look, rather than the whole help.
                error.WriteLine($"error: {Plain(parse.Errors[0].Message)}");
                error.WriteLine($"see {CommandPath(parse.CommandResult)} --help");
                return InputError;
            }
            // Ctrl-C cancels the job's token; a training job then writes its checkpoint, which may
            // take a while, so the process waits for it instead of System.CommandLine's 2 s default.
            return await parse.InvokeAsync(new InvocationConfiguration
            {
                EnableDefaultExceptionHandler = false,
                Error = error,
                Output = output ?? Console.Out,
                ProcessTerminationTimeout = TimeSpan.FromMinutes(10),
            });
        }
        catch (Exception e) when (Unwrap(e) is UserInputException input)
        {
            error.WriteLine($"error: {input.Message}");
            return InputError;
        }
        catch (Exception e) when (Unwrap(e) is JobStoppedException stopped)
        {
            error.WriteLine(stopped.Message);
            return Cancelled;
        }
        catch (Exception e) when (Unwrap(e) is OperationCanceledException)
        {
            error.WriteLine("stopped.");
            return Cancelled;
        }
        catch (Exception e) when (Unwrap(e) is ExternalException native)
        {
            // An error inside libtorch: its first line says what; the C++ frames help nobody here.
            error.WriteLine($"error: libtorch failed: {FirstLine(native.Message)}");
            error.WriteLine("A training job goes on from its last checkpoint when the same command is run again.");
            return InputError;
        }
        catch (Exception e) when (Unwrap(e) is IOException or UnauthorizedAccessException)
        {
            // A disk that is full or a file that cannot be written part-way through: .NET's message
            // names the file. Outputs are written through AtomicFile, so none is left half-written.
            error.WriteLine($"error: {FirstLine(Unwrap(e).Message)}");
            return InputError;
        }
        catch (Exception e) when (Unwrap(e) is OutOfMemoryException)
        {
            error.WriteLine($"error: out of memory: {FirstLine(Unwrap(e).Message)}");
            return InputError;
        }
        catch (Exception e)
        {
            // Anything else is a defect of TextInpaint; the user still gets one line, not a trace.
            var inner = Unwrap(e);
            error.WriteLine($"error: {inner.GetType().Name}: {FirstLine(inner.Message)} (an unexpected failure; nothing that was already written is lost)");
            return InputError;
        }
    }

    /// <summary>
    /// A parse error in the user's words: System.CommandLine names the .NET type a value did not
    /// convert to ("System.Nullable`1[System.Int32]"); this names the kind of value and its range.
    /// </summary>
    public static string Plain(string message)
    {
        var match = System.Text.RegularExpressions.Regex.Match(message,
            @"^Cannot parse argument '(.*)' for option '(.*)' as expected type '(?:System\.Nullable`1\[)?System\.(\w+)\]?'\.$");
        if (!match.Success)
            return message;
        var expected = match.Groups[3].Value switch
        {
            "Int32" => $"a whole number from {int.MinValue:N0} to {int.MaxValue:N0}",
            "Int64" => $"a whole number from {long.MinValue:N0} to {long.MaxValue:N0}",
            "Double" or "Single" => "a number",
            "Boolean" => "true or false",
            var type => $"a value of type {type}",
        };
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{match.Groups[2].Value} {match.Groups[1].Value}: expected {expected}.");
    }

    /// <summary>The exception that says what went wrong: the first inner one of an aggregate from parallel work.</summary>
    private static Exception Unwrap(Exception e) =>
        e is AggregateException { InnerExceptions.Count: > 0 } aggregate ? Unwrap(aggregate.InnerExceptions[0]) : e;

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();

    private static string CommandPath(System.CommandLine.Parsing.CommandResult command) =>
        command.Parent is System.CommandLine.Parsing.CommandResult parent
            ? $"{CommandPath(parent)} {command.Command.Name}"
            : command.Command.Name;
}
