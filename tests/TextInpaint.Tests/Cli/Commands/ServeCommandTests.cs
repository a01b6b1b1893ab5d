using TextInpaint.Cli;

namespace TextInpaint.Tests.Cli.Commands;

[Collection(TorchCollection.Name)]
public sealed class ServeCommandTests
{
    [Fact]
    public async Task Serve_refuses_a_folder_that_is_not_a_model_in_one_line_with_exit_code_2()
    {
        using var temp = new TempFolder();
        var error = new StringWriter();

        int exit = await CommandLine.RunAsync(["serve", "--model", temp.Path, "--urls", "http://127.0.0.1:0"], error, new StringWriter());

        Assert.Equal(CommandLine.InputError, exit);
        Assert.Equal($"error: {temp.Path}: not a model folder (no model.json or detail.json); give one with --model.", error.ToString().Trim());
    }

    [Theory]
    [InlineData("--size", "10x10", "--size 10x10: expected WIDTHxHEIGHT")]
    [InlineData("--seconds", "0", "--seconds 0: give a positive number of seconds.")]
    [InlineData("--clients", "0", "--clients 0: give 1 to 250 clients")]
    public async Task Benchmark_serve_refuses_bad_options_before_starting(string option, string value, string message)
    {
        var error = new StringWriter();

        int exit = await CommandLine.RunAsync(["benchmark-serve", option, value], error, new StringWriter());

        Assert.Equal(CommandLine.InputError, exit);
        Assert.Contains(message, error.ToString());
    }
}
