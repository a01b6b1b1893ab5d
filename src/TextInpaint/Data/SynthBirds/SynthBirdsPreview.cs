using TextInpaint.Imaging;

namespace TextInpaint.Data.SynthBirds;

/// <summary>Pictures of SynthBirds ground truth for people to look at.</summary>
public static class SynthBirdsPreview
{
    private static readonly (byte R, byte G, byte B)[] PartColours =
    [
        (40, 40, 40),     // none
        (150, 150, 150),  // body
        (200, 200, 200),  // head
        (255, 215, 0),    // belly
        (230, 30, 60),    // crown
        (30, 110, 230),   // wing
        (120, 200, 255),  // wing pattern
        (40, 170, 80),    // tail
        (255, 140, 0),    // beak
        (255, 255, 255),  // eye
        (200, 80, 220),   // eye ring
        (120, 80, 40),    // legs
    ];

    /// <summary>The part map with one fixed, easily told apart colour per part.</summary>
    public static RgbImage ColourParts(PartLabelMap parts)
    {
        var image = new RgbImage(parts.Width, parts.Height);
        for (int i = 0; i < parts.Labels.Length; i++)
            image[i % parts.Width, i / parts.Width] = PartColours[Math.Min(parts.Labels[i], PartColours.Length - 1)];
        return image;
    }
}
