using System.Diagnostics;
using TextInpaint.Runtime;
using TorchSharp;

namespace TextInpaint.Benchmarks;

/// <summary>Runs benchmark cases one after another on a fixed number of torch threads.</summary>
public static class BenchmarkRunner
{
    public static IReadOnlyList<BenchmarkResult> Run(BenchmarkRunOptions options, IProgress<JobProgress>? progress = null,
        CancellationToken cancel = default)
    {
        if (options.Threads < 1)
            throw new UserInputException($"--threads {options.Threads}: must be at least 1.");
        if (options.TimedRuns is < 1)
            throw new UserInputException($"--runs {options.TimedRuns}: must be at least 1.");
        if (options.WarmupRuns is < 0)
            throw new UserInputException($"--warmup {options.WarmupRuns}: must be 0 or more.");

        TorchRuntime.Initialize();
        torch.set_num_threads(options.Threads);
        var harness = new BenchmarkHarness();
        double matrixProductRate = ConvolutionWork.MatrixProductRate();
        var results = new List<BenchmarkResult>();
        foreach (var benchmark in options.Cases)
        {
            cancel.ThrowIfCancellationRequested();
            int warmup = options.WarmupRuns ?? benchmark.DefaultWarmupRuns;
            int timed = options.TimedRuns ?? benchmark.DefaultTimedRuns;
            progress?.Report(new JobProgress($"{benchmark.Name} (building)", 0, 1));
            var clock = Stopwatch.StartNew();
            using var workload = benchmark.Build(new BenchmarkContext(options.ModelFolder));
            var setup = clock.Elapsed;
            progress?.Report(new JobProgress($"{benchmark.Name} (building)", 1, 1));
            var timings = harness.Measure(workload.Run, warmup, timed, benchmark.Name, progress, cancel);
            double gflop = ConvolutionWork.GigaOperations(workload.Run);
            using var process = Process.GetCurrentProcess();
            results.Add(new BenchmarkResult(benchmark, warmup, timings, setup, torch.get_num_threads(), process.PeakWorkingSet64,
                gflop, matrixProductRate));
        }
        return results;
    }
}
