using SkiaSharp;

namespace TextInpaint.Imaging;

/// <summary>
/// Reading and writing image files (PNG, JPEG, WebP, BMP, GIF). Every failure is a
/// <see cref="UserInputException"/> that names the file; writes go to a temporary file that
/// replaces the target only when complete.
/// </summary>
public static class ImageFiles
{
    /// <summary>
    /// Images larger than this many pixels are refused before decoding (100 megapixels, e.g.
    /// 10,000 x 10,000). An inpainting job holds about 11 bytes per pixel at its peak (the decoded
    /// bitmap, the RGB image, the result and the bitmap it is encoded from): a 16k x 16k image
    /// took 2.9 GB, a 10k x 10k one 1.3 GB.
    /// </summary>
    public const long MaxPixels = 100_000_000;

    /// <summary>An image file as RGB; alpha is dropped from un-premultiplied pixels, so colour stays as drawn.</summary>
    public static RgbImage Load(string path)
    {
        using var bitmap = Decode(path);
        return FromBitmap(bitmap);
    }

    /// <summary>Loads a mask image: a pixel is a hole where its luminance is at least half.</summary>
    public static Mask LoadMask(string path) => MaskOf(Load(path));

    /// <summary>A mask from a picture of one: a pixel is a hole where its luminance is at least half.</summary>
    public static Mask MaskOf(RgbImage image)
    {
        var mask = new Mask(image.Width, image.Height);
        var p = image.Pixels;
        for (int i = 0; i < mask.Hole.Length; i++)
            mask.Hole[i] = 0.299 * p[3 * i] + 0.587 * p[3 * i + 1] + 0.114 * p[3 * i + 2] >= 127.5;
        return mask;
    }

    /// <summary>Writes PNG, JPEG (quality 95) or WebP (quality 95) as the file's extension says.</summary>
    public static void Save(RgbImage image, string path)
    {
        var (format, quality) = FormatOf(path);
        using var bitmap = ToBitmap(image);
        using var data = bitmap.Encode(format, quality)
            ?? throw new UserInputException($"{path}: the image could not be encoded as {format}.");
        AtomicFile.Write(path, stream => data.SaveTo(stream));
    }

    /// <summary>The encoder for a file name; an extension other than .png, .jpg, .jpeg or .webp is refused.</summary>
    public static (SKEncodedImageFormat Format, int Quality) FormatOf(string path) =>
        Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".png" => (SKEncodedImageFormat.Png, 100),
            ".jpg" or ".jpeg" => (SKEncodedImageFormat.Jpeg, 95),
            ".webp" => (SKEncodedImageFormat.Webp, 95),
            var other => throw new UserInputException(
                $"{path}: cannot write images of type '{(other.Length == 0 ? "(no extension)" : other)}'; use .png, .jpg or .webp."),
        };

    public static void SavePng(RgbImage image, string path)
    {
        using var bitmap = ToBitmap(image);
        SavePng(bitmap, path);
    }

    public static void SavePng(Mask mask, string path)
    {
        var image = new RgbImage(mask.Width, mask.Height);
        for (int i = 0; i < mask.Hole.Length; i++)
        {
            byte v = mask.Hole[i] ? (byte)255 : (byte)0;
            image.Pixels[3 * i] = image.Pixels[3 * i + 1] = image.Pixels[3 * i + 2] = v;
        }
        SavePng(image, path);
    }

    public static void SavePng(SKBitmap bitmap, string path)
    {
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100)
            ?? throw new UserInputException($"{path}: the image could not be encoded as PNG.");
        AtomicFile.Write(path, stream => data.SaveTo(stream));
    }

    public static SKBitmap ToBitmap(RgbImage image)
    {
        var bitmap = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        var dst = bitmap.GetPixelSpan();
        var src = image.Pixels;
        for (int i = 0, j = 0; j < src.Length; i += 4, j += 3)
        {
            dst[i] = src[j];
            dst[i + 1] = src[j + 1];
            dst[i + 2] = src[j + 2];
            dst[i + 3] = 255;
        }
        return bitmap;
    }

    public static RgbImage FromBitmap(SKBitmap bitmap)
    {
        using var rgba = bitmap.ColorType == SKColorType.Rgba8888 && bitmap.AlphaType != SKAlphaType.Premul
            ? null
            : Convert(bitmap);
        var source = rgba ?? bitmap;
        var image = new RgbImage(source.Width, source.Height);
        var src = source.GetPixelSpan();
        for (int i = 0, j = 0; j < image.Pixels.Length; i += 4, j += 3)
        {
            image.Pixels[j] = src[i];
            image.Pixels[j + 1] = src[i + 1];
            image.Pixels[j + 2] = src[i + 2];
        }
        return image;
    }

    private static SKBitmap Convert(SKBitmap bitmap)
    {
        var converted = new SKBitmap(new SKImageInfo(bitmap.Width, bitmap.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        if (!bitmap.CopyTo(converted, SKColorType.Rgba8888))
            using (var canvas = new SKCanvas(converted))
                canvas.DrawBitmap(bitmap, 0, 0);
        return converted;
    }

    /// <summary>
    /// The pixels as they are meant to be seen: a JPEG's EXIF orientation (a camera held sideways)
    /// applied, so that boxes and masks are read in the coordinates a person sees.
    /// </summary>
    internal static SKBitmap Oriented(SKBitmap stored, SKEncodedOrigin origin)
    {
        int w = stored.Width, h = stored.Height;
        bool swaps = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var shown = new SKBitmap(new SKImageInfo(swaps ? h : w, swaps ? w : h, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        var src = stored.GetPixelSpan();
        var dst = shown.GetPixelSpan();
        int shownWidth = shown.Width;
        for (int y = 0; y < shown.Height; y++)
            for (int x = 0; x < shownWidth; x++)
            {
                var (sx, sy) = origin switch
                {
                    SKEncodedOrigin.TopRight => (w - 1 - x, y),
                    SKEncodedOrigin.BottomRight => (w - 1 - x, h - 1 - y),
                    SKEncodedOrigin.BottomLeft => (x, h - 1 - y),
                    SKEncodedOrigin.LeftTop => (y, x),
                    SKEncodedOrigin.RightTop => (y, h - 1 - x),
                    SKEncodedOrigin.RightBottom => (w - 1 - y, h - 1 - x),
                    SKEncodedOrigin.LeftBottom => (w - 1 - y, x),
                    _ => (x, y),
                };
                src.Slice(4 * (sy * w + sx), 4).CopyTo(dst.Slice(4 * (y * shownWidth + x), 4));
            }
        return shown;
    }

    private static SKBitmap Decode(string path)
    {
        var bytes = UserFiles.ReadAllBytes(path, UserFiles.MaxImageBytes, "image file");
        return ImageBytes.DecodeBitmap(bytes, path, MaxPixels);
    }
}
