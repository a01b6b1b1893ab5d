using TextInpaint.Imaging;
using TextInpaint.Text;

namespace TextInpaint.Data.Batching;

/// <summary>
/// One training example before it becomes tensors: the (augmented) image, the hole, the
/// caption drawn for it (its text and its encoding), and the entry it came from. With
/// <see cref="InpaintingDatasetOptions.NamedPartLabels"/>, <paramref name="NamedParts"/> holds the
/// <see cref="SynthBirds.BirdPart"/> label of each pixel of a part whose colour the caption states
/// (0 elsewhere), row after row; null when the data set has no part maps for the caption. With
/// <see cref="InpaintingDatasetOptions.PictureSize"/>, <paramref name="Picture"/> holds the whole
/// picture the window was cut from, the truth in its hole (<see cref="ModelWindow.Picture"/>).
/// </summary>
public sealed record InpaintingSample(int Index, RgbImage Image, Mask Mask, string CaptionText, EncodedCaption Caption, int ClassId, bool Flipped,
    byte[]? NamedParts = null, PictureView? Picture = null)
{
    /// <summary>Every sample's picture, or null when none has one (a batch has all or none).</summary>
    public static PictureView[]? PicturesOf(IReadOnlyList<InpaintingSample> samples) =>
        samples.All(s => s.Picture is not null) ? samples.Select(s => s.Picture!).ToArray()
        : samples.Any(s => s.Picture is not null) ? throw new ArgumentException("some samples carry their picture and some do not", nameof(samples))
        : null;
}
