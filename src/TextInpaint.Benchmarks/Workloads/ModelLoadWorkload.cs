using TextInpaint.Inference;

namespace TextInpaint.Benchmarks.Workloads;

/// <summary>Loading a model folder as `textinpaint inpaint` does, and disposing of it.</summary>
public sealed class ModelLoadWorkload(string folder) : IBenchmarkWorkload
{
    public void Run()
    {
        using var inpainter = Inpainter.Load(folder);
    }

    public void Dispose() { }
}
