using TextInpaint.Data.SynthBirds;
using TextInpaint.Imaging;

namespace TextInpaint.Evaluation.TextConsistency;

/// <summary>
/// Reads the colour of a SynthBirds part off an image: the mean RGB over the part's pixels,
/// classified to the nearest palette colour. Edge pixels blend with their neighbours
/// (anti-aliasing, and at 64x64 a part is a few pixels wide), so only the part's interior is
/// used: pixels whose four neighbours carry the same label; a part with fewer than
/// <see cref="MinimumInterior"/> interior pixels falls back to all its pixels. Given a hole, only
/// the part's pixels in the hole are read: outside it an inpainted image is the original.
/// </summary>
public static class PartColours
{
    public const int MinimumInterior = 4;

    /// <summary>
    /// The part's colour in <paramref name="image"/> (only over its pixels in <paramref name="hole"/> when one is given),
    /// or null when no pixel of the part is there.
    /// </summary>
    public static BirdColor? Classify(RgbImage image, PartLabelMap parts, BirdPart part, Mask? hole = null)
    {
        if (image.Width != parts.Width || image.Height != parts.Height)
            throw new ArgumentException($"image {image.Width}x{image.Height} and part map {parts.Width}x{parts.Height} differ in size.");
        bool Inside(int i) => hole is null || hole.Hole[i];
        var pixels = Interior(parts, part).Where(Inside).ToList();
        if (pixels.Count < MinimumInterior)
            pixels = All(parts, part).Where(Inside).ToList();
        if (pixels.Count == 0)
            return null;
        double r = 0, g = 0, b = 0;
        foreach (var i in pixels)
        {
            r += image.Pixels[3 * i];
            g += image.Pixels[3 * i + 1];
            b += image.Pixels[3 * i + 2];
        }
        return BirdPalette.Nearest(r / pixels.Count, g / pixels.Count, b / pixels.Count);
    }

    /// <summary>
    /// Whether the hidden wing shows a pattern of <paramref name="colour"/> wherever on it: of the
    /// wing's pixels in the hole (wing and pattern alike), the share whose nearest palette colour is
    /// <paramref name="colour"/> is at least half the share the true pattern covers there. Bars and
    /// spots are 1 to 2 pixels wide at 64x64 and placed by the pose, so a judge of the pattern's own
    /// pixels asks the fill to place them to a pixel; this one asks for the stated colour in about
    /// the stated amount. Null when no pattern pixel lies in the hole.
    /// </summary>
    public static bool? ShowsPattern(RgbImage image, PartLabelMap parts, Mask hole, BirdColor colour)
    {
        int wing = 0, pattern = 0, shown = 0;
        for (int i = 0; i < parts.Labels.Length; i++)
        {
            if (!hole.Hole[i]) continue;
            var label = (BirdPart)parts.Labels[i];
            if (label is not (BirdPart.Wing or BirdPart.WingPattern)) continue;
            wing++;
            if (label == BirdPart.WingPattern) pattern++;
            if (BirdPalette.Nearest(image.Pixels[3 * i], image.Pixels[3 * i + 1], image.Pixels[3 * i + 2]) == colour) shown++;
        }
        return pattern == 0 ? null : shown >= 0.5 * pattern;
    }

    /// <summary>
    /// The check that makes the colour judgments trustworthy: on ground-truth images, how often the
    /// classifier reads every present part's colour as the attributes state it.
    /// </summary>
    public static (int Agreements, int Judgments) AgreementWithAttributes(IEnumerable<(RgbImage Image, SynthBirdsTruth Truth)> images)
    {
        int agreements = 0, judgments = 0;
        foreach (var (image, truth) in images)
            foreach (var trait in Enum.GetValues<BirdTrait>())
            {
                if (BirdAttributes.PartOf(trait) is not { } part || truth.Attributes.ColorOf(part) is not { } stated) continue;
                if (Classify(image, truth.Parts, part) is not { } seen) continue;
                judgments++;
                if (seen == stated) agreements++;
            }
        return (agreements, judgments);
    }

    private static List<int> All(PartLabelMap parts, BirdPart part)
    {
        var pixels = new List<int>();
        for (int i = 0; i < parts.Labels.Length; i++)
            if (parts.Labels[i] == (byte)part) pixels.Add(i);
        return pixels;
    }

    private static List<int> Interior(PartLabelMap parts, BirdPart part)
    {
        var pixels = new List<int>();
        for (int y = 1; y < parts.Height - 1; y++)
            for (int x = 1; x < parts.Width - 1; x++)
                if (parts[x, y] == part && parts[x - 1, y] == part && parts[x + 1, y] == part && parts[x, y - 1] == part && parts[x, y + 1] == part)
                    pixels.Add(y * parts.Width + x);
        return pixels;
    }
}
