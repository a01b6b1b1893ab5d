using static TorchSharp.torch;

namespace TextInpaint.Models.Pretrained;

/// <summary>
/// What <see cref="ResNet18Features"/> reads from images [B, 3, H, W]: the feature maps after each of
/// its four stages, [B, 64, H/4, W/4], [B, 128, H/8, W/8], [B, 256, H/16, W/16] and [B, 512, H/32, W/32],
/// and the last one averaged over its positions, [B, 512] (the network's pooled features).
/// </summary>
public sealed record ResNet18Stages(Tensor Layer1, Tensor Layer2, Tensor Layer3, Tensor Layer4, Tensor Pooled)
{
    /// <summary>The four stages' maps, shallowest first.</summary>
    public IReadOnlyList<Tensor> Maps => [Layer1, Layer2, Layer3, Layer4];
}
