namespace TextInpaint.Imaging;

/// <summary>
/// A binary inpainting mask: true marks a missing pixel (the hole). As an image file the hole
/// is white and known pixels are black.
/// </summary>
public sealed class Mask
{
    public Mask(int width, int height, bool[]? hole = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        hole ??= new bool[checked(width * height)];
        if (hole.Length != width * height)
            throw new ArgumentException($"expected {width * height} values for a {width}x{height} mask, got {hole.Length}", nameof(hole));
        Width = width;
        Height = height;
        Hole = hole;
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>One value a pixel, row after row; true = missing.</summary>
    public bool[] Hole { get; }

    public bool this[int x, int y]
    {
        get => Hole[y * Width + x];
        set => Hole[y * Width + x] = value;
    }

    /// <summary>Fraction of pixels that are missing, in [0, 1].</summary>
    public double HoleFraction => Hole.Count(h => h) / (double)Hole.Length;

    public static Mask Box(int width, int height, int x, int y, int boxWidth, int boxHeight)
    {
        var mask = new Mask(width, height);
        // In long: a box may reach to int.MaxValue from any corner without wrapping round.
        int bottom = (int)Math.Min(height, (long)y + boxHeight), right = (int)Math.Min(width, (long)x + boxWidth);
        for (int row = Math.Max(0, y); row < bottom; row++)
            for (int col = Math.Max(0, x); col < right; col++)
                mask[col, row] = true;
        return mask;
    }
}
