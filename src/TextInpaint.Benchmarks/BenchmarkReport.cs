using System.Globalization;
using System.Text;

namespace TextInpaint.Benchmarks;

/// <summary>Benchmark results as a Markdown table, with the notes of the cases that ran.</summary>
public static class BenchmarkReport
{
    public const string Header =
        "| case | batch | runs (warm-up+timed) | median ms | min ms | max ms | images/s | conv GFLOP | conv GFLOP/s | of matmul rate | setup ms | "
            + "threads | peak RSS MiB |";

    public static string ToMarkdown(IReadOnlyList<BenchmarkResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine(Header);
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var result in results)
            text.AppendLine(Row(result));
        text.AppendLine();
        text.AppendLine($"Processors: {Environment.ProcessorCount}. Setup: building the models and random inputs, once per case. " +
            "Peak RSS: the process's peak resident memory up to the end of the case (earlier cases included).");
        if (results.Count > 0)
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"Conv GFLOP: the convolutions' work in one run (forward, and the input and weight gradients a training step computes; other matrix "
                    + $"products not counted), over the median time; matmul rate: a 1024x1024 float matrix product here, "
                    + $"{results[0].MatrixProductGflops:F1} GFLOP/s."));
        foreach (var note in results.Select(r => r.Case.Note).OfType<string>().Distinct())
            text.AppendLine($"Note: {note}");
        return text.ToString();
    }

    public static string Row(BenchmarkResult result)
    {
        var t = result.Timings;
        return string.Create(CultureInfo.InvariantCulture,
            $"| {result.Case.Name} | {result.Case.BatchSize} | {result.WarmupRuns}+{t.Runs.Count} | {t.Median.TotalMilliseconds:F1} | " +
            $"{t.Min.TotalMilliseconds:F1} | {t.Max.TotalMilliseconds:F1} | {result.ImagesPerSecond:F2} | " +
            $"{result.ConvolutionGflop:F2} | {result.AchievedGflops:F1} | {result.FractionOfMatrixProductRate:P1} | {result.Setup.TotalMilliseconds:F0} | " +
            $"{result.Threads} | {result.PeakWorkingSetBytes / (1024.0 * 1024.0):F0} |");
    }
}
