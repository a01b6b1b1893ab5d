using TextInpaint.Imaging;
using static TorchSharp.torch;

namespace TextInpaint.Data.Batching;

/// <summary>A batch of captioned images, as the DAMSM encoders take it.</summary>
/// <param name="Images">float32 [B,3,S,S] in [-1, 1].</param>
/// <param name="Captions">int64 [B,16], word indices padded with 0.</param>
/// <param name="CaptionLengths">int64 [B].</param>
/// <param name="ClassIds">int64 [B] (0: no class).</param>
public sealed record CaptionedImageBatch(Tensor Images, Tensor Captions, Tensor CaptionLengths, Tensor ClassIds)
{
    /// <summary>Stacks samples into a batch on <paramref name="device"/>, in the caller's dispose scope.</summary>
    public static CaptionedImageBatch Of(IReadOnlyList<CaptionedImageSample> samples, Device device) => new(
        stack(samples.Select(s => TensorImages.ToTensor(s.Image))).to(device),
        stack(samples.Select(s => tensor(s.Caption.Ids))).to(device),
        tensor(samples.Select(s => (long)s.Caption.Length).ToArray()).to(device),
        tensor(samples.Select(s => (long)s.ClassId).ToArray()).to(device));
}
