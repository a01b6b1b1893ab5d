using System.CommandLine;
using TextInpaint.Benchmarks;
using TextInpaint.Cli;

namespace TextInpaint.Tests.Cli.Commands;

[Collection(TorchCollection.Name)]
public sealed class BenchmarkCommandTests
{
    [Fact]
    public async Task The_command_exits_with_an_input_error_naming_an_unknown_case()
    {
        var error = new StringWriter();

        int exit = await CommandLine.RunAsync(["benchmark", "--case", "nope", "--runs", "1"], error);

        Assert.Equal(CommandLine.InputError, exit);
        Assert.Contains("benchmark case 'nope': unknown; the cases are damsm-train,", error.ToString());
    }

    [Fact]
    public async Task A_cheap_case_prints_a_table_row_on_the_asked_thread_count_and_writes_the_table_to_a_file()
    {
        using var temp = new TempFolder();
        var file = temp.Combine("bench.md");
        var output = new StringWriter();
        int threadsBefore = TorchSharp.torch.get_num_threads();
        int exit;
        try
        {
            exit = await CommandLine.Build()
                .Parse(["benchmark", "--case", "mmfl-train-tiny", "--runs", "2", "--warmup", "1", "--threads", "1", "--out", file])
                .InvokeAsync(new InvocationConfiguration { Output = output });
        }
        finally
        {
            TorchSharp.torch.set_num_threads(threadsBefore);
        }

        Assert.Equal(0, exit);
        var row = output.ToString().Split('\n').Single(line => line.StartsWith("| mmfl-train-tiny |", StringComparison.Ordinal));
        var cells = row.Split('|', StringSplitOptions.TrimEntries)[1..^1];
        Assert.Equal(BenchmarkReport.Header.Split('|').Length - 2, cells.Length);
        Assert.Equal("4", cells[1]);    // batch
        Assert.Equal("1+2", cells[2]);  // warm-up + timed runs
        Assert.True(double.Parse(cells[3], System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.True(double.Parse(cells[7], System.Globalization.CultureInfo.InvariantCulture) > 0); // conv GFLOP
        Assert.EndsWith("%", cells[9]); // of the matrix-product rate
        Assert.Equal("1", cells[11]);   // threads
        Assert.Contains(row, File.ReadAllText(file));
    }
}
