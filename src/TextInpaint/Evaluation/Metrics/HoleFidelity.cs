using TextInpaint.Data.SynthBirds;
using TextInpaint.Imaging;

namespace TextInpaint.Evaluation.Metrics;

/// <summary>
/// What a blurred or blotchy fill looks like against its truth, measured inside the hole (pixels
/// in [0, 1]):
/// <list type="bullet">
/// <item>edge strength: the 98th percentile of the luminance gradient's magnitude (central
/// differences) over the hole's pixels, in the output and in the truth; a fill stretched from a
/// smaller image has weaker edges;</item>
/// <item>colour spread: within each region of the truth's part map in the hole (each part, and the
/// background), the root mean square distance of the pixels' colours from their region's mean,
/// averaged over the regions by their pixels, in the output and in the truth; blotches where the
/// truth is flat raise the output's;</item>
/// <item>far pixels: the share of hole pixels whose colour lies more than <see cref="FarDistance"/>
/// (Euclidean, RGB) from the truth's: a bird painted on the sky.</item>
/// </list>
/// </summary>
public sealed record HoleFidelity(double OutputEdges, double TruthEdges, double OutputSpread, double TruthSpread, double FarShare)
{
    /// <summary>A hole pixel this far from the truth's colour counts as far.</summary>
    public const double FarDistance = 0.25;

    /// <summary>A truth whose edge strength is below this has no edges to compare (flat sky).</summary>
    public const double MinimumEdges = 0.05;

    /// <summary>Measures <paramref name="output"/> against <paramref name="truth"/> in the hole; the spread needs the part map (null: not measured).</summary>
    public static HoleFidelity Measure(RgbImage truth, RgbImage output, Mask hole, PartLabelMap? parts)
    {
        if (output.Width != truth.Width || output.Height != truth.Height || hole.Width != truth.Width || hole.Height != truth.Height)
            throw new ArgumentException(
                $"truth {truth.Width}x{truth.Height}, output {output.Width}x{output.Height} and hole {hole.Width}x{hole.Height} differ in size.");
        long holePixels = 0, far = 0;
        for (int i = 0; i < hole.Hole.Length; i++)
        {
            if (!hole.Hole[i]) continue;
            holePixels++;
            double d = 0;
            for (int c = 0; c < 3; c++)
            {
                double e = (output.Pixels[3 * i + c] - truth.Pixels[3 * i + c]) / 255.0;
                d += e * e;
            }
            if (d > FarDistance * FarDistance) far++;
        }
        var (outputSpread, truthSpread) = parts is null ? (double.NaN, double.NaN) : (Spread(output, hole, parts), Spread(truth, hole, parts));
        return new HoleFidelity(EdgeStrength(output, hole), EdgeStrength(truth, hole), outputSpread, truthSpread,
            holePixels == 0 ? 0 : (double)far / holePixels);
    }

    private static double EdgeStrength(RgbImage image, Mask hole)
    {
        int w = image.Width, h = image.Height;
        double Luma(int x, int y)
        {
            x = Math.Clamp(x, 0, w - 1);
            y = Math.Clamp(y, 0, h - 1);
            int j = 3 * (y * w + x);
            return (0.299 * image.Pixels[j] + 0.587 * image.Pixels[j + 1] + 0.114 * image.Pixels[j + 2]) / 255.0;
        }
        var magnitudes = new List<double>();
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                if (hole.Hole[y * w + x])
                {
                    double gx = (Luma(x + 1, y) - Luma(x - 1, y)) / 2, gy = (Luma(x, y + 1) - Luma(x, y - 1)) / 2;
                    magnitudes.Add(Math.Sqrt(gx * gx + gy * gy));
                }
        if (magnitudes.Count == 0) return 0;
        magnitudes.Sort();
        return magnitudes[(int)Math.Min(magnitudes.Count - 1, Math.Floor(0.98 * magnitudes.Count))];
    }

    /// <summary>
    /// Each region's root mean square distance of its hole pixels from its mean colour there,
    /// averaged over the regions weighted by their hole pixels: a flat region stays flat however
    /// busy the one beside it.
    /// </summary>
    private static double Spread(RgbImage image, Mask hole, PartLabelMap parts)
    {
        var sums = new double[256, 3];
        var counts = new long[256];
        for (int i = 0; i < hole.Hole.Length; i++)
        {
            if (!hole.Hole[i]) continue;
            int label = parts.Labels[i];
            counts[label]++;
            for (int c = 0; c < 3; c++) sums[label, c] += image.Pixels[3 * i + c] / 255.0;
        }
        var squared = new double[256];
        for (int i = 0; i < hole.Hole.Length; i++)
        {
            if (!hole.Hole[i]) continue;
            int label = parts.Labels[i];
            for (int c = 0; c < 3; c++)
            {
                double e = image.Pixels[3 * i + c] / 255.0 - sums[label, c] / counts[label];
                squared[label] += e * e;
            }
        }
        double weighted = 0;
        long total = 0;
        for (int label = 0; label < 256; label++)
            if (counts[label] > 0)
            {
                weighted += counts[label] * Math.Sqrt(squared[label] / counts[label]);
                total += counts[label];
            }
        return total == 0 ? 0 : weighted / total;
    }
}
