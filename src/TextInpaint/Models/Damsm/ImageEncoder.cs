using TextInpaint.Models.Pretrained;
using static TorchSharp.torch;

namespace TextInpaint.Models.Damsm;

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
