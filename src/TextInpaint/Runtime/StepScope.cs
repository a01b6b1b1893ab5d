using TorchSharp;

namespace TextInpaint.Runtime;

/// <summary>
/// The scope of one step of training or inference: a TorchSharp dispose scope (every tensor
/// made in the step dies with it) inside a <see cref="NoCollectionRegion"/> (no garbage
/// collection while libtorch runs the step). Each training step, evaluation batch and
/// inference call opens one.
/// </summary>
public sealed class StepScope : IDisposable
{
    private readonly NoCollectionRegion region;
    private readonly DisposeScope tensors;

    private StepScope()
    {
        region = NoCollectionRegion.Enter();
        tensors = torch.NewDisposeScope();
    }

    public static StepScope Open() => new();

    public void Dispose()
    {
        tensors.Dispose();
        region.Dispose();
    }
}
