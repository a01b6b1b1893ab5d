using TextInpaint.Baselines;
using TextInpaint.Imaging;

namespace TextInpaint.Tests.Baselines;

public sealed class SmoothFillBlendTests
{
    /// <summary>A sky from light to dark blue, top to bottom.</summary>
    private static RgbImage Sky(int size)
    {
        var sky = new RgbImage(size, size);
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
                sky[x, y] = ((byte)(60 + y / 2), (byte)(110 + y / 3), 220);
        return sky;
    }

    /// <summary>A copy of <paramref name="filled"/> blended.</summary>
    private static RgbImage Blended(RgbImage filled, RgbImage image, Mask mask)
    {
        var result = filled.Clone();
        SmoothFillBlend.BlendInto(result, image, mask);
        return result;
    }

    /// <summary><paramref name="image"/> with every hole pixel of <paramref name="mask"/> set by <paramref name="colour"/>.</summary>
    private static RgbImage Painted(RgbImage image, Mask mask, Func<int, int, (byte, byte, byte)> colour)
    {
        var result = image.Clone();
        for (int y = 0; y < image.Height; y++)
            for (int x = 0; x < image.Width; x++)
                if (mask.Hole[y * image.Width + x])
                    result[x, y] = colour(x, y);
        return result;
    }

    [Fact]
    public void A_fill_that_agrees_with_the_smooth_fill_becomes_it_and_the_known_pixels_stay()
    {
        var sky = Sky(128);
        var hole = Mask.Box(128, 128, 40, 30, 48, 40);
        var smooth = OpenCvInpainter.NavierStokes.Inpaint(sky, hole);
        // The model's fill: the sky, off by a few levels here and there, as a stretched 64x64 fill is.
        var noisy = Painted(sky, hole, (x, y) =>
        {
            var (r, g, b) = sky[x, y];
            int off = (x * 7 + y * 13) % 9 - 4;
            return ((byte)(r + off), (byte)(g - off), (byte)(b + off));
        });

        var blended = Blended(noisy, MaskOps.GreyOut(sky, hole), hole);

        Assert.Equal(smooth.Pixels, blended.Pixels);
    }

    [Fact]
    public void A_fill_that_paints_something_else_is_kept_as_it_is()
    {
        var sky = Sky(128);
        var hole = Mask.Box(128, 128, 40, 30, 48, 40);
        var red = Painted(sky, hole, (_, _) => (200, 40, 30));

        var blended = Blended(red, MaskOps.GreyOut(sky, hole), hole);

        Assert.Equal(red.Pixels, blended.Pixels);
    }

    [Fact]
    public void Between_agreeing_and_differing_the_fill_and_the_smooth_fill_are_mixed()
    {
        var grey = new RgbImage(64, 64);
        Array.Fill(grey.Pixels, (byte)128);
        var hole = Mask.Box(64, 64, 16, 16, 32, 32);
        // A mean difference of 0.1 (25.5 levels): the gate is (0.15 - 0.1) / (0.15 - 0.06) = 5/9 of the smooth fill.
        var lighter = Painted(grey, hole, (_, _) => (154, 154, 154));

        var blended = Blended(lighter, grey, hole);

        double difference = (154 - 128) / 255.0, gate = (SmoothFillBlend.Differ - difference) / (SmoothFillBlend.Differ - SmoothFillBlend.Agree);
        Assert.Equal((byte)Math.Round(gate * 128 + (1 - gate) * 154), blended[32, 32].R);
        Assert.Equal((byte)128, blended[0, 0].R);
    }

    [Fact]
    public void Without_a_hole_with_nothing_around_it_or_with_a_box_too_large_the_fill_is_returned()
    {
        var image = new RgbImage(8, 8);
        new Random(1).NextBytes(image.Pixels);
        Assert.Equal(image.Pixels, Blended(image, new RgbImage(8, 8), new Mask(8, 8)).Pixels);
        var whole = new Mask(8, 8);
        Array.Fill(whole.Hole, true);
        Assert.Equal(image.Pixels, Blended(image, new RgbImage(8, 8), whole).Pixels);

        int side = (int)Math.Sqrt(SmoothFillBlend.LargestBox) + 1;
        var wide = new RgbImage(side, side + 1);
        Array.Fill(wide.Pixels, (byte)77);
        var allButARow = Mask.Box(side, side + 1, 0, 1, side, side);
        Assert.Equal(wide.Pixels, Blended(wide, new RgbImage(side, side + 1), allButARow).Pixels);
    }
}
