namespace TextInpaint.Benchmarks.Serving;

/// <summary>What the clients saw.</summary>
/// <param name="Statuses">Answers by status code; a 429 or 503 without Retry-After counts under -1, a request that got no answer under 0.</param>
/// <param name="Latency">p50, p95, p99 of the 200 answers' round trips, in ms.</param>
/// <param name="Memory">The process's memory, sampled once a second over the measured time (seconds from its start).</param>
/// <param name="Idle">The process's memory after the model was loaded, before the first request.</param>
/// <param name="After">Its memory <see cref="SettleSeconds"/> after the last answer.</param>
public sealed record LoadReport(int Clients, TimeSpan Duration, IReadOnlyDictionary<int, int> Statuses,
    (double P50, double P95, double P99) Latency, double FillsPerSecond, IReadOnlyList<MemorySample> Memory, int Width, int Height,
    MemorySample Idle, MemorySample After)
{
    /// <summary>Seconds the server is left without load before <see cref="After"/> is taken.</summary>
    public const int SettleSeconds = 10;

    /// <summary>The highest resident memory sampled over the load.</summary>
    public long PeakResident => Memory.Select(s => s.Resident).DefaultIfEmpty(Idle.Resident).Max();

    /// <summary>Resident memory may differ by this fraction between the first and the last 10 s and still count as flat.</summary>
    public const double FlatTolerance = 0.05;

    /// <summary>True when every answer was a 200, a 429 or a 503 with Retry-After.</summary>
    public bool OnlyExpectedAnswers => Statuses.Keys.All(s => s is 200 or 429 or 503);

    /// <summary>Mean of the samples over the first 10 s.</summary>
    public MemorySample First => Mean(s => s.Seconds < 10);

    /// <summary>Mean of the samples over the last 10 s.</summary>
    public MemorySample Last => Mean(s => s.Seconds >= Memory[^1].Seconds - 10);

    /// <summary>True when the last 10 s's resident memory is within <see cref="FlatTolerance"/> of the first 10 s's.</summary>
    public bool ResidentFlat => Math.Abs(Last.Resident - First.Resident) <= FlatTolerance * First.Resident;

    private MemorySample Mean(Func<MemorySample, bool> when)
    {
        var picked = Memory.Where(when).DefaultIfEmpty(Memory[^1]).ToArray();
        long Of(Func<MemorySample, long> field) => (long)picked.Average(s => (double)field(s));
        return new MemorySample(picked.Average(s => s.Seconds), Of(s => s.Resident), Of(s => s.ManagedHeap), Of(s => s.LiveTensors),
            Of(s => s.MallocInUse), Of(s => s.MallocFree));
    }
}
