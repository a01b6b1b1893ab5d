using TextInpaint.Models.Pretrained;
using TextInpaint.Text;
using TorchSharp;

namespace TextInpaint.Models.Damsm;

/// <summary>Trained DAMSM encoders with their vocabulary, as loaded from or saved to a folder.</summary>
public sealed class DamsmEncoders(DamsmConfig config, Vocabulary vocabulary, TextEncoder text, ImageEncoder image) : IDisposable
{
    public DamsmConfig Config { get; } = config;
    public Vocabulary Vocabulary { get; } = vocabulary;
    public TextEncoder Text { get; } = text;
    public ImageEncoder Image { get; } = image;

    /// <summary>
    /// Untrained encoders as <paramref name="config"/> describes them; <paramref name="loadResNet18"/> reads the pretrained network
    /// for a ResNet-18 image encoder, on its first image (see <see cref="ImageEncoder.Create"/>).
    /// </summary>
    public static DamsmEncoders Create(DamsmConfig config, Vocabulary vocabulary, Func<torch.Device, ResNet18Features>? loadResNet18 = null) =>
        new(config, vocabulary, new TextEncoder(config.TextEncoder), ImageEncoder.Create(config.ImageEncoder, loadResNet18));

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
