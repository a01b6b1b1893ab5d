using TextInpaint.Benchmarks;

namespace TextInpaint.Tests.Benchmarks;

[Collection(TorchCollection.Name)]
public sealed class BenchmarkHarnessTests
{
    /// <summary>A clock that only moves when the workload moves it.</summary>
    private sealed class FakeClock : TimeProvider
    {
        private long ticks;
        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
        public override long GetTimestamp() => ticks;
        public void Advance(TimeSpan duration) => ticks += duration.Ticks;
    }

    [Fact]
    public void Median_min_and_max_come_from_the_timed_runs_only()
    {
        var clock = new FakeClock();
        // Two warm-up runs of 1000 ms, then timed runs of 30, 10, 50, 20 and 40 ms.
        var durations = new Queue<int>([1000, 1000, 30, 10, 50, 20, 40]);
        int calls = 0;

        var timings = new BenchmarkHarness(clock).Measure(() =>
        {
            calls++;
            clock.Advance(TimeSpan.FromMilliseconds(durations.Dequeue()));
        }, warmupRuns: 2, timedRuns: 5, stage: "fake");

        Assert.Equal(7, calls);
        Assert.Equal([30.0, 10, 50, 20, 40], timings.Runs.Select(r => r.TotalMilliseconds));
        Assert.Equal(30, timings.Median.TotalMilliseconds);
        Assert.Equal(10, timings.Min.TotalMilliseconds);
        Assert.Equal(50, timings.Max.TotalMilliseconds);
    }

    [Fact]
    public void The_median_of_an_even_number_of_runs_is_the_mean_of_the_middle_two()
    {
        var timings = new BenchmarkTimings(new[] { 40, 10, 20, 30 }.Select(ms => TimeSpan.FromMilliseconds(ms)).ToArray());

        Assert.Equal(25, timings.Median.TotalMilliseconds);
        Assert.Equal(10, timings.Min.TotalMilliseconds);
        Assert.Equal(40, timings.Max.TotalMilliseconds);
    }

    [Fact]
    public void Progress_counts_warm_up_and_timed_runs()
    {
        var reports = new List<JobProgress>();

        new BenchmarkHarness(new FakeClock()).Measure(() => { }, warmupRuns: 1, timedRuns: 3, stage: "fake",
            new SynchronousProgress(reports.Add));

        Assert.Equal([0L, 1, 2, 3, 4], reports.Select(r => r.Done));
        Assert.All(reports, r => Assert.Equal(4, r.Total));
    }

    [Fact]
    public void Tensors_made_by_a_run_die_with_it()
    {
        TextInpaint.Runtime.TorchRuntime.Initialize();
        long before = TorchSharp.DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        new BenchmarkHarness().Measure(() => TorchSharp.torch.ones(8, 8).add(1), warmupRuns: 1, timedRuns: 3, stage: "tensors");

        Assert.Equal(before, TorchSharp.DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }
}
