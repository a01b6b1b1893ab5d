using System.CommandLine;
using TextInpaint.Cli;

namespace TextInpaint.Tests.Cli;

/// <summary>Commands run in this process, where those that train, serve or fill set libtorch's threads first: in the torch collection.</summary>
[Collection(TorchCollection.Name)]
public sealed class CommandLineTests
{
    [Fact]
    public void Help_names_the_program_textinpaint_and_lists_every_command()
    {
        var output = new StringWriter();

        int exit = CommandLine.Build().Parse(["--help"]).Invoke(new InvocationConfiguration { Output = output });

        Assert.Equal(0, exit);
        Assert.Contains("textinpaint [command] [options]", output.ToString());
        foreach (var command in new[] { "synth", "data", "train-damsm", "eval-damsm", "train", "train-detail" })
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

    [Fact]
    public async Task A_run_started_from_a_model_takes_no_other_damsm_encoders()
    {
        using var temp = new TempFolder();
        var error = new StringWriter();

        int exit = await CommandLine.RunAsync(["train", "--init-from", temp.Combine("model"), "--damsm", temp.Combine("damsm"), "--out", temp.Combine("out")],
            error, new StringWriter());

        Assert.Equal(CommandLine.InputError, exit);
        Assert.Contains("leave out --damsm", error.ToString());
        Assert.False(Directory.Exists(temp.Combine("out")));
    }

    [Theory]
    [InlineData("train --no-such-option 3", "--no-such-option")]
    [InlineData("train-damsm --epochs many", "many")]
    [InlineData("inpaint --box", "--box")]
    public async Task A_parse_error_is_one_line_and_a_pointer_to_help_not_the_whole_help(string args, string named)
    {
        var lines = await ParseErrorLines(args);

        Assert.Contains(named, lines[0]);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    public async Task A_damsm_learning_rate_that_is_not_a_positive_number_is_refused_before_anything_is_written(string lr)
    {
        using var temp = new TempFolder();
        var error = new StringWriter();

        int exit = await CommandLine.RunAsync(["train-damsm", "--data", temp.Combine("missing"), "--out", temp.Combine("out"), "--lr", lr],
            error, new StringWriter());

        Assert.Equal(CommandLine.InputError, exit);
        Assert.Contains("--lr", error.ToString());
        Assert.False(Directory.Exists(temp.Combine("out")));
    }

    [Theory]
    [InlineData("train --epochs 0", "--epochs 0")]
    [InlineData("train --checkpoint-every -5", "--checkpoint-every -5")]
    [InlineData("train --edit-captions NaN", "--edit-captions NaN")]
    [InlineData("train --edit-captions 1.5", "--edit-captions 1.5")]
    [InlineData("train --named-part-weight -1", "--named-part-weight -1")]
    [InlineData("train --named-part-weight NaN", "--named-part-weight NaN")]
    [InlineData("train --adversarial-weight -0.5", "--adversarial-weight -0.5")]
    [InlineData("train --named-part-margin -5", "--named-part-margin -5")]
    [InlineData("train --named-part-margin 17", "--named-part-margin 17")]
    [InlineData("train --adversarial-weight NaN", "--adversarial-weight NaN")]
    [InlineData("train --batch-size 0", "--batch-size 0")]
    [InlineData("train --lr 0", "--lr 0")]
    [InlineData("train-detail --lr 2", "--lr 2")]
    [InlineData("train-damsm --lr-decay 0", "--lr-decay 0")]
    [InlineData("train-damsm --batch-size 1", "--batch-size 1")]
    [InlineData("eval --limit -1", "--limit -1")]
    [InlineData("eval-damsm --draws 0", "--draws 0")]
    [InlineData("synth --size 65536", "--size 65536")]
    [InlineData("synth --count 0", "--count 0")]
    [InlineData("demo --birds -3", "--birds -3")]
    [InlineData("demo --size 8", "--size 8")]
    [InlineData("inpaint --threads 0", "--threads 0")]
    [InlineData("benchmark-serve --warmup -1", "--warmup -1")]
    [InlineData("benchmark --runs 0", "--runs 0")]
    public async Task A_number_out_of_its_range_is_a_parse_error_naming_the_option_and_its_range(string args, string named)
    {
        var lines = await ParseErrorLines(args);

        Assert.StartsWith($"error: {named}: must be a number from ", lines[0]);
    }

    /// <summary>Runs a command line that must not parse; checks exit code 2, two lines on stderr (the error and the pointer to help)
    /// and nothing on stdout.</summary>
    private static async Task<string[]> ParseErrorLines(string args)
    {
        var error = new StringWriter();
        var output = new StringWriter();

        int exit = await CommandLine.RunAsync(args.Split(' '), error, output);

        Assert.Equal(CommandLine.InputError, exit);
        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal($"see textinpaint {args.Split(' ')[0]} --help", lines[1].Trim());
        Assert.Equal("", output.ToString());
        return lines;
    }

    [Theory]
    [InlineData("train --epochs 1")]
    [InlineData("train --edit-captions 1")]
    [InlineData("train --named-part-weight 0")]
    [InlineData("train --adversarial-weight 0")]
    [InlineData("train --named-part-margin 16")]
    [InlineData("train --named-part-margin -4")]
    [InlineData("eval --limit 0")]
    [InlineData("synth --size 16")]
    public async Task A_number_at_the_edge_of_its_range_parses(string args)
    {
        var parse = CommandLine.Build().Parse(args.Split(' '));

        Assert.Empty(parse.Errors);
    }

    [Theory]
    [InlineData("train", "--data", "data", "--damsm", "damsm")]
    [InlineData("train-detail", "--data", "data", "--base", "model")]
    [InlineData("eval", "--model", "model", "--data", "data")]
    [InlineData("demo", "--model", "model", "--seed", "1")]
    public async Task An_output_folder_that_names_a_file_is_refused_in_one_line_and_the_file_is_kept(params string[] args)
    {
        using var temp = new TempFolder();
        // The folders the command reads exist (and are empty): the output is what it refuses.
        args = args.Select((arg, i) => i > 0 && args[i - 1] is "--data" or "--damsm" or "--model" or "--base"
            ? Directory.CreateDirectory(temp.Combine(arg)).FullName
            : arg).ToArray();
        var file = temp.Combine("results");
        File.WriteAllText(file, "the user's file");
        var error = new StringWriter();

        int exit = await CommandLine.RunAsync([.. args, "--out", file], error, new StringWriter());

        Assert.Equal(CommandLine.InputError, exit);
        Assert.Equal($"error: {file}: is a file; --out names a folder.", error.ToString().Trim());
        Assert.Equal("the user's file", File.ReadAllText(file));
    }

    [Theory]
    [InlineData("train", "model.json", "generator.pt")]
    [InlineData("train-damsm", "damsm.json", "text_encoder.pt")]
    [InlineData("train-detail", "detail.json", "detail.pt")]
    public async Task A_finished_model_folder_without_checkpoints_is_never_trained_over(string command, string config, string weights)
    {
        // As the shipped model is: its config and weights, its checkpoints left out.
        using var temp = new TempFolder();
        var model = Directory.CreateDirectory(temp.Combine("model")).FullName;
        File.WriteAllText(Path.Combine(model, config), "{}");
        File.WriteAllText(Path.Combine(model, weights), "trained weights");
        var error = new StringWriter();

        int exit = await CommandLine.RunAsync([command, "--data", temp.Combine("data"), "--out", model], error, new StringWriter());

        Assert.Equal(CommandLine.InputError, exit);
        Assert.Equal($"error: {model}: holds a trained model with no checkpoint to resume from; a new run would replace it, so choose another --out.",
            error.ToString().Trim());
        Assert.Equal("trained weights", File.ReadAllText(Path.Combine(model, weights)));
        Assert.Equal("{}", File.ReadAllText(Path.Combine(model, config)));
    }

    [Fact]
    public async Task Serve_refuses_an_address_that_is_not_a_url_in_one_line()
    {
        var error = new StringWriter();

        int exit = await CommandLine.RunAsync(["serve", "--urls", "notaurl"], error, new StringWriter());

        Assert.Equal(CommandLine.InputError, exit);
        Assert.Equal("error: --urls 'notaurl': expected http://HOST:PORT (several separated by ';'), e.g. http://127.0.0.1:5080.", error.ToString().Trim());
    }

    [Fact]
    public async Task Serve_on_an_address_in_use_says_so_in_one_line_without_the_hosts_stack_trace()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var url = $"http://127.0.0.1:{((System.Net.IPEndPoint)taken.LocalEndpoint).Port}";
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "TextInpaint.Cli.dll"), "serve", "--urls", url })
            start.ArgumentList.Add(arg);

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(CommandLine.InputError, process.ExitCode);
        var all = await output + await error;
        Assert.Contains($"error: --urls {url}: cannot listen there (Failed to bind to address {url}: address already in use.).", all);
        Assert.DoesNotContain("   at ", all);
        // The model loads beside the host's start; the process ends after the load, not in the middle of it.
        Assert.DoesNotContain("could not be loaded", all);
    }
}
