using TextInpaint.Losses;
using TextInpaint.Text;
using TorchSharp;

namespace TextInpaint.Models.Damsm;

/// <summary>What a DAMSM folder records about its encoders: enough to rebuild them.</summary>
public sealed record DamsmConfig(
    int ImageSize,
    TextEncoderOptions TextEncoder,
    ImageEncoderOptions ImageEncoder,
    DamsmLossOptions Loss)
{
    public const string Format = "textinpaint-damsm";
    public string Kind { get; init; } = Format;
    public const int CurrentVersion = 1;
    public int Version { get; init; } = CurrentVersion;
}

/// <summary>Trained DAMSM encoders with their vocabulary, as loaded from or saved to a folder.</summary>
public sealed class DamsmEncoders(DamsmConfig config, Vocabulary vocabulary, TextEncoder text, ImageEncoder image) : IDisposable
{
    public DamsmConfig Config { get; } = config;
    public Vocabulary Vocabulary { get; } = vocabulary;
    public TextEncoder Text { get; } = text;
    public ImageEncoder Image { get; } = image;

    public static DamsmEncoders Create(DamsmConfig config, Vocabulary vocabulary) =>
        new(config, vocabulary, new TextEncoder(config.TextEncoder), new ImageEncoder(config.ImageEncoder));

    public DamsmEncoders To(torch.Device device)
    {
        Text.to(device);
        Image.to(device);
        return this;
    }

    public void Dispose()
    {
        Text.Dispose();
        Image.Dispose();
    }
}
