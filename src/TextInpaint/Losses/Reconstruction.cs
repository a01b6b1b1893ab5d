using static TorchSharp.torch;

namespace TextInpaint.Losses;

/// <summary>Pixel reconstruction losses against the ground truth.</summary>
public static class Reconstruction
{
    /// <summary>
    /// Mean absolute error over all pixels and channels. MMFL applies it to the composited coarse
    /// and the composited final result (docs/method.md section 3), so only hole pixels contribute a gradient.
    /// </summary>
    public static Tensor L1(Tensor output, Tensor target) => (output - target).abs().mean();

    /// <summary>
    /// Mean absolute error over the hole only: the sum of |output - target| where mask = 1,
    /// divided by the number of hole values (hole pixels x channels). 0 for an empty hole.
    /// output and target [B,C,H,W], mask [B,1,H,W].
    /// </summary>
    public static Tensor HoleL1(Tensor output, Tensor target, Tensor mask)
    {
        var holeValues = mask.sum() * output.shape[1];
        return ((output - target).abs() * mask).sum() / holeValues.clamp_min(1);
    }
}
