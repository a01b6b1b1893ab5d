using TextInpaint.Imaging;
using static TorchSharp.torch;

namespace TextInpaint.Data.Batching;

/// <summary>A batch of inpainting examples, as the MMFL training step takes it.</summary>
/// <param name="Images">Ground truth, float32 [B,3,S,S] in [-1, 1].</param>
/// <param name="Masks">Holes, float32 [B,1,S,S], 1 on the hole.</param>
/// <param name="Captions">int64 [B,16], word indices padded with 0.</param>
/// <param name="CaptionLengths">int64 [B].</param>
/// <param name="ClassIds">int64 [B] (0: no class).</param>
public sealed record InpaintingBatch(Tensor Images, Tensor Masks, Tensor Captions, Tensor CaptionLengths, Tensor ClassIds)
{
    /// <summary>
    /// [B,1,S,S] int64: the <see cref="SynthBirds.BirdPart"/> label of each pixel of a part its
    /// caption names, 0 elsewhere (all 0 for a sample without part maps); null unless the samples
    /// carry them (<see cref="InpaintingDatasetOptions.NamedPartLabels"/>).
    /// </summary>
    public Tensor? NamedParts { get; init; }

    /// <summary>
    /// The whole pictures the windows were cut from, the truth in their holes, [B,3,s,s] at the
    /// MMFL network's side s, and their holes [B,1,s,s]; null unless the samples carry them
    /// (<see cref="InpaintingDatasetOptions.PictureSize"/>).
    /// </summary>
    public Tensor? Pictures { get; init; }

    /// <inheritdoc cref="Pictures"/>
    public Tensor? PictureHoles { get; init; }

    /// <summary>Stacks samples into a batch on <paramref name="device"/>, in the caller's dispose scope.</summary>
    public static InpaintingBatch Of(IReadOnlyList<InpaintingSample> samples, Device device)
    {
        var (pictures, pictureHoles) = InpaintingSample.PicturesOf(samples) is { } whole ? TensorImages.Stack(whole, device) : (null, null);
        return new(
            stack(samples.Select(s => TensorImages.ToTensor(s.Image))).to(device),
            stack(samples.Select(s => TensorImages.ToTensor(s.Mask))).to(device),
            stack(samples.Select(s => tensor(s.Caption.Ids))).to(device),
            tensor(samples.Select(s => (long)s.Caption.Length).ToArray()).to(device),
            tensor(samples.Select(s => (long)s.ClassId).ToArray()).to(device))
        {
            NamedParts = samples.Any(s => s.NamedParts is not null) ? NamedPartsOf(samples).to(device) : null,
            Pictures = pictures,
            PictureHoles = pictureHoles,
        };
    }

    private static Tensor NamedPartsOf(IReadOnlyList<InpaintingSample> samples)
    {
        int height = samples[0].Mask.Height, width = samples[0].Mask.Width;
        var labels = new long[samples.Count * height * width];
        for (int b = 0; b < samples.Count; b++)
            if (samples[b].NamedParts is { } named)
                for (int i = 0; i < named.Length; i++)
                    labels[b * height * width + i] = named[i];
        return tensor(labels, [samples.Count, 1, height, width]);
    }
}
