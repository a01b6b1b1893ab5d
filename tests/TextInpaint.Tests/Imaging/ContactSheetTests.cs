using SkiaSharp;
using TextInpaint.Imaging;

namespace TextInpaint.Tests.Imaging;

public sealed class ContactSheetTests
{
    private static RgbImage Solid(int size, byte r, byte g, byte b)
    {
        var image = new RgbImage(size, size);
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
                image[x, y] = (r, g, b);
        return image;
    }

    [Fact]
    public void Cells_are_laid_out_in_rows_with_images_enlarged_and_captions_drawn_below()
    {
        var cells = Enumerable.Range(0, 3).Select(_ => new SheetCell(
            [new SheetImage(Solid(16, 255, 0, 0), "input"), new SheetImage(Solid(16, 0, 0, 255), "output", DisplayHeight: 32)],
            "a caption long enough to wrap over more than a single line of text under the images")).ToList();
        var options = new ContactSheetOptions(Columns: 2, ImageHeight: 64, Padding: 8);

        var sheet = ContactSheet.Render(cells, options);

        int cellWidth = 64 + 8 + 32;
        Assert.Equal(8 + 2 * (cellWidth + 8), sheet.Width);
        // The first image is enlarged to 64 pixels: red across that whole square.
        int top = FindFirstRow(sheet, 8 + 32, (255, 0, 0));
        Assert.True(top > 0);
        Assert.Equal((255, 0, 0), sheet[8 + 63, top + 63]);
        Assert.NotEqual((255, 0, 0), sheet[8 + 64, top + 63]);
        // Caption text: dark pixels below the images.
        bool dark = false;
        for (int y = top + 64; y < top + 120 && y < sheet.Height; y++)
            for (int x = 8; x < 8 + cellWidth; x++)
                dark |= sheet[x, y].R < 100 && sheet[x, y].G < 100;
        Assert.True(dark);
    }

    [Fact]
    public void Long_captions_wrap_within_the_width_and_stop_at_the_line_limit()
    {
        using var font = new SKFont(SKTypeface.Default, 12);
        var words = string.Join(' ', Enumerable.Repeat("feathers", 60));
        var lines = ContactSheet.Wrap(words, font, 100, maxLines: 3);
        Assert.Equal(3, lines.Count);
        Assert.EndsWith("…", lines[^1]);
        Assert.All(lines, line => Assert.True(font.MeasureText(line) <= 100));
    }

    [Fact]
    public void A_line_break_in_a_caption_starts_a_new_line()
    {
        using var font = new SKFont(SKTypeface.Default, 12);

        Assert.Equal(["true: red crown", "edited: blue crown"], ContactSheet.Wrap("true: red crown\nedited: blue crown\n", font, 400, maxLines: 4));
        Assert.Equal(["a", "b c"], ContactSheet.Wrap("a\r\nb\nc", font, 400, maxLines: 2));
    }

    private static int FindFirstRow(RgbImage image, int x, (byte, byte, byte) color)
    {
        for (int y = 0; y < image.Height; y++)
            if (image[x, y] == color)
                return y;
        return -1;
    }
}
