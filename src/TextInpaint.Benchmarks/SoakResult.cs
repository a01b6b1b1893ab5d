namespace TextInpaint.Benchmarks;

/// <summary>
/// A long run of one benchmark case: memory and live tensors once the case has warmed up
/// (<see cref="Start"/>) and after its last run (<see cref="End"/>).
/// </summary>
public sealed record SoakResult(string Case, SoakSample Start, SoakSample End, TimeSpan Elapsed)
{
    /// <summary>The tolerated relative growth of resident memory and of live tensors.</summary>
    public const double Tolerance = 0.05;

    public double ResidentGrowth => (double)(End.ResidentBytes - Start.ResidentBytes) / Start.ResidentBytes;

    public double TensorGrowth => Start.LiveTensors == 0 ? End.LiveTensors : (double)(End.LiveTensors - Start.LiveTensors) / Start.LiveTensors;

    public bool IsFlat => ResidentGrowth <= Tolerance && TensorGrowth <= Tolerance;
}
