namespace TextInpaint.Data.Batching;

/// <summary>
/// How <see cref="CaptionedImageDataset"/> makes its samples: the side of the square images, the
/// augmentation, the seed that makes every sample repeatable, and whether decoded images are kept
/// in memory between epochs.
/// </summary>
public sealed record CaptionedImageOptions(int ImageSize, int Seed = 0, bool CacheImages = true)
{
    public AugmentationOptions Augmentation { get; init; } = new();
}
