using static TorchSharp.torch;

namespace TextInpaint.Losses;

/// <summary>
/// MMFL's relativistic-average least-squares GAN loss (docs/method.md section 3). The discriminator scores an
/// ordered pair of images; following the released code, with x the ground truth and z_hat the
/// generated (composited) image:
/// <list type="bullet">
/// <item>realPairScores r = D(x, z_hat): the ground truth in the first slot, the generated image in the second;</item>
/// <item>fakePairScores f = D(z_hat, x): the generated image in the first slot, the ground truth in the second.</item>
/// </list>
/// The discriminator learns to tell which slot holds the real image; the generator learns to
/// make that impossible. Means are over the batch and all patches.
/// </summary>
public static class RelativisticLsgan
{
    /// <summary>L_G = 1/2 [mean((r - mean f + 1)^2) + mean((f - mean r - 1)^2)].</summary>
    public static Tensor GeneratorLoss(Tensor realPairScores, Tensor fakePairScores) =>
        0.5 * ((realPairScores - fakePairScores.mean() + 1).square().mean()
             + (fakePairScores - realPairScores.mean() - 1).square().mean());

    /// <summary>
    /// L_D = 1/2 [mean((r - mean f - 1)^2) + mean((f - mean r + 1)^2)]; compute the scores from
    /// a detached z_hat so that this loss trains only the discriminator.
    /// </summary>
    public static Tensor DiscriminatorLoss(Tensor realPairScores, Tensor fakePairScores) =>
        0.5 * ((realPairScores - fakePairScores.mean() - 1).square().mean()
             + (fakePairScores - realPairScores.mean() + 1).square().mean());
}
