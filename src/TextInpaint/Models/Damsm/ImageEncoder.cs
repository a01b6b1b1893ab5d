using TextInpaint.Models.Pretrained;
using static TorchSharp.torch;

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

/// <summary>Region features [B, D, R] (R = grid side squared, row-major) and global features [B, D].</summary>
public sealed record ImageFeatures(Tensor Regions, Tensor Global);

/// <summary>
/// A DAMSM image encoder: images [B, 3, S, S] in [-1, 1] to region features on a grid and a global
/// feature, both of the text encoder's size, as AttnGAN's CNN_ENCODER gives them. Built on a CNN
/// trained here (<see cref="ScratchImageEncoder"/>) or on the frozen ImageNet ResNet-18
/// (<see cref="ResNet18ImageEncoder"/>), as <see cref="ImageEncoderOptions.Network"/> says.
/// </summary>
public abstract class ImageEncoder(string name, ImageEncoderOptions options) : nn.Module<Tensor, ImageFeatures>(name)
{
    public ImageEncoderOptions Options { get; } = options;

    /// <summary>
    /// The encoder <paramref name="options"/> describe. <paramref name="loadResNet18"/> reads the pretrained network onto a device; the
    /// ResNet-18 encoder calls it on its first image, so that building or loading the encoders never reads it.
    /// </summary>
    public static ImageEncoder Create(ImageEncoderOptions options, Func<Device, ResNet18Features>? loadResNet18 = null) => options.Network switch
    {
        ImageEncoderNetwork.Scratch => new ScratchImageEncoder(options),
        ImageEncoderNetwork.ResNet18 => new ResNet18ImageEncoder(options,
            loadResNet18 ?? throw new ArgumentNullException(nameof(loadResNet18), "The ResNet-18 encoder needs a way to read its network.")),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Network, "Unknown image encoder network."),
    };
}
