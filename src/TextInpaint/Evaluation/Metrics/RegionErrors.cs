using TextInpaint.Data.SynthBirds;
using TextInpaint.Evaluation.TextConsistency;
using TextInpaint.Imaging;

namespace TextInpaint.Evaluation.Metrics;

/// <summary>
/// Squared error of inpainted hole pixels, summed per <see cref="HoleRegion"/> (pixels in [0, 1],
/// over the three channels), so that a split's holes pool into one PSNR per region: what reading
/// the caption gains on the parts it names and what it costs on the rest of the hole. Pooled, not
/// averaged per image: most holes hold few or no pixels of a named part. A pixel of the bird is
/// also counted by whether the hole hid its part fully (at least
/// <see cref="ColourJudgment.FullyHiddenShare"/> of the part's pixels, as text consistency counts)
/// or partly: where part of it shows, the fill can continue what shows.
/// </summary>
public sealed class RegionErrors
{
    // Indexed by 2 * region + (fully hidden ? 1 : 0); background pixels always count as not hidden.
    private readonly double[] squared = new double[6];
    private readonly long[] pixels = new long[6];

    /// <summary>The bird's regions split by whether the hole hid the part fully, in table order.</summary>
    public static IReadOnlyList<(HoleRegion Region, bool FullyHidden)> PartRegions { get; } =
        [(HoleRegion.NamedParts, false), (HoleRegion.NamedParts, true), (HoleRegion.OtherParts, false), (HoleRegion.OtherParts, true)];

    /// <summary>
    /// The errors of one output: <paramref name="namedParts"/> holds each pixel's part label where
    /// the caption names that part and 0 elsewhere (<see cref="PartLabelMap.NamedBy"/>).
    /// </summary>
    public static RegionErrors Measure(RgbImage truth, RgbImage output, Mask hole, PartLabelMap parts, byte[] namedParts)
    {
        if (output.Width != truth.Width || output.Height != truth.Height || hole.Width != truth.Width || hole.Height != truth.Height
            || parts.Width != truth.Width || parts.Height != truth.Height || namedParts.Length != parts.Labels.Length)
            throw new ArgumentException($"truth {truth.Width}x{truth.Height}, output {output.Width}x{output.Height}, hole "
                + $"{hole.Width}x{hole.Height} and part map {parts.Width}x{parts.Height} differ in size.");
        var errors = new RegionErrors();
        var fullyHidden = FullyHiddenLabels(parts, hole);
        for (int i = 0; i < hole.Hole.Length; i++)
        {
            if (!hole.Hole[i]) continue;
            var region = namedParts[i] != 0 ? HoleRegion.NamedParts
                : parts.Labels[i] != (byte)BirdPart.None ? HoleRegion.OtherParts
                : HoleRegion.Background;
            int bucket = 2 * (int)region + (region != HoleRegion.Background && fullyHidden[parts.Labels[i]] ? 1 : 0);
            double sum = 0;
            for (int c = 0; c < 3; c++)
            {
                double difference = (output.Pixels[3 * i + c] - truth.Pixels[3 * i + c]) / 255.0;
                sum += difference * difference;
            }
            errors.squared[bucket] += sum;
            errors.pixels[bucket]++;
        }
        return errors;
    }

    /// <summary>For each label, whether the hole holds at least <see cref="ColourJudgment.FullyHiddenShare"/> of its pixels.</summary>
    private static bool[] FullyHiddenLabels(PartLabelMap parts, Mask hole)
    {
        var total = new int[256];
        var hidden = new int[256];
        for (int i = 0; i < parts.Labels.Length; i++)
        {
            total[parts.Labels[i]]++;
            if (hole.Hole[i]) hidden[parts.Labels[i]]++;
        }
        return total.Select((count, label) => count > 0 && hidden[label] >= ColourJudgment.FullyHiddenShare * count).ToArray();
    }

    /// <summary>Adds another output's errors to these.</summary>
    public void Add(RegionErrors other)
    {
        for (int r = 0; r < squared.Length; r++)
        {
            squared[r] += other.squared[r];
            pixels[r] += other.pixels[r];
        }
    }

    /// <summary>The region's PSNR over its pooled error, or null when no hole pixel lay in it (infinite where the error was 0).</summary>
    public RegionPsnr? Psnr(HoleRegion region) =>
        PsnrOf(squared[2 * (int)region] + squared[2 * (int)region + 1], pixels[2 * (int)region] + pixels[2 * (int)region + 1]);

    /// <summary>
    /// The PSNR of the region's pixels whose part the hole hid fully (<paramref name="fullyHidden"/>)
    /// or partly, or null when there were none; the background has no part and only partly hidden pixels.
    /// </summary>
    public RegionPsnr? Psnr(HoleRegion region, bool fullyHidden)
    {
        int bucket = 2 * (int)region + (fullyHidden ? 1 : 0);
        return PsnrOf(squared[bucket], pixels[bucket]);
    }

    private static RegionPsnr? PsnrOf(double sum, long count)
    {
        if (count == 0)
            return null;
        double meanSquared = sum / (3.0 * count);
        return new RegionPsnr(meanSquared == 0 ? double.PositiveInfinity : -10 * Math.Log10(meanSquared), count);
    }
}
