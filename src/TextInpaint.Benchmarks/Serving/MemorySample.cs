using System.Diagnostics;
using System.Runtime.InteropServices;
using TorchSharp;

namespace TextInpaint.Benchmarks.Serving;

/// <summary>
/// The process's memory at one moment, by who holds it: resident pages, the managed heap, live
/// TorchSharp tensors, and the C library's heap (where libtorch's CPU tensors live): the bytes
/// handed out and the bytes it holds free.
/// </summary>
/// <param name="MallocInUse">Bytes malloc has handed out and not got back (glibc's mallinfo2, arenas and mmapped
/// blocks), or -1 where that is not known.</param>
/// <param name="MallocFree">Bytes malloc holds free in its arenas, counted in the resident memory but in use by nobody, or -1.</param>
public sealed record MemorySample(double Seconds, long Resident, long ManagedHeap, long LiveTensors, long MallocInUse, long MallocFree)
{
    public static MemorySample Take(double seconds, Process process)
    {
        process.Refresh();
        var (inUse, free) = Malloc();
        return new MemorySample(seconds, process.WorkingSet64, GC.GetGCMemoryInfo().HeapSizeBytes, torch.Tensor.TotalCount, inUse, free);
    }

    private static (long InUse, long Free) Malloc()
    {
        if (!OperatingSystem.IsLinux())
            return (-1, -1);
        try
        {
            var info = mallinfo2();
            return ((long)(info.uordblks + info.hblkhd), (long)info.fordblks);
        }
        catch (EntryPointNotFoundException)
        {
            return (-1, -1);
        }
    }

    /// <summary>glibc's <c>struct mallinfo2</c> (glibc 2.33 and later): every field a size_t.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct MallInfo2
    {
        public nuint arena, ordblks, smblks, hblks, hblkhd, usmblks, fsmblks, uordblks, fordblks, keepcost;
    }

    [DllImport("libc", EntryPoint = "mallinfo2")]
    private static extern MallInfo2 mallinfo2();
}
