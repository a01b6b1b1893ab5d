using TextInpaint.Imaging;

namespace TextInpaint.Tests.Imaging;

public sealed class WindowResamplingTests
{
    private static RgbImage Gradient(int width, int height)
    {
        var image = new RgbImage(width, height);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                image[x, y] = ((byte)(x * 255 / width), (byte)(y * 255 / height), (byte)((x + y) % 7 * 30));
        return image;
    }

    [Fact]
    public void Shrinking_without_cutting_gives_what_cutting_and_resizing_gives_within_a_grey_level_or_two()
    {
        // A window of 3,000 pixels reaching past the image's bottom and left: both ways take it.
        var image = Gradient(2_000, 1_200);
        var mask = Mask.Box(2_000, 1_200, 0, 900, 1_500, 300);
        var window = new ModelWindow(CropWindow.Around(mask)!, 64);

        var cut = window.Input(image, mask);
        var shrunk = WindowResampling.Shrink(image, mask, window.Window, 64);

        Assert.True(window.Window.Side <= ModelWindow.LargestCutSide);
        double meanError = cut.Pixels.Zip(shrunk.Pixels, (a, b) => Math.Abs(a - b)).Average();
        Assert.True(meanError < 2, $"mean difference {meanError:0.00} grey levels");
        Assert.Equal(window.Hole(mask).Hole, WindowResampling.HoleCovering(mask, window.Window, 64).Hole);
    }

    [Fact]
    public void Pasting_back_without_enlarging_changes_the_hole_only_and_follows_the_model_output()
    {
        var image = Gradient(2_000, 1_200);
        var mask = Mask.Box(2_000, 1_200, 0, 900, 1_500, 300);
        var window = new ModelWindow(CropWindow.Around(mask)!, 64);
        var output = Gradient(64, 64);

        var enlarged = window.PasteBack(image, mask, output);
        var sampled = WindowResampling.PasteBack(image, mask, window.Window, output);

        for (int i = 0; i < mask.Hole.Length; i++)
            if (!mask.Hole[i])
                Assert.True(sampled.Pixels[3 * i] == image.Pixels[3 * i] && sampled.Pixels[3 * i + 2] == image.Pixels[3 * i + 2],
                    $"pixel {i} outside the hole changed");
        double meanError = enlarged.Pixels.Zip(sampled.Pixels, (a, b) => Math.Abs(a - b)).Average();
        Assert.True(meanError < 1, $"mean difference {meanError:0.00} grey levels");
    }

    [Fact]
    public void A_one_row_hole_across_a_wide_image_is_filled_in_memory_of_the_images_size()
    {
        var image = Gradient(16_000, 1_000);
        var mask = Mask.Box(16_000, 1_000, 0, 500, 16_000, 1);
        var window = ModelWindow.Around(mask, 64)!;
        // This thread's allocations only: tests of other classes run beside this one (the window's code runs on the calling thread).
        long before = GC.GetAllocatedBytesForCurrentThread();

        var input = window.Input(image, mask);
        var hole = window.Hole(mask);
        var result = window.PasteBack(image, mask, input);

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(32_000, window.Window.Side);
        Assert.Equal((64, 64), (input.Width, hole.Height));
        Assert.Equal((16_000, 1_000), (result.Width, result.Height));
        // The window would be 32,000² x 3 bytes (3 GB); the image and its copy are 96 MB.
        Assert.True(allocated < 200L << 20, $"{allocated:N0} bytes allocated");
    }
}
