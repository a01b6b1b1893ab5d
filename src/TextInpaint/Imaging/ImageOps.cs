using SkiaSharp;

namespace TextInpaint.Imaging;

/// <summary>Geometry on <see cref="RgbImage"/>: crops and resizes.</summary>
public static class ImageOps
{
    /// <summary>Crops a rectangle; parts outside the image are filled by replicating the border.</summary>
    public static RgbImage Crop(RgbImage image, int x, int y, int width, int height)
    {
        var result = new RgbImage(width, height);
        for (int row = 0; row < height; row++)
        {
            int sy = Math.Clamp(y + row, 0, image.Height - 1);
            for (int col = 0; col < width; col++)
            {
                int sx = Math.Clamp(x + col, 0, image.Width - 1);
                int s = (sy * image.Width + sx) * 3, d = (row * width + col) * 3;
                result.Pixels[d] = image.Pixels[s];
                result.Pixels[d + 1] = image.Pixels[s + 1];
                result.Pixels[d + 2] = image.Pixels[s + 2];
            }
        }
        return result;
    }

    /// <summary>Resizes with linear filtering and mipmaps, which also suits large reductions.</summary>
    public static RgbImage Resize(RgbImage image, int width, int height)
    {
        if (image.Width == width && image.Height == height) return image.Clone();
        using var source = ImageFiles.ToBitmap(image);
        using var resized = source.Resize(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul),
            new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        return ImageFiles.FromBitmap(resized);
    }

    /// <summary>Resizes a mask by nearest neighbour, so it stays binary.</summary>
    public static Mask Resize(Mask mask, int width, int height)
    {
        var result = new Mask(width, height);
        for (int y = 0; y < height; y++)
        {
            int sy = Math.Min(mask.Height - 1, (int)((y + 0.5) * mask.Height / height));
            for (int x = 0; x < width; x++)
                result[x, y] = mask[Math.Min(mask.Width - 1, (int)((x + 0.5) * mask.Width / width)), sy];
        }
        return result;
    }

    /// <summary>Centre crop to a square, then resize to size × size.</summary>
    public static RgbImage SquareResize(RgbImage image, int size)
    {
        int side = Math.Min(image.Width, image.Height);
        var square = side == image.Width && side == image.Height
            ? image
            : Crop(image, (image.Width - side) / 2, (image.Height - side) / 2, side, side);
        return Resize(square, size, size);
    }
}
