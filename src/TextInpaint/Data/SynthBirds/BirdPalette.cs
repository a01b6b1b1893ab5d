namespace TextInpaint.Data.SynthBirds;

/// <summary>
/// The RGB value of each <see cref="BirdColor"/>. The values are far enough apart (at least 90
/// in RGB distance) that a part's mean colour, after the renderer's modest shade jitter, is
/// always nearest to its own palette entry: <see cref="Nearest"/> recovers the colour name.
/// </summary>
public static class BirdPalette
{
    private static readonly (byte R, byte G, byte B)[] Values =
    [
        (205, 30, 35),   // red
        (240, 125, 20),  // orange
        (245, 220, 45),  // yellow
        (45, 150, 55),   // green
        (40, 85, 205),   // blue
        (135, 50, 165),  // purple
        (120, 72, 32),   // brown
        (28, 28, 30),    // black
        (242, 242, 236), // white
        (138, 138, 138), // grey
    ];

    public static IReadOnlyList<BirdColor> Colors { get; } = Enum.GetValues<BirdColor>();

    public static (byte R, byte G, byte B) Rgb(BirdColor color) => Values[(int)color];

    /// <summary>The lower-case English name used in files and captions ("grey", not "gray").</summary>
    public static string Name(BirdColor color) => color.ToString().ToLowerInvariant();

    /// <summary>The palette colour nearest (Euclidean RGB distance) to a colour.</summary>
    public static BirdColor Nearest(double r, double g, double b)
    {
        var best = BirdColor.Red;
        double bestDistance = double.MaxValue;
        foreach (var color in Colors)
        {
            var (pr, pg, pb) = Values[(int)color];
            double distance = (r - pr) * (r - pr) + (g - pg) * (g - pg) + (b - pb) * (b - pb);
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = color;
            }
        }
        return best;
    }
}
