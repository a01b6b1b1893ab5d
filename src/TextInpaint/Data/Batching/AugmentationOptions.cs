namespace TextInpaint.Data.Batching;

/// <summary>
/// Random changes applied to training images. MMFL trains with horizontal flips and random
/// grayscale; grayscale is off by default here because a grey bird contradicts a caption that
/// names its colours, so only a preset that wants the paper's recipe turns it on. A random crop
/// (AttnGAN's DAMSM pre-training) loads the image at 76/64 of the size and cuts a random square of
/// the size from it; the holes are drawn on the crop, so it cannot go with object holes or caption
/// edits, whose part maps cover the whole image.
/// </summary>
public sealed record AugmentationOptions(bool HorizontalFlip = true, double GrayscaleProbability = 0, bool RandomCrop = false)
{
    /// <summary>The side an image is loaded at for a crop of side <paramref name="size"/> (AttnGAN's 76/64).</summary>
    public static int CropSourceSize(int size) => size * 76 / 64;

    /// <summary>No augmentation: for evaluation and inference.</summary>
    public static AugmentationOptions None { get; } = new(HorizontalFlip: false, GrayscaleProbability: 0);
}
