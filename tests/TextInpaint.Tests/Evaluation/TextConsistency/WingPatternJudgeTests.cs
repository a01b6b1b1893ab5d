using TextInpaint.Data.SynthBirds;
using TextInpaint.Evaluation.TextConsistency;
using TextInpaint.Imaging;

namespace TextInpaint.Tests.Evaluation.TextConsistency;

public sealed class WingPatternJudgeTests
{
    // A 20x20 wing (grey) whose left columns 2, 6, 10 and 14 are red bars, all in the hole.
    private static (PartLabelMap Parts, Mask Hole) Wing()
    {
        var labels = new byte[20 * 20];
        for (int y = 0; y < 20; y++)
            for (int x = 0; x < 20; x++)
                labels[y * 20 + x] = (byte)(x % 4 == 2 ? BirdPart.WingPattern : BirdPart.Wing);
        return (new PartLabelMap(20, 20, labels), Mask.Box(20, 20, 0, 0, 20, 20));
    }

    private static RgbImage Painted(Func<int, int, bool> red)
    {
        var image = new RgbImage(20, 20);
        var (rr, rg, rb) = BirdPalette.Rgb(BirdColor.Red);
        var (gr, gg, gb) = BirdPalette.Rgb(BirdColor.Grey);
        for (int y = 0; y < 20; y++)
            for (int x = 0; x < 20; x++)
                image[x, y] = red(x, y) ? (rr, rg, rb) : (gr, gg, gb);
        return image;
    }

    [Fact]
    public void Red_bars_anywhere_on_the_hidden_wing_follow_a_red_pattern_and_a_plain_wing_does_not()
    {
        var (parts, hole) = Wing();

        // Bars one pixel off the true ones: no pattern pixel is red, the pattern is still shown.
        Assert.True(PartColours.ShowsPattern(Painted((x, _) => x % 4 == 3), parts, hole, BirdColor.Red));
        Assert.Equal(BirdColor.Grey, PartColours.Classify(Painted((x, _) => x % 4 == 3), parts, BirdPart.WingPattern, hole));
        // Spots of about the same amount, elsewhere.
        Assert.True(PartColours.ShowsPattern(Painted((x, y) => (x + y) % 4 == 0), parts, hole, BirdColor.Red));
        Assert.False(PartColours.ShowsPattern(Painted((_, _) => false), parts, hole, BirdColor.Red));
        Assert.False(PartColours.ShowsPattern(Painted((x, y) => x == 5 && y < 4), parts, hole, BirdColor.Red));
        Assert.Null(PartColours.ShowsPattern(Painted((_, _) => false), parts, Mask.Box(20, 20, 3, 0, 2, 20), BirdColor.Red));
    }
}
