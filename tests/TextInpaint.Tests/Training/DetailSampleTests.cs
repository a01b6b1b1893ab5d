using TextInpaint.Data.Batching;
using TextInpaint.Imaging;
using TextInpaint.Text;
using TextInpaint.Training;

namespace TextInpaint.Tests.Training;

public sealed class DetailSampleTests
{
    private static InpaintingSample Window(Mask hole) =>
        new(0, new RgbImage(hole.Width, hole.Height), hole, "a bird", new EncodedCaption(new long[16], 1, []), 0, false);

    [Theory]
    [InlineData(0, 0, 1, 1)]
    [InlineData(120, 5, 8, 3)]
    [InlineData(60, 60, 40, 40)]
    public void A_crop_lies_in_the_window_and_holds_a_hole_pixel(int x, int y, int width, int height)
    {
        var hole = Mask.Box(128, 128, x, y, width, height);

        for (int seed = 0; seed < 50; seed++)
        {
            var sample = DetailSample.Of(Window(hole), baseSize: 32, crop: 48, new Random(seed));

            Assert.InRange(sample.CropX, 0, 128 - 48);
            Assert.InRange(sample.CropY, 0, 128 - 48);
            Assert.True(x < sample.CropX + 48 && sample.CropX < x + width && y < sample.CropY + 48 && sample.CropY < y + height,
                $"the crop at ({sample.CropX}, {sample.CropY}) misses the hole");
        }
    }

    [Fact]
    public void The_base_sees_the_window_at_its_own_side_with_the_hole_covered()
    {
        var hole = Mask.Box(128, 128, 62, 30, 4, 4);

        var sample = DetailSample.Of(Window(hole), baseSize: 32, crop: 128, new Random(1));

        Assert.Equal((32, 32), (sample.BaseInput.Width, sample.BaseInput.Height));
        Assert.Equal((0, 0), (sample.CropX, sample.CropY));
        // The 4x4 hole straddles two base pixels each way: all four are holes.
        Assert.Equal(4, sample.BaseHole.Hole.Count(h => h));
        Assert.True(sample.BaseHole[15, 7] && sample.BaseHole[16, 8]);
    }
}
