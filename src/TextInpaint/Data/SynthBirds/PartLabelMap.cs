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

    /// <summary>How many pixels carry a label.</summary>
    public int Count(BirdPart part) => Labels.Count(l => l == (byte)part);
}
