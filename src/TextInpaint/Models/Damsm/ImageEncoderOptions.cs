using TextInpaint.Models.Pretrained;

namespace TextInpaint.Models.Damsm;

/// <summary>Sizes of the DAMSM image encoder; saved with a model so that it can be rebuilt.</summary>
/// <param name="FeatureSize">Size D of region and global features; must equal the text encoder's.</param>
/// <param name="BaseWidth">Channels of the first convolution of the scratch encoder; each later stage doubles it.</param>
/// <param name="MaxGridSide">Largest side of the region grid; larger grids are average-pooled down to it.</param>
/// <param name="Network">What the encoder is built on: a CNN trained here, or the frozen ImageNet ResNet-18.</param>
/// <param name="InputSize">Side the ResNet-18 encoder resizes its images to (the network's own is 224); the scratch encoder reads them as they come.</param>
public sealed record ImageEncoderOptions(int FeatureSize = 256, int BaseWidth = 32, int MaxGridSide = 16,
    ImageEncoderNetwork Network = ImageEncoderNetwork.Scratch, int InputSize = ResNet18Features.ImageSize)
{
    /// <summary>Side of the region grid for a square input of side <paramref name="imageSize"/>.</summary>
    public int GridSide(int imageSize) => Network == ImageEncoderNetwork.ResNet18
        ? Math.Min(MaxGridSide, (InputSize + 15) / 16)
        : Math.Min(MaxGridSide, (imageSize + 7) / 8);
}
