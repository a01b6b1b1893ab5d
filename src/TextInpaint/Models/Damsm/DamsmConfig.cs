using System.Text.Json.Serialization;

namespace TextInpaint.Models.Damsm;

/// <summary>What a DAMSM folder records about its encoders: enough to rebuild them.</summary>
/// <param name="Matching">How words and regions are matched; written as <c>loss</c>, the DAMSM loss that trains on it.</param>
public sealed record DamsmConfig(
    int ImageSize,
    TextEncoderOptions TextEncoder,
    ImageEncoderOptions ImageEncoder,
    [property: JsonPropertyName("loss")] DamsmMatchingOptions Matching)
{
    public const string Format = "textinpaint-damsm";
    public string Kind { get; init; } = Format;
    public const int CurrentVersion = 1;
    public int Version { get; init; } = CurrentVersion;
}
