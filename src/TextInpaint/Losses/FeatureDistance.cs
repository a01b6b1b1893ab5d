using TextInpaint.Models.Pretrained;
using static TorchSharp.torch;

namespace TextInpaint.Losses;

/// <summary>
/// A learned-feature distance in the manner of LPIPS (Zhang et al. 2018, eq. 1) on the four stages
/// of the ImageNet ResNet-18 (<see cref="ResNet18Features"/>): at each position of a stage's map the
/// channel vector is scaled to unit length, the squared differences are summed over channels and
/// averaged over positions (0 to 4 per stage), and the stages are averaged. LPIPS weighs each
/// channel with linear layers trained on human judgments; none exist for this network, so every
/// channel and stage weighs the same: this is "feature distance (ResNet-18)", not LPIPS.
/// </summary>
public static class FeatureDistance
{
    /// <summary>LPIPS's guard against a zero channel vector.</summary>
    private const double Epsilon = 1e-10;

    /// <summary>The distance between each image of one batch and the same image of the other: [B].</summary>
    public static Tensor Between(ResNet18Stages first, ResNet18Stages second)
    {
        Tensor? total = null;
        foreach (var (a, b) in first.Maps.Zip(second.Maps))
        {
            var stage = (UnitChannels(a) - UnitChannels(b)).square().sum(1).mean([1, 2]);
            total = total is null ? stage : total + stage;
        }
        return total! / first.Maps.Count;
    }

    /// <summary>
    /// The perceptual training term (LaMa's habit): the mean distance between the output composited
    /// with the truth outside the hole and the truth, both [B, 3, H, W] in [-1, 1], read by the frozen
    /// network at their own size. Gradients reach the output only.
    /// </summary>
    public static Tensor PerceptualLoss(ResNet18Features network, Tensor composited, Tensor truth)
    {
        ResNet18Stages truthStages;
        using (no_grad())
            truthStages = network.forward(truth);
        return Between(network.forward(composited), truthStages).mean();
    }

    private static Tensor UnitChannels(Tensor map) => map / (map.square().sum(1, keepdim: true).sqrt() + Epsilon);
}
