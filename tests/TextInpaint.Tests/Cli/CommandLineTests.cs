using System.CommandLine;
using TextInpaint.Cli;

namespace TextInpaint.Tests.Cli;

public sealed class CommandLineTests
{
    [Fact]
    public void Help_names_the_program_textinpaint_and_lists_every_command()
    {
        var output = new StringWriter();

        int exit = CommandLine.Build().Parse(["--help"]).Invoke(new InvocationConfiguration { Output = output });

        Assert.Equal(0, exit);
        Assert.Contains("textinpaint [command] [options]", output.ToString());
        foreach (var command in new[] { "synth", "data", "train-damsm", "eval-damsm", "train" })
            Assert.Contains(command, output.ToString());
    }

    [Fact]
    public async Task An_unknown_option_value_is_an_input_error_without_a_stack_trace()
    {
        var error = new StringWriter();

        int exit = await CommandLine.RunAsync(["train", "--mask", "triangle"], error);

        Assert.Equal(CommandLine.InputError, exit);
        Assert.Contains("triangle", error.ToString());
        Assert.DoesNotContain("   at ", error.ToString());
    }

    [Theory]
    [InlineData("train --no-such-option 3", "--no-such-option")]
    [InlineData("train-damsm --epochs many", "many")]
    [InlineData("inpaint --box", "--box")]
    public async Task A_parse_error_is_one_line_and_a_pointer_to_help_not_the_whole_help(string args, string named)
    {
        var error = new StringWriter();
        var output = new StringWriter();

        int exit = await CommandLine.RunAsync(args.Split(' '), error, output);

        Assert.Equal(CommandLine.InputError, exit);
        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains(named, lines[0]);
        Assert.Equal($"see textinpaint {args.Split(' ')[0]} --help", lines[1].Trim());
        Assert.Equal("", output.ToString());
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    public async Task A_damsm_learning_rate_that_is_not_a_positive_number_is_refused_before_anything_is_written(string lr)
    {
        using var temp = new TempFolder();
        var error = new StringWriter();

        int exit = await CommandLine.RunAsync(["train-damsm", "--data", temp.Combine("missing"), "--out", temp.Combine("out"), "--lr", lr], error, new StringWriter());

        Assert.Equal(CommandLine.InputError, exit);
        Assert.Contains("--lr", error.ToString());
        Assert.False(Directory.Exists(temp.Combine("out")));
    }
}
