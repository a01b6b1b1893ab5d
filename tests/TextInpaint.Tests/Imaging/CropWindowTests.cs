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
    public void The_whole_pictures_square_is_its_longer_side_centred_on_it()
    {
        Assert.Equal(new CropWindow(0, -50, 300), CropWindow.Whole(300, 200));
        Assert.Equal(new CropWindow(-2, 0, 9), CropWindow.Whole(4, 9));
    }

    [Fact]
    public void A_picture_at_the_models_side_greys_its_hole_and_shows_what_lies_outside_the_window()
    {
        var image = new RgbImage(40, 20);
        for (int x = 0; x < 10; x++)
            for (int y = 0; y < 20; y++)
                image[x, y] = (250, 0, 0);   // a red band at the left, far from the hole
        for (int x = 30; x < 36; x++)
            for (int y = 8; y < 14; y++)
                image[x, y] = (0, 0, 250);   // blue under the hole
        var mask = Mask.Box(40, 20, 30, 8, 6, 6);

        var window = ModelWindow.Around(mask, 10)!;
        var picture = ModelWindow.Picture(image, mask, 10);
        var truth = ModelWindow.Picture(image, mask, 10, truth: true);

        Assert.DoesNotContain(window.Input(image, mask).Pixels.Chunk(3), p => p[0] > 200);
        Assert.Equal((10, 10), (picture.Image.Width, picture.Image.Height));
        Assert.True(picture.Image[0, 5].R > 200, "the red band outside the window is in the picture");
        Assert.True(picture.Hole[8, 5] && !picture.Hole[5, 5]);
        Assert.DoesNotContain(picture.Image.Pixels.Chunk(3), p => p[2] > 200);
        Assert.Equal(picture.Hole.Hole, truth.Hole.Hole);
        Assert.True(truth.Image[8, 5].B > 200, "for training the hole holds the truth");
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
