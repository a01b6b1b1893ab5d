using TextInpaint.Imaging;

namespace TextInpaint.Data;

/// <summary>
/// One split of a captioned image data set, whatever its layout on disk: the entries, and how
/// to turn an entry into a square image of the size the model works at.
/// </summary>
public sealed class CaptionedDataset(string root, string kind, Split split, IReadOnlyList<DatasetEntry> entries)
{
    /// <summary>The data set's root folder.</summary>
    public string Root { get; } = root;

    /// <summary>The layout it was read from: synthbirds, birds, flowers, celeba or folder.</summary>
    public string Kind { get; } = kind;

    public Split Split { get; } = split;

    public IReadOnlyList<DatasetEntry> Entries { get; } = entries;

    public int Count => Entries.Count;

    /// <summary>Loads an entry's image, applies its crop, and centre-crops and resizes it to size × size.</summary>
    public RgbImage LoadImage(DatasetEntry entry, int size)
    {
        var image = ImageFiles.Load(entry.ImagePath);
        if (entry.Crop is { } box)
            image = ImageOps.Crop(image, box.X, box.Y, box.Width, box.Height);
        return ImageOps.SquareResize(image, size);
    }
}
