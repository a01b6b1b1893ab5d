using TextInpaint.Losses;
using TextInpaint.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace TextInpaint.Tests.Losses;

/// <summary>
/// The losses against an independent PyTorch implementation: the expected values were printed by
/// `/usr/bin/python3 tests/reference/mmfl_losses_reference.py` (Debian's PyTorch 1.13), which
/// builds the same inputs from the same formula.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class MmflLossReferenceTests
{
    private const double Tolerance = 1e-4;

    public MmflLossReferenceTests() => TorchRuntime.Initialize();

    // scale * sin(a * n + b) at flat index n, computed in float64 and stored as float32.
    private static Tensor Pattern(long[] shape, double a, double b, double scale = 1.0)
    {
        long count = shape.Aggregate(1L, (x, y) => x * y);
        return (scale * (a * arange(count, dtype: ScalarType.Float64) + b).sin()).to(ScalarType.Float32).reshape(shape);
    }

    [Fact]
    public void Relativistic_lsgan_losses_match_the_pytorch_reference()
    {
        using var scope = NewDisposeScope();
        var realPairScores = Pattern([2, 1, 4, 4], 0.37, 0.11);
        var fakePairScores = Pattern([2, 1, 4, 4], 0.23, -0.5, 0.8);

        Assert.Equal(1.4692125, RelativisticLsgan.GeneratorLoss(realPairScores, fakePairScores).ToDouble(), Tolerance);
        Assert.Equal(1.3325889, RelativisticLsgan.DiscriminatorLoss(realPairScores, fakePairScores).ToDouble(), Tolerance);
    }

    [Fact]
    public void Text_guided_attention_and_reconstruction_losses_match_the_pytorch_reference()
    {
        using var scope = NewDisposeScope();
        var attention = Pattern([2, 1, 5, 5], 0.31, 0.2, 0.5) + 0.5;
        var generated = Pattern([2, 3, 5, 5], 0.17, 0.3);
        var target = Pattern([2, 3, 5, 5], 0.13, -0.7, 0.9);
        var mask = (Pattern([2, 1, 5, 5], 0.41, 0.05) > 0).to(ScalarType.Float32);

        Assert.Equal(0.3924504, TextGuidedAttention.Loss(attention, generated, target).ToDouble(), Tolerance);
        Assert.Equal(0.7935519, Reconstruction.L1(generated, target).ToDouble(), Tolerance);
        Assert.Equal(0.8906756, Reconstruction.HoleL1(generated, target, mask).ToDouble(), Tolerance);
    }
}
