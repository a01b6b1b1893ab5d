using System.Text.Json.Serialization;

namespace TextInpaint.Models.Damsm;

/// <summary>What a DAMSM image encoder is built on; a damsm.json written before the choice existed reads as <see cref="Scratch"/>.</summary>
public enum ImageEncoderNetwork
{
    /// <summary>A small CNN trained from scratch with the text encoder (<see cref="ScratchImageEncoder"/>).</summary>
    Scratch,

    /// <summary>The frozen ImageNet ResNet-18 with trained projections (<see cref="ResNet18ImageEncoder"/>), as AttnGAN builds on Inception-v3.</summary>
    [JsonStringEnumMemberName("resnet18")]
    ResNet18,
}
