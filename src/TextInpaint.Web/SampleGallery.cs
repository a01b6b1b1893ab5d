using Microsoft.Extensions.Options;
using TextInpaint.Imaging;
using TextInpaint.Inference;

namespace TextInpaint.Web;

/// <summary>The sample birds, rendered once on first use and held in memory (a key only ever looks them up, it never names a file).</summary>
public sealed class SampleGallery(IOptions<ServerOptions> settings)
{
    private readonly Lazy<(IReadOnlyList<SampleBird> Birds, Dictionary<string, byte[]> Png)> made = new(() =>
    {
        var birds = SampleBirds.Create(settings.Value.SampleCount, settings.Value.SampleSize);
        return (birds, birds.ToDictionary(b => b.Key, b => ImageBytes.EncodePng(b.Image), StringComparer.Ordinal));
    });

    public IReadOnlyList<SampleBird> Birds => made.Value.Birds;

    public byte[]? Png(string key) => made.Value.Png.GetValueOrDefault(key);
}
