using TextInpaint.Data.Masks;
using TextInpaint.Imaging;

namespace TextInpaint.Data.Batching;

/// <summary>
/// How <see cref="InpaintingDataset"/> makes its samples: those of <see cref="CaptionedImageOptions"/>
/// and the kind of hole.
/// </summary>
public sealed record InpaintingDatasetOptions(int ImageSize, MaskKind Mask = MaskKind.Centre, int Seed = 0, bool CacheImages = true)
{
    public AugmentationOptions Augmentation { get; init; } = new();

    /// <summary>
    /// The chance that a sample of a SynthBirds data set is an edited pair: one colour its caption
    /// states for a part in the hole is changed, and so is that part inside the hole
    /// (<see cref="SynthBirds.ColourEdits.Recolour"/>). 0 (the default) never edits; any other
    /// value needs the data set's part maps and attributes.
    /// </summary>
    public double CaptionEditProbability { get; init; }

    /// <summary>
    /// Whether each sample carries where the parts its caption names lie
    /// (<see cref="InpaintingSample.NamedParts"/>), read from a SynthBirds data set's part maps; the
    /// text-guided attention loss can weight by them (docs/method.md section 10).
    /// </summary>
    public bool NamedPartLabels { get; init; }

    /// <summary>
    /// Null (the default): each sample is the whole image at <see cref="ImageSize"/>. Otherwise the
    /// user's path: the image is loaded at SourceSize, the hole (and any edit) is made at that
    /// size, and the sample is the <see cref="ModelWindow"/> around the hole at
    /// <see cref="ImageSize"/>, cut as <c>Inpainter</c> cuts it.
    /// </summary>
    public int? SourceSize { get; init; }

    /// <summary>
    /// With <see cref="SourceSize"/>: the side of each sample's whole picture beside its window
    /// (<see cref="InpaintingSample.Picture"/>), the MMFL network's; null (the default) leaves it out.
    /// </summary>
    public int? PictureSize { get; init; }

    /// <summary>The side images are loaded, and holes drawn, at.</summary>
    public int LoadSize => SourceSize ?? ImageSize;

    /// <summary>Whether the kind of hole needs the object's region (from part maps).</summary>
    public bool NeedsObjectRegion => Mask is MaskKind.Object or MaskKind.Mixed or MaskKind.Background or MaskKind.Any;
}
