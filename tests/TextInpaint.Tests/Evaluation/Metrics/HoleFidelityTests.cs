using TextInpaint.Data.SynthBirds;
using TextInpaint.Evaluation.Metrics;
using TextInpaint.Imaging;

namespace TextInpaint.Tests.Evaluation.Metrics;

public sealed class HoleFidelityTests
{
    // Stripes 4 pixels wide on the left half (part 1), flat grey on the right (background).
    private static (RgbImage Truth, PartLabelMap Parts, Mask Hole) Scene()
    {
        var truth = new RgbImage(32, 32);
        var labels = new byte[32 * 32];
        for (int y = 0; y < 32; y++)
            for (int x = 0; x < 32; x++)
            {
                byte v = x < 16 ? (byte)(x / 4 % 2 == 0 ? 40 : 220) : (byte)128;
                truth[x, y] = (v, v, v);
                labels[y * 32 + x] = x < 16 ? (byte)1 : (byte)0;
            }
        return (truth, new PartLabelMap(32, 32, labels), Mask.Box(32, 32, 4, 4, 24, 24));
    }

    [Fact]
    public void The_truth_against_itself_is_as_sharp_as_flat_and_near()
    {
        var (truth, parts, hole) = Scene();

        var f = HoleFidelity.Measure(truth, truth.Clone(), hole, parts);

        Assert.Equal(f.TruthEdges, f.OutputEdges);
        Assert.Equal(f.TruthSpread, f.OutputSpread);
        Assert.Equal(0, f.FarShare);
        Assert.True(f.TruthEdges > HoleFidelity.MinimumEdges);
    }

    [Fact]
    public void A_fill_stretched_from_a_smaller_image_has_weaker_edges_and_a_blotch_on_flat_ground_more_spread()
    {
        var (truth, parts, hole) = Scene();
        var blurred = ImageOps.Resize(ImageOps.Resize(truth, 8, 8), 32, 32);
        var blotched = truth.Clone();
        for (int y = 8; y < 14; y++)
            for (int x = 20; x < 26; x++)
                blotched[x, y] = (200, 60, 60);

        var soft = HoleFidelity.Measure(truth, blurred, hole, parts);
        var blotch = HoleFidelity.Measure(truth, blotched, hole, parts);

        Assert.True(soft.OutputEdges < 0.7 * soft.TruthEdges, $"edges {soft.OutputEdges} against {soft.TruthEdges}");
        Assert.True(blotch.OutputSpread > 1.2 * blotch.TruthSpread, $"spread {blotch.OutputSpread} against {blotch.TruthSpread}");
        Assert.Equal(36.0 / (24 * 24), blotch.FarShare, 9);
        var pooled = new FidelityAccumulator();
        pooled.Add(soft);
        pooled.Add(blotch);
        var summary = pooled.Compute()!;
        Assert.Equal(2, summary.EdgeImages);
        Assert.InRange(summary.EdgeRatio, 0, 1);
    }
}
