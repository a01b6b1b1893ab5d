using TextInpaint.Imaging;
using TextInpaint.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace TextInpaint.Models.Mmfl;

/// <summary>What the generator is given for a batch.</summary>
/// <param name="Images">Images [B,3,S,S] in [-1, 1]; what they hold in the hole is never read.</param>
/// <param name="Masks">Holes [B,1,S,S], 1 on the hole.</param>
/// <param name="Captions">Word ids [B,16], padded with 0.</param>
/// <param name="CaptionLengths">Words per caption [B].</param>
public sealed record MmflInput(Tensor Images, Tensor Masks, Tensor Captions, Tensor CaptionLengths)
{
    /// <summary>
    /// The whole pictures the images were cut from as windows, [B,3,S,S] at the model's size
    /// (<see cref="ModelWindow.Picture"/>; what they hold in the hole is never read), and their holes
    /// [B,1,S,S]: where a Word Demand Module that reads the shown match looks. Null when the images
    /// are the whole pictures.
    /// </summary>
    public Tensor? Pictures { get; init; }

    /// <inheritdoc cref="Pictures"/>
    public Tensor? PictureHoles { get; init; }

    /// <summary>
    /// Images, holes and encoded captions at the model's size as one batch on <paramref name="device"/>,
    /// with the whole pictures the images were cut from when given.
    /// </summary>
    public static MmflInput Of(IReadOnlyList<RgbImage> images, IReadOnlyList<Mask> masks, IReadOnlyList<EncodedCaption> captions, Device device,
        IReadOnlyList<PictureView>? pictures = null)
    {
        var (whole, holes) = pictures is null ? (null, null) : TensorImages.Stack(pictures, device);
        return new(
            stack(images.Select(TensorImages.ToTensor)).to(device),
            stack(masks.Select(TensorImages.ToTensor)).to(device),
            stack(captions.Select(c => tensor(c.Ids))).to(device),
            tensor(captions.Select(c => (long)c.Length).ToArray()).to(device))
        {
            Pictures = whole, PictureHoles = holes,
        };
    }
}
