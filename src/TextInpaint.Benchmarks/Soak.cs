using System.Diagnostics;
using System.Globalization;
using System.Text;
using TextInpaint.Runtime;
using TorchSharp;

namespace TextInpaint.Benchmarks;

/// <summary>
/// Runs benchmark cases many times each (e.g. 10,000 inferences, 2,000 training steps), every
/// run in its own step scope as the commands run them, to show that memory does not grow.
/// </summary>
public static class Soak
{
    /// <param name="runsByCase">Each case and how many runs it makes after its warm-up.</param>
    /// <param name="warmupRuns">Runs before the first sample: allocator pools and caches reach their working size.</param>
    public static IReadOnlyList<SoakResult> Run(IReadOnlyList<(BenchmarkCase Case, int Runs)> runsByCase, int threads, int warmupRuns, string? modelFolder,
        IProgress<JobProgress>? progress = null, CancellationToken cancel = default)
    {
        if (warmupRuns < 0)
            throw new UserInputException($"--warmup {warmupRuns}: must be 0 or more.");
        foreach (var (benchmark, runs) in runsByCase)
            if (runs < 1)
                throw new UserInputException($"{benchmark.Name}: {runs} runs; a soak needs at least 1.");
        TorchRuntime.Initialize();
        torch.set_num_threads(threads);
        var results = new List<SoakResult>();
        foreach (var (benchmark, runs) in runsByCase)
        {
            using var workload = benchmark.Build(new BenchmarkContext(modelFolder));
            for (int i = 0; i < warmupRuns; i++)
                RunOnce(workload, cancel);
            GC.Collect();
            var start = SoakSample.Take(0);
            var clock = Stopwatch.StartNew();
            for (int i = 1; i <= runs; i++)
            {
                RunOnce(workload, cancel);
                progress?.Report(new JobProgress($"soak {benchmark.Name}", i, runs));
            }
            GC.Collect();
            results.Add(new SoakResult(benchmark.Name, start, SoakSample.Take(runs), clock.Elapsed));
        }
        return results;
    }

    private static void RunOnce(IBenchmarkWorkload workload, CancellationToken cancel)
    {
        cancel.ThrowIfCancellationRequested();
        using var scope = StepScope.Open();
        workload.Run();
    }

    /// <summary>A Markdown table of the results, a row per case.</summary>
    public static string ToMarkdown(IReadOnlyList<SoakResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine("| case | runs | time | resident MiB, start → end | growth | live tensors, start → end | flat (≤ 5 %) |");
        text.AppendLine("|---|---:|---:|---|---:|---|---|");
        foreach (var r in results)
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Case} | {r.End.Runs:N0} | {r.Elapsed.TotalSeconds:F0} s | {r.Start.ResidentBytes / 1048576.0:F0} → "
                    + $"{r.End.ResidentBytes / 1048576.0:F0} | {r.ResidentGrowth:+0.0%;-0.0%} | {r.Start.LiveTensors} → {r.End.LiveTensors} | "
                    + $"{(r.IsFlat ? "yes" : "no")} |"));
        return text.ToString();
    }
}
