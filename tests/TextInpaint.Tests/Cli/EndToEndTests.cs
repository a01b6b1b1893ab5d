using System.Diagnostics;
using TextInpaint.Cli;
using TextInpaint.Imaging;

namespace TextInpaint.Tests.Cli;

/// <summary>The user's way through the command line, on a data set small enough for the suite.</summary>
[Collection(TorchCollection.Name)]
public sealed class EndToEndTests(TestData.TinyModel tiny)
{
    [Fact]
    public async Task Synth_train_damsm_train_stopped_and_resumed_eval_and_inpaint_run_through_the_command_line()
    {
        using var temp = new TempFolder();
        string data = temp.Combine("birds"), damsm = temp.Combine("damsm"), model = temp.Combine("model");
        var error = new StringWriter();
        async Task<string> Run(params string[] args)
        {
            var output = new StringWriter();
            int exit = await CommandLine.RunAsync(args, error, output);
            Assert.True(exit == 0, $"{string.Join(' ', args)} exited with {exit}: {error}");
            return output.ToString();
        }

        await Run("synth", "--out", data, "--count", "48", "--size", "32", "--seed", "3");
        // The tiny preset reads 16-d words: train-damsm makes such encoders when asked.
        await Run("train-damsm", "--data", data, "--out", damsm, "--size", "32", "--batch-size", "8", "--epochs", "1",
            "--word-size", "16", "--validation-images", "0");
        string[] train = ["train", "--data", data, "--damsm", damsm, "--out", model, "--preset", "tiny", "--batch-size", "8",
            "--checkpoint-every", "5", "--sample-every", "0", "--validation-images", "4", "--lr", "1e-4"];
        var stopped = await StopWithSigterm([.. train, "--epochs", "8"], Path.Combine(model, "checkpoints", "step-00000005"));
        var resumed = await Run([.. train, "--epochs", "8"]);
        var evaluated = await Run("eval", "--model", model, "--data", data, "--limit", "4", "--methods", "mmfl", "--no-features",
            "--out", temp.Combine("eval"));
        var image = Directory.GetFiles(Path.Combine(data, "images")).Order().First();
        await Run("inpaint", "--model", model, "--image", image, "--box", "8,8,16,16", "--text", "this bird has a red crown",
            "--out", temp.Combine("filled.png"));

        Assert.Equal(CommandLine.Cancelled, stopped.Exit);
        Assert.DoesNotContain("resuming", stopped.Output);
        int stoppedAt = int.Parse(stopped.Output.Split("stopped at step ")[1].Split(';')[0]);
        Assert.Contains($"resuming the run in {model} from step {stoppedAt}", resumed);
        int trained = int.Parse(resumed.Split("trained to step ")[1].Split(';')[0]);
        Assert.True(stoppedAt > 0 && stoppedAt < trained, $"stopped at {stoppedAt}, trained to {trained}");
        var recipe = File.ReadAllText(Path.Combine(model, "training.json"));
        Assert.Contains("\"data\": \"birds\"", recipe);
        Assert.Contains("\"learningRate\": 0.0001,", recipe);
        Assert.DoesNotContain(temp.Path, recipe);
        Assert.DoesNotContain(temp.Path, File.ReadAllText(Path.Combine(model, "model.json")));
        Assert.Contains("MMFL, true caption", File.ReadAllText(temp.Combine("eval", "eval.md")));
        Assert.Contains("eval.md", evaluated);
        var (input, filled) = (ImageFiles.Load(image), ImageFiles.Load(temp.Combine("filled.png")));
        var hole = Mask.Box(input.Width, input.Height, 8, 8, 16, 16);
        Assert.All(Enumerable.Range(0, hole.Hole.Length).Where(i => !hole.Hole[i]),
            i => Assert.Equal(input.Pixels.AsSpan(3 * i, 3).ToArray(), filled.Pixels.AsSpan(3 * i, 3).ToArray()));
        Assert.NotEqual(input.Pixels, filled.Pixels);
    }

    [Fact]
    public async Task Train_detail_stopped_and_resumed_and_inpaint_with_its_folder_run_through_the_command_line()
    {
        using var temp = new TempFolder();
        string detail = temp.Combine("detail");
        string[] train = ["train-detail", "--base", tiny.Folder, "--data", tiny.Data, "--out", detail, "--side", "64", "--source-size", "64",
            "--crop", "32", "--batch-size", "8", "--epochs", "8", "--checkpoint-every", "5", "--sample-every", "0", "--validation-images", "4"];

        var stopped = await StopWithSigterm(train, Path.Combine(detail, "checkpoints", "step-00000005"));
        var resumed = new StringWriter();
        var error = new StringWriter();
        int trainExit = await CommandLine.RunAsync(train, error, resumed);
        var image = Directory.GetFiles(Path.Combine(tiny.Data, "images")).Order().First();
        int inpaintExit = await CommandLine.RunAsync(["inpaint", "--model", detail, "--image", image, "--box", "8,8,16,16", "--text",
            "this bird has a red crown", "--out", temp.Combine("filled.png")], error, new StringWriter());

        Assert.Equal(CommandLine.Cancelled, stopped.Exit);
        int stoppedAt = int.Parse(stopped.Output.Split("stopped at step ")[1].Split(';')[0]);
        Assert.True((trainExit, inpaintExit) == (0, 0), error.ToString());
        Assert.Contains($"resuming the run in {detail} from step {stoppedAt}", resumed.ToString());
        Assert.Contains("trained to step 32; detail model, samples and metrics in", resumed.ToString());
        Assert.Contains("\"base\": \"model\"", File.ReadAllText(Path.Combine(detail, "training.json")));
        var (input, filled) = (ImageFiles.Load(image), ImageFiles.Load(temp.Combine("filled.png")));
        var hole = Mask.Box(input.Width, input.Height, 8, 8, 16, 16);
        Assert.All(Enumerable.Range(0, hole.Hole.Length).Where(i => !hole.Hole[i]),
            i => Assert.Equal(input.Pixels.AsSpan(3 * i, 3).ToArray(), filled.Pixels.AsSpan(3 * i, 3).ToArray()));
        Assert.NotEqual(input.Pixels, filled.Pixels);
    }

    /// <summary>
    /// Runs the built command line as its own process and sends it SIGTERM (as `kill` or a
    /// shutting-down machine would) once <paramref name="midway"/> exists: a checkpoint early in
    /// the run, so that the signal arrives while it trains (its progress lines come only every 5 s).
    /// </summary>
    private static async Task<(int Exit, string Output)> StopWithSigterm(string[] args, string midway)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "TextInpaint.Cli.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        void Read(string? line)
        {
            if (line is null)
                return;
            lock (output)
                output.AppendLine(line);
        }
        process.OutputDataReceived += (_, e) => Read(e.Data);
        process.ErrorDataReceived += (_, e) => Read(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (!Directory.Exists(midway) && !process.HasExited)
            await Task.Delay(20, timeout.Token);
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString()]))
            await kill.WaitForExitAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        lock (output)
            return (process.ExitCode, output.ToString());
    }

    [Fact]
    public async Task Demo_runs_the_model_on_the_device_it_is_given()
    {
        var error = new StringWriter();

        int exit = await CommandLine.RunAsync(["demo", "--device", "cuda", "--birds", "1", "--out", Path.Combine(Path.GetTempPath(), "never-written")], error);

        Assert.Equal(CommandLine.InputError, exit);
        Assert.Contains("device 'cuda': CUDA is not available", error.ToString());
    }
}
