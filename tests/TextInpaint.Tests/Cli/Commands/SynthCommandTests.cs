using TextInpaint.Cli;
using TextInpaint.Data.SynthBirds;

namespace TextInpaint.Tests.Cli.Commands;

public sealed class SynthCommandTests : IDisposable
{
    private readonly TempFolder temp = new();

    // A folder that does not exist yet, inside the test's own temporary folder.
    private string folder => temp.Combine("out");

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Synth_writes_a_complete_data_set_and_its_preview()
    {
        int exit = await CommandLine.RunAsync(["synth", "--out", folder, "--count", "4", "--size", "64", "--seed", "2"]);

        Assert.Equal(0, exit);
        var manifest = SynthBirdsManifest.TryLoad(folder);
        Assert.NotNull(manifest);
        Assert.Equal((4, 64, 2), (manifest.Count, manifest.Size, manifest.Seed));
        Assert.True(File.Exists(Path.Combine(folder, "preview.png")));
        Assert.True(File.Exists(Path.Combine(folder, "train", "filenames.pickle")));
    }

    [Fact]
    public async Task Synth_with_a_bad_size_exits_with_an_input_error_naming_the_size()
    {
        var error = new StringWriter();
        int exit = await CommandLine.RunAsync(["synth", "--out", folder, "--count", "4", "--size", "50"], error);
        Assert.Equal(CommandLine.InputError, exit);
        Assert.Contains("size", error.ToString());
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task Plain_progress_prints_each_stage_when_it_finishes()
    {
        var output = new StringWriter();
        int result = await ConsoleProgress.RunAsync(progress =>
        {
            progress.Report(new JobProgress("rendering", 0, 10));
            progress.Report(new JobProgress("rendering", 10, 10, new Dictionary<string, double> { ["images/s"] = 5 }));
            return Task.FromResult(7);
        }, output);
        Assert.Equal(7, result);
        Assert.Contains("rendering: 10/10 images/s=5 (100%)", output.ToString());
    }

    [Fact]
    public void The_rate_of_a_resumed_stage_counts_only_the_work_since_its_first_report()
    {
        // Resumed at step 4,000 of 10,000; 10 s later at 5,000: 100 steps/s and 50 s to go, not 500/s.
        string text = ConsoleProgress.RateAndTimeLeft(new JobProgress("train", 5_000, 10_000), doneAtFirstReport: 4_000, TimeSpan.FromSeconds(10));

        Assert.Equal(", 100.0/s, about 00:00:50 left", text);
        Assert.Equal(", 100.0/s", ConsoleProgress.RateAndTimeLeft(new JobProgress("train", 10_000, 10_000), 9_000, TimeSpan.FromSeconds(10)));
    }
}
