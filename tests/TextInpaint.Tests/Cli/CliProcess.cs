using System.Diagnostics;

namespace TextInpaint.Tests.Cli;

/// <summary>What a `textinpaint` process printed and how it ended.</summary>
public sealed record CliOutcome(int ExitCode, string Output, string Error)
{
    /// <summary>Stdout and stderr together.</summary>
    public string All => Output + Error;
}

/// <summary>Runs the command line as a user does: `textinpaint ARGS` in a process of its own.</summary>
public static class CliProcess
{
    public static ProcessStartInfo StartInfo(IEnumerable<string> args, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory ?? "" };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "TextInpaint.Cli.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        return start;
    }

    public static async Task<CliOutcome> RunAsync(IEnumerable<string> args, string? workingDirectory = null, TimeSpan? timeout = null)
    {
        using var process = Process.Start(StartInfo(args, workingDirectory))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout ?? TimeSpan.FromMinutes(3));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return new CliOutcome(process.ExitCode, await output, await error);
    }
}
