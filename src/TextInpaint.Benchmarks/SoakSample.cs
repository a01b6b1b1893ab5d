using System.Diagnostics;
using TorchSharp;

namespace TextInpaint.Benchmarks;

/// <summary>The process's resident memory and live TorchSharp tensors after a number of runs.</summary>
public sealed record SoakSample(long Runs, long ResidentBytes, long LiveTensors)
{
    public static SoakSample Take(long runs)
    {
        using var process = Process.GetCurrentProcess();
        return new SoakSample(runs, process.WorkingSet64, torch.Tensor.TotalCount);
    }
}
