namespace TextInpaint.Evaluation.Metrics;

/// <summary>
/// Hole-area bins as LaMa reports them: the share of the image that is hole, in steps of 10% up
/// to 60%, then everything above. A share on an edge goes to the bin above it (10% is in 10-20%).
/// </summary>
public static class AreaBins
{
    public static IReadOnlyList<string> Names { get; } = ["0-10%", "10-20%", "20-30%", "30-40%", "40-50%", "50-60%", ">60%"];

    /// <summary>The index into <see cref="Names"/> of a hole that covers <paramref name="holeFraction"/> of the image.</summary>
    public static int Of(double holeFraction)
    {
        if (double.IsNaN(holeFraction) || holeFraction < 0 || holeFraction > 1)
            throw new ArgumentOutOfRangeException(nameof(holeFraction), holeFraction, "a hole fraction lies in [0, 1].");
        // The small tolerance puts a share on an edge (0.3, even when computed as 0.2999999999999999)
        // into the bin above it.
        int tenths = (int)Math.Floor(holeFraction * 10 + 1e-9);
        return Math.Min(tenths, Names.Count - 1);
    }
}
