using TextInpaint.Cli;

namespace TextInpaint.Tests.Cli;

public sealed class ConsoleProgressTests
{
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
