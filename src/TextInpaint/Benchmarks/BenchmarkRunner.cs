using System.Diagnostics;
using TextInpaint.Runtime;
using TorchSharp;

namespace TextInpaint.Benchmarks;

/// <summary>What to benchmark: the cases, torch's thread count, and run counts overriding each case's own.</summary>
/// <param name="ModelFolder">The trained model the model cases (load-model, inpaint-model) use.</param>
public sealed record BenchmarkRunOptions(
    IReadOnlyList<BenchmarkCase> Cases,
    int Threads = 2,
    int? TimedRuns = null,
    int? WarmupRuns = null,
    string? ModelFolder = null);

/// <summary>One case's figures.</summary>
/// <param name="Setup">Time to build the models and inputs (for inference cases, a proxy for loading a model).</param>
/// <param name="Threads">torch's intra-op thread count while the case ran.</param>
/// <param name="PeakWorkingSetBytes">The process's peak resident memory so far, read after the case (it includes earlier cases).</param>
/// <param name="ConvolutionGflop">Convolution work of one run (<see cref="ConvolutionWork.GigaOperations"/>).</param>
/// <param name="MatrixProductGflops">The machine's measured matrix-product rate (<see cref="ConvolutionWork.MatrixProductRate"/>).</param>
public sealed record BenchmarkResult(
    BenchmarkCase Case,
    int WarmupRuns,
    BenchmarkTimings Timings,
    TimeSpan Setup,
    int Threads,
    long PeakWorkingSetBytes,
    double ConvolutionGflop = 0,
    double MatrixProductGflops = 0)
{
    /// <summary>Batch size over the median run time.</summary>
    public double ImagesPerSecond => Case.BatchSize / Timings.Median.TotalSeconds;

    /// <summary>Convolution GFLOP of a run over the median run time.</summary>
    public double AchievedGflops => ConvolutionGflop / Timings.Median.TotalSeconds;

    /// <summary><see cref="AchievedGflops"/> as a fraction of the matrix-product rate (0 when that is unknown).</summary>
    public double FractionOfMatrixProductRate => MatrixProductGflops > 0 ? AchievedGflops / MatrixProductGflops : 0;
}

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
