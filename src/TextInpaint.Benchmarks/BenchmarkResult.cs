namespace TextInpaint.Benchmarks;

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
