using TextInpaint.Data.SynthBirds;
using TextInpaint.Evaluation.Metrics;
using TextInpaint.Imaging;

namespace TextInpaint.Tests.Evaluation.Metrics;

public sealed class RegionErrorsTests
{
    // A 4x1 image: crown (named by the caption), body (not named), background in the hole; background outside it.
    private static readonly PartLabelMap Parts = new(4, 1, [(byte)BirdPart.Crown, (byte)BirdPart.Body, 0, 0]);
    private static readonly BirdCaption Caption = new("a red crown", [new TraitMention(BirdTrait.CrownColor, "red", 2, 3)]);
    private static readonly Mask Hole = Mask.Box(4, 1, 0, 0, 3, 1);

    /// <summary>The truth is grey 100; the output is off by the given amounts at the four pixels, on every channel.</summary>
    private static (RgbImage Truth, RgbImage Output) Pair(params int[] offsets)
    {
        var truth = new RgbImage(4, 1);
        var output = new RgbImage(4, 1);
        for (int i = 0; i < 4; i++)
            for (int c = 0; c < 3; c++)
            {
                truth.Pixels[3 * i + c] = 100;
                output.Pixels[3 * i + c] = (byte)(100 + offsets[i]);
            }
        return (truth, output);
    }

    [Fact]
    public void Each_hole_pixel_counts_in_its_own_region_and_pixels_outside_the_hole_count_nowhere()
    {
        var (truth, output) = Pair(51, 0, 17, 200);

        var errors = RegionErrors.Measure(truth, output, Hole, Parts, Parts.NamedBy(Caption));

        Assert.Equal(new RegionPsnr(-10 * Math.Log10(0.2 * 0.2), 1), errors.Psnr(HoleRegion.NamedParts));
        Assert.Equal(new RegionPsnr(double.PositiveInfinity, 1), errors.Psnr(HoleRegion.OtherParts));
        Assert.Equal(20 * Math.Log10(15), errors.Psnr(HoleRegion.Background)!.Value.Psnr, 9);
        Assert.Equal(1, errors.Psnr(HoleRegion.Background)!.Value.Pixels);
    }

    [Fact]
    public void Outputs_pool_their_squared_error_rather_than_average_their_psnr()
    {
        var (truth, first) = Pair(51, 0, 0, 0);
        var (_, second) = Pair(0, 0, 0, 0);
        var pooled = RegionErrors.Measure(truth, first, Hole, Parts, Parts.NamedBy(Caption));

        pooled.Add(RegionErrors.Measure(truth, second, Hole, Parts, Parts.NamedBy(Caption)));

        Assert.Equal(-10 * Math.Log10(0.2 * 0.2 / 2), pooled.Psnr(HoleRegion.NamedParts)!.Value.Psnr, 9);
        Assert.Equal(2, pooled.Psnr(HoleRegion.NamedParts)!.Value.Pixels);
    }

    [Fact]
    public void A_region_without_hole_pixels_has_no_figure_and_a_caption_naming_nothing_leaves_the_parts_unnamed()
    {
        var (truth, output) = Pair(0, 0, 0, 0);

        var errors = RegionErrors.Measure(truth, output, Hole, Parts, Parts.NamedBy(new BirdCaption("a bird", [])));

        Assert.Null(errors.Psnr(HoleRegion.NamedParts));
        Assert.Equal(2, errors.Psnr(HoleRegion.OtherParts)!.Value.Pixels);
    }

    [Fact]
    public void A_bird_pixel_also_counts_by_whether_the_hole_hid_its_whole_part()
    {
        // The crown lies wholly in the hole; one of the body's two pixels shows outside it.
        var parts = new PartLabelMap(4, 1, [(byte)BirdPart.Crown, (byte)BirdPart.Body, 0, (byte)BirdPart.Body]);
        var (truth, output) = Pair(51, 51, 0, 0);

        var errors = RegionErrors.Measure(truth, output, Hole, parts, parts.NamedBy(Caption));

        Assert.Equal(new RegionPsnr(-10 * Math.Log10(0.2 * 0.2), 1), errors.Psnr(HoleRegion.NamedParts, fullyHidden: true));
        Assert.Null(errors.Psnr(HoleRegion.NamedParts, fullyHidden: false));
        Assert.Equal(new RegionPsnr(-10 * Math.Log10(0.2 * 0.2), 1), errors.Psnr(HoleRegion.OtherParts, fullyHidden: false));
        Assert.Null(errors.Psnr(HoleRegion.OtherParts, fullyHidden: true));
        Assert.Equal(new RegionPsnr(double.PositiveInfinity, 1), errors.Psnr(HoleRegion.Background, fullyHidden: false));
        Assert.Equal(errors.Psnr(HoleRegion.OtherParts, fullyHidden: false), errors.Psnr(HoleRegion.OtherParts));
    }

    [Fact]
    public void Images_of_other_sizes_are_refused()
    {
        var (truth, _) = Pair(0, 0, 0, 0);

        Assert.Throws<ArgumentException>(() => RegionErrors.Measure(truth, new RgbImage(2, 2), Hole, Parts, Parts.NamedBy(Caption)));
    }
}
