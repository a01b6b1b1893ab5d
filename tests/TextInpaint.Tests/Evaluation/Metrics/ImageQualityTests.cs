using TextInpaint.Evaluation.Metrics;
using TextInpaint.Imaging;

namespace TextInpaint.Tests.Evaluation.Metrics;

/// <summary>
/// Expected values from scikit-image 0.19 (tests/reference/metrics_reference.py) on the same
/// formula-built 24x20 images and box hole.
/// </summary>
public sealed class ImageQualityTests
{
    private const int Width = 24, Height = 20;

    private static (RgbImage Truth, RgbImage Result, Mask Hole) ReferenceCase()
    {
        var truth = new RgbImage(Width, Height);
        var result = new RgbImage(Width, Height);
        for (int y = 0; y < Height; y++)
            for (int x = 0; x < Width; x++)
                for (int c = 0; c < 3; c++)
                {
                    double t = Math.Floor(127.5 + 120 * Math.Sin(0.37 * x + 0.23 * y + 1.1 * c) + 0.5);
                    double r = Math.Clamp(t + Math.Floor(30 * Math.Sin(0.7 * x - 0.45 * y + 0.9 * c) + 0.5), 0, 255);
                    truth.Pixels[3 * (y * Width + x) + c] = (byte)t;
                    result.Pixels[3 * (y * Width + x) + c] = (byte)r;
                }
        return (truth, result, Mask.Box(Width, Height, 6, 5, 12, 10));
    }

    [Fact]
    public void Every_measure_matches_scikit_image()
    {
        var (truth, result, hole) = ReferenceCase();

        var quality = ImageQuality.Measure(truth, result, hole);

        Assert.Equal(22.145117377, quality.Psnr, 6);
        Assert.Equal(0.918754560, quality.Ssim, 5);
        Assert.Equal(0.069242919, quality.L1, 6);
        Assert.Equal(22.159460742, quality.HolePsnr, 6);
        Assert.Equal(0.919526401, quality.HoleSsim!.Value, 5);
        Assert.Equal(0.069172113, quality.HoleL1, 6);
        Assert.Equal(23.576118568, quality.GrayPsnr, 6);
        Assert.Equal(0.915489100, quality.GraySsim, 5);
        Assert.Equal(0.061741114, quality.GrayRelativeL1, 6);
    }

    /// <summary>Measuring keeps working planes per thread: other images and sizes measured in between change nothing.</summary>
    [Fact]
    public void A_measure_does_not_depend_on_the_images_measured_before_it()
    {
        var (truth, result, hole) = ReferenceCase();
        var first = ImageQuality.Measure(truth, result, hole);

        var large = new RgbImage(64, 48);
        new Random(5).NextBytes(large.Pixels);
        ImageQuality.Measure(large, large.Clone(), Mask.Box(64, 48, 10, 10, 30, 20));
        var small = new RgbImage(12, 12);
        ImageQuality.Measure(small, small.Clone(), Mask.Box(12, 12, 2, 2, 4, 4));
        ImageQuality.Measure(result, truth, Mask.Box(Width, Height, 1, 1, 3, 3));

        Assert.Equal(first, ImageQuality.Measure(truth, result, hole));
    }

    [Fact]
    public void An_image_against_itself_is_perfect()
    {
        var (truth, _, hole) = ReferenceCase();

        var quality = ImageQuality.Measure(truth, truth.Clone(), hole);

        Assert.Equal(1, quality.Ssim, 12);
        Assert.Equal(0, quality.L1);
        Assert.Equal(ImageQuality.IdenticalPsnr, quality.Psnr);
        Assert.Equal(0, quality.GrayRelativeL1);
    }

    [Fact]
    public void Hole_measures_ignore_known_pixels()
    {
        var (truth, result, hole) = ReferenceCase();
        var before = ImageQuality.Measure(truth, result, hole);

        result.Pixels[0] = (byte)(result.Pixels[0] ^ 0xFF); // pixel (0, 0) is outside the hole
        var after = ImageQuality.Measure(truth, result, hole);

        Assert.Equal(before.HoleL1, after.HoleL1);
        Assert.Equal(before.HolePsnr, after.HolePsnr);
        Assert.NotEqual(before.L1, after.L1);
    }

    [Fact]
    public void Images_of_different_sizes_are_refused_naming_both()
    {
        var (truth, _, hole) = ReferenceCase();

        var error = Assert.Throws<ArgumentException>(() => ImageQuality.Measure(truth, new RgbImage(20, 20), hole));

        Assert.Contains("24x20", error.Message);
        Assert.Contains("20x20", error.Message);
    }

    [Fact]
    public void The_accumulator_averages_over_images_and_reset_clears_it()
    {
        var (truth, result, hole) = ReferenceCase();
        var accumulator = new QualityAccumulator();
        accumulator.Add(ImageQuality.Measure(truth, result, hole));
        accumulator.Add(ImageQuality.Measure(truth, truth.Clone(), hole));

        var summary = accumulator.Compute();

        Assert.Equal(2, summary.Images);
        Assert.Equal(0.069242919 / 2, summary.L1, 6);
        Assert.Equal((0.918754560 + 1) / 2, summary.Ssim, 5);
        accumulator.Reset();
        Assert.Equal(0, accumulator.Count);
        Assert.Throws<InvalidOperationException>(() => accumulator.Compute());
    }

    [Theory]
    [InlineData(0.0, "0-10%")]
    [InlineData(0.0999, "0-10%")]
    [InlineData(0.1, "10-20%")]
    [InlineData(0.25, "20-30%")]
    [InlineData(0.3, "30-40%")]
    [InlineData(0.59, "50-60%")]
    [InlineData(0.6, ">60%")]
    [InlineData(1.0, ">60%")]
    public void Hole_areas_fall_into_lama_style_bins(double fraction, string bin)
    {
        Assert.Equal(bin, AreaBins.Names[AreaBins.Of(fraction)]);
    }
}
