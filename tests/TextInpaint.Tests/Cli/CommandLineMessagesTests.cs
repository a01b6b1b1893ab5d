using TextInpaint.Cli;
using TextInpaint.Imaging;

namespace TextInpaint.Tests.Cli;

/// <summary>What `textinpaint` says, as a process of its own, when a value is out of reach: one line that names the option and the problem,
/// never a .NET type or NaN.</summary>
public sealed class CommandLineMessagesTests
{
    [Fact]
    public async Task A_seed_past_the_largest_whole_number_is_named_with_its_range_not_its_dotnet_type()
    {
        var outcome = await CliProcess.RunAsync(["inpaint", "--image", "a.png", "--box", "1,1,2,2", "--out", "b.png", "--seed", "2147483648"]);

        Assert.Equal(CommandLine.InputError, outcome.ExitCode);
        Assert.Equal("error: --seed 2147483648: expected a whole number from -2,147,483,648 to 2,147,483,647.", outcome.Error.Split('\n')[0].Trim());
        Assert.DoesNotContain("System.", outcome.Error);
    }

    [Theory]
    [InlineData("10,10,2147483647,5")]
    [InlineData("0,0,2147483647,2147483647")]
    public async Task A_box_reaching_to_the_largest_whole_number_covers_the_image_to_its_edge(string box)
    {
        using var temp = new TempFolder();
        var picture = new RgbImage(40, 30);
        ImageFiles.SavePng(picture, temp.Combine("in.png"));

        var outcome = await CliProcess.RunAsync(["inpaint", "--image", temp.Combine("in.png"), "--box", box, "--out", temp.Combine("out.png"),
            "--text", "a red bird"]);

        Assert.True(outcome.ExitCode == 0, outcome.All);
        Assert.Equal((40, 30), (ImageFiles.Load(temp.Combine("out.png")).Width, ImageFiles.Load(temp.Combine("out.png")).Height));
    }

    [Fact]
    public async Task A_one_row_hole_across_a_wide_image_is_filled()
    {
        using var temp = new TempFolder();
        // Its window, 10,000 pixels a side, is past the largest cut whole (memory: WindowResamplingTests, the server's tests).
        ImageFiles.SavePng(new RgbImage(5_000, 200), temp.Combine("wide.png"));

        var outcome = await CliProcess.RunAsync(["inpaint", "--image", temp.Combine("wide.png"), "--box", "0,100,5000,1", "--out", temp.Combine("out.png"),
            "--text", "a red bird"]);

        Assert.True(outcome.ExitCode == 0, outcome.All);
        Assert.Equal(5_000, ImageFiles.Load(temp.Combine("out.png")).Width);
    }

    [Fact]
    public async Task Explaining_a_one_word_caption_says_there_is_no_entropy_instead_of_nan()
    {
        using var temp = new TempFolder();
        ImageFiles.SavePng(new RgbImage(64, 64), temp.Combine("in.png"));

        var outcome = await CliProcess.RunAsync(["inpaint", "--image", temp.Combine("in.png"), "--box", "16,16,32,32", "--out", temp.Combine("out.png"),
            "--text", "red", "--explain"]);

        Assert.True(outcome.ExitCode == 0, outcome.All);
        Assert.Contains("no demand entropy: it needs two known words", outcome.Output);
        Assert.DoesNotContain("NaN", outcome.All);
    }

    [Theory]
    [InlineData("5000x4000", "error: --size 5000x4000: 20,000,000 pixels, more than the 16,777,216 the server accepts " +
        "(TextInpaint:MaxImagePixels); every fill would be refused.")]
    [InlineData("99999x99999", "error: --size 99999x99999: 9,999,800,001 pixels, more than the 16,777,216 the server accepts " +
        "(TextInpaint:MaxImagePixels); every fill would be refused.")]
    public async Task Benchmark_serve_refuses_a_size_past_the_servers_limits_before_it_starts(string size, string expected)
    {
        var outcome = await CliProcess.RunAsync(["benchmark-serve", "--size", size, "--seconds", "1", "--warmup", "0"]);

        Assert.Equal(CommandLine.InputError, outcome.ExitCode);
        Assert.Equal(expected, outcome.Error.Trim());
        Assert.DoesNotContain("NaN", outcome.All);
    }

    [Fact]
    public async Task Synth_refuses_a_count_that_leaves_a_split_empty()
    {
        using var temp = new TempFolder();

        var outcome = await CliProcess.RunAsync(["synth", "--out", temp.Combine("one"), "--count", "1"]);

        Assert.Equal(CommandLine.InputError, outcome.ExitCode);
        Assert.StartsWith("error: --count 1: must be a number from 2 to 1,000,000.", outcome.Error.Trim());
        Assert.False(Directory.Exists(temp.Combine("one")));
    }
}
