using TextInpaint.Cli;
using TextInpaint.Tests.TestData;

namespace TextInpaint.Tests.Cli.Commands;

[Collection(TorchCollection.Name)]
public sealed class EvalCommandTests(TinyModel tiny)
{
    [Fact]
    public async Task Eval_with_several_mask_kinds_writes_one_table_and_csv_covering_each()
    {
        using var temp = new TempFolder();
        var output = new StringWriter();

        int exit = await CommandLine.RunAsync(["eval", "--model", tiny.Folder, "--data", tiny.Data, "--out", temp.Combine("eval"),
            "--mask", "centre,box", "free-form", "--limit", "4", "--methods", "mmfl", "telea", "--no-features"], output: output);

        Assert.Equal(0, exit);
        var masks = File.ReadAllLines(temp.Combine("eval", "eval.csv")).Skip(1).Select(line => line.Split(',')[1]).Distinct();
        Assert.Equal(["centre", "box", "free-form"], masks);
        Assert.Contains("## Free-form holes", output.ToString());
        Assert.Contains("| mmfl (MMFL, true caption) | ", output.ToString());
        Assert.Contains("(both left out: --no-features)", output.ToString());
        foreach (var mask in new[] { "centre", "box", "free-form" })
            Assert.True(File.Exists(temp.Combine("eval", $"eval-sheet-{mask}.png")), mask);
    }

    [Fact]
    public async Task Eval_with_an_unknown_or_unsupported_mask_kind_names_it_and_evaluates_nothing()
    {
        using var temp = new TempFolder();
        var error = new StringWriter();

        int exit = await CommandLine.RunAsync(["eval", "--model", tiny.Folder, "--data", tiny.Data, "--mask", "centre,triangle"], error);
        // Object holes need the part maps at the evaluation's size, which --size 48 does not have.
        int objectExit = await CommandLine.RunAsync(["eval", "--model", tiny.Folder, "--data", tiny.Data, "--mask", "centre,object", "--size", "48",
            "--out", temp.Combine("eval")], error);

        Assert.Equal(CommandLine.InputError, exit);
        Assert.Contains("'triangle'", error.ToString());
        // An unsupported kind is refused before any kind is evaluated.
        Assert.Equal(CommandLine.InputError, objectExit);
        Assert.Contains("--mask object", error.ToString());
        Assert.False(Directory.Exists(temp.Combine("eval")));
    }
}
