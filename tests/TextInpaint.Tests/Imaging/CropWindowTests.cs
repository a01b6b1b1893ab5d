using TextInpaint.Imaging;

namespace TextInpaint.Tests.Imaging;

public sealed class CropWindowTests
{
    [Fact]
    public void The_window_is_twice_the_hole_centred_on_it()
    {
        var window = CropWindow.Around(Mask.Box(200, 200, 80, 90, 20, 10));

        Assert.Equal(new CropWindow(70, 75, 40), window);
    }

    [Fact]
    public void Near_a_border_the_window_moves_inside_the_image()
    {
        var window = CropWindow.Around(Mask.Box(300, 100, 280, 5, 20, 20))!;

        Assert.Equal(40, window.Side);
        Assert.Equal((260, 0), (window.X, window.Y));
    }

    [Fact]
    public void A_window_larger_than_the_image_reaches_past_both_borders_equally_and_replicates_them()
    {
        var image = new RgbImage(10, 4);
        image[0, 0] = (200, 10, 10);
        var mask = Mask.Box(10, 4, 2, 0, 8, 4);

        var window = CropWindow.Around(mask)!;
        var cut = window.Cut(image);
        var cutMask = window.Cut(mask);

        Assert.Equal(new CropWindow(-3, -6, 16), window);
        Assert.Equal((200, 10, 10), cut[0, 0]);
        Assert.False(cutMask[5, 0]);
        Assert.True(cutMask[5, 8]);
    }

    [Fact]
    public void No_hole_no_window() => Assert.Null(CropWindow.Around(new Mask(8, 8)));

    [Fact]
    public void Reducing_a_mask_keeps_every_hole_pixel_a_hole()
    {
        var mask = new Mask(100, 100);
        mask[57, 31] = true;

        var reduced = MaskOps.ResizeCovering(mask, 10, 10);

        Assert.Equal(1, reduced.Hole.Count(h => h));
        Assert.True(reduced[5, 3]);
    }
}
