using static TorchSharp.torch;

namespace TextInpaint.Losses;

/// <summary>MMFL's text-guided attention loss (section 3).</summary>
public static class TextGuidedAttention
{
    /// <summary>
    /// L_TGA = ||A * z_hat - A * x||_1, as a mean over all values: it weights the reconstruction
    /// error where the text attends. attention A [B,1,S,S] (broadcast over channels), generated
    /// z_hat and target x [B,3,S,S].
    /// In MMFL, A comes from a learned convolution that this loss also trains, so the loss can be
    /// lowered by shrinking A towards 0; a normalised map (mean 1, detached) cannot be
    /// (see <see cref="Models.Mmfl.TextAttentionMap"/>).
    /// </summary>
    public static Tensor Loss(Tensor attention, Tensor generated, Tensor target) =>
        (attention * generated - attention * target).abs().mean();
}
