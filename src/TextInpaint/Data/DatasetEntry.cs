namespace TextInpaint.Data;

/// <summary>
/// One captioned image of a data set: its key (as in the data set's file lists), the image
/// file, its captions (one sentence each), a class id (0 where the data set has none) and an
/// optional crop applied before resizing.
/// </summary>
public sealed record DatasetEntry(string Key, string ImagePath, IReadOnlyList<string> Captions, int ClassId, CropBox? Crop = null);
