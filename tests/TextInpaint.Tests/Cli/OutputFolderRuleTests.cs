using TextInpaint.Cli;
using TextInpaint.Tests.TestData;

namespace TextInpaint.Tests.Cli;

/// <summary>Every job's output folder under one rule (<see cref="OutputFolder"/>), as a user meets it on the command line.</summary>
[Collection(TorchCollection.Name)]
public sealed class OutputFolderRuleTests(TinyModel tiny)
{
    [Fact]
    public async Task Demo_refuses_its_default_folder_when_it_holds_the_users_page_and_keeps_the_page()
    {
        using var temp = new TempFolder();
        var page = temp.WriteText("demo/index.html", "the user's page");

        var outcome = await CliProcess.RunAsync(["demo", "--birds", "1"], workingDirectory: temp.Path);

        Assert.Equal(CommandLine.InputError, outcome.ExitCode);
        Assert.Equal("error: demo: holds files that an earlier `demo` did not write here (index.html); choose another --out or an empty folder, " +
            "or give --overwrite to write beside them.", outcome.Error.Trim());
        Assert.Equal("the user's page", File.ReadAllText(page));
    }

    [Fact]
    public async Task Demo_runs_again_into_its_own_folder_and_with_overwrite_beside_other_files()
    {
        using var temp = new TempFolder();
        var output = temp.Combine("demo");

        var first = await InProcess(["demo", "--birds", "1", "--out", output]);
        var notes = temp.WriteText("demo/notes.txt", "mine");
        var refused = await InProcess(["demo", "--birds", "1", "--out", output]);
        var overwritten = await InProcess(["demo", "--birds", "1", "--out", output, "--overwrite"]);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(CommandLine.InputError, refused.ExitCode);
        Assert.Contains("(notes.txt)", refused.Error);
        Assert.Equal(0, overwritten.ExitCode);
        Assert.Equal("mine", File.ReadAllText(notes));
        Assert.True(File.Exists(Path.Combine(output, "sheet.png")));
    }

    [Fact]
    public async Task Eval_keeps_a_users_report_and_a_re_run_replaces_its_own_sheets_instead_of_mixing_two_runs()
    {
        using var temp = new TempFolder();
        var users = temp.WriteText("mine/eval.md", "the user's table");
        var output = temp.Combine("eval");
        string[] common = ["eval", "--model", tiny.Folder, "--data", tiny.Data, "--limit", "2", "--methods", "telea", "--no-features"];

        var refused = await InProcess([.. common, "--out", temp.Combine("mine")]);
        var box = await InProcess([.. common, "--out", output, "--mask", "box"]);
        var centre = await InProcess([.. common, "--out", output, "--mask", "centre"]);

        Assert.Equal(CommandLine.InputError, refused.ExitCode);
        Assert.Contains("(eval.md)", refused.Error);
        Assert.Equal("the user's table", File.ReadAllText(users));
        Assert.Equal((0, 0), (box.ExitCode, centre.ExitCode));
        Assert.Equal([OutputFolder.RecordFile, "eval-area-bins-centre.png", "eval-sheet-centre.png", "eval.csv", "eval.md"],
            Directory.EnumerateFileSystemEntries(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Eval_damsm_writes_to_its_out_folder_and_refuses_one_holding_other_files()
    {
        using var temp = new TempFolder();
        var damsm = Path.Combine(tiny.Folder, "damsm");
        temp.WriteText("mine/damsm-eval.md", "the user's table");

        var written = await CommandLine.RunAsync(["eval-damsm", "--model", damsm, "--data", tiny.Data, "--draws", "1", "--out", temp.Combine("report")],
            new StringWriter(), new StringWriter());
        var error = new StringWriter();
        var refused = await CommandLine.RunAsync(["eval-damsm", "--model", damsm, "--data", tiny.Data, "--draws", "1", "--out", temp.Combine("mine")],
            error, new StringWriter());

        Assert.Equal(0, written);
        Assert.True(File.Exists(temp.Combine("report", "damsm-eval.md")));
        Assert.False(Directory.Exists(Path.Combine(damsm, "eval")));
        Assert.Equal(CommandLine.InputError, refused);
        Assert.Contains("(damsm-eval.md)", error.ToString());
        Assert.Equal("the user's table", File.ReadAllText(temp.Combine("mine", "damsm-eval.md")));
    }

    /// <summary>The command line in this process (the collection's libtorch), as <see cref="CliProcess"/> runs it in its own.</summary>
    private static async Task<CliOutcome> InProcess(string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        int exit = await CommandLine.RunAsync(args, error, output);
        return new CliOutcome(exit, output.ToString(), error.ToString());
    }
}
