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
}
