using TextInpaint.Imaging;

namespace TextInpaint.Data.SynthBirds;

/// <summary>One <see cref="BirdPart"/> label a pixel, row after row, for an image of Width x Height.</summary>
public sealed class PartLabelMap
{
    public PartLabelMap(int width, int height, byte[]? labels = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        labels ??= new byte[checked(width * height)];
        if (labels.Length != width * height)
            throw new ArgumentException($"expected {width * height} labels for {width}x{height}, got {labels.Length}", nameof(labels));
        Width = width;
        Height = height;
        Labels = labels;
    }

    public int Width { get; }
    public int Height { get; }
    public byte[] Labels { get; }

    public BirdPart this[int x, int y] => (BirdPart)Labels[y * Width + x];

    /// <summary>
    /// The labels of the parts whose colour <paramref name="caption"/> states, 0 on every other
    /// pixel: where the caption's colour words lie in the image.
    /// </summary>
    public byte[] NamedBy(BirdCaption caption)
    {
        var named = new HashSet<byte>(caption.Mentions
            .Where(m => Enum.TryParse<BirdColor>(m.Value, ignoreCase: true, out _))
            .Select(m => BirdAttributes.PartOf(m.Trait))
            .OfType<BirdPart>()
            .Select(p => (byte)p));
        return Labels.Select(l => named.Contains(l) ? l : (byte)0).ToArray();
    }

    /// <summary>How many pixels carry a label.</summary>
    public int Count(BirdPart part) => Labels.Count(l => l == (byte)part);

    /// <summary>The share of the part's pixels that lie in the hole (0 for an absent part).</summary>
    public double ShareInHole(BirdPart part, Mask hole)
    {
        if (hole.Width != Width || hole.Height != Height)
            throw new ArgumentException($"hole {hole.Width}x{hole.Height} and part map {Width}x{Height} differ in size.", nameof(hole));
        int inPart = 0, inHole = 0;
        for (int i = 0; i < Labels.Length; i++)
        {
            if (Labels[i] != (byte)part) continue;
            inPart++;
            if (hole.Hole[i]) inHole++;
        }
        return inPart == 0 ? 0 : (double)inHole / inPart;
    }
}
