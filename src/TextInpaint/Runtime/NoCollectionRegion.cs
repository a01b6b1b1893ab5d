using System.Runtime;

namespace TextInpaint.Runtime;

/// <summary>
/// Runs libtorch work with the .NET garbage collector held off, and collects garbage only
/// between such regions.
/// <para>
/// Why: TorchSharp 0.107 frees a <see cref="TorchSharp.Scalar"/>'s native value in its
/// finalizer. An implicit Scalar (<c>x * 0.5f</c>, the <c>add_(1)</c> in BatchNorm, Adam's
/// updates) is unreachable as soon as its handle has been read, so a collection during the
/// native call can free the value while libtorch still reads it: "Unknown scalar type", or a
/// silently wrong number. Inside a region no collection runs; the one that starts the region
/// happens when no libtorch call of ours is in flight.
/// </para>
/// <para>
/// Regions are process-wide, so entering one also serializes libtorch work across threads;
/// a region entered inside another is a no-op. If a region allocates more managed memory than
/// its budget, the runtime collects anyway; <see cref="Overruns"/> counts such regions.
/// </para>
/// <para>
/// Native memory: some TorchSharp objects that no dispose scope owns free their native memory
/// only in a finalizer. A training step allocates too little managed memory to trigger a
/// collection by itself, so without one those objects piled up at about 10 MB per DAMSM step
/// until the process ran out of memory. Every <see cref="CollectEvery"/>-th region therefore
/// starts with a full collection, and the finalizers it queues finish before the region begins.
/// </para>
/// </summary>
public sealed class NoCollectionRegion : IDisposable
{
    /// <summary>Managed bytes a region may allocate; a training step allocates a few MB.</summary>
    private const long Budget = 64L << 20;

    private static readonly Lock Gate = new();
    private static int depth;
    private static long overruns;
    private static long regions;

    /// <summary>Outermost regions between two forced collections (see the remarks on native memory).</summary>
    private const int CollectEvery = 32;

    private bool disposed;

    private NoCollectionRegion() { }

    /// <summary>Regions in which the budget ran out and the runtime collected.</summary>
    public static long Overruns => Interlocked.Read(ref overruns);

    public static NoCollectionRegion Enter()
    {
        Gate.Enter();
        if (depth++ == 0)
        {
            if (++regions % CollectEvery == 0)
                GC.Collect();
            // Finalizers of objects from earlier collections run now, not during our calls.
            GC.WaitForPendingFinalizers();
            GC.TryStartNoGCRegion(Budget);
        }
        return new NoCollectionRegion();
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        if (--depth == 0)
        {
            if (GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
                GC.EndNoGCRegion();
            else
                Interlocked.Increment(ref overruns);
        }
        Gate.Exit();
    }
}
