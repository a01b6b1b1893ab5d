using System.Buffers.Binary;
using System.Text;
using SkiaSharp;

namespace TextInpaint.Imaging;

/// <summary>
/// Images held in memory as encoded bytes (an upload, a response). The kind is read from the bytes
/// themselves, never from a file name or a declared content type; only PNG, JPEG, WebP, BMP and GIF
/// are accepted. Every failure is a <see cref="UserInputException"/> that starts with the given name.
/// </summary>
public static class ImageBytes
{
    private static readonly SKEncodedImageFormat[] Accepted =
        [SKEncodedImageFormat.Png, SKEncodedImageFormat.Jpeg, SKEncodedImageFormat.Webp, SKEncodedImageFormat.Bmp, SKEncodedImageFormat.Gif];

    /// <summary>Decodes to RGB (alpha dropped), refusing an image of more than <paramref name="maxPixels"/> pixels before decoding it.</summary>
    public static RgbImage Decode(byte[] bytes, string name, long maxPixels = ImageFiles.MaxPixels)
    {
        using var bitmap = DecodeBitmap(bytes, name, maxPixels);
        return ImageFiles.FromBitmap(bitmap);
    }

    /// <summary>Decodes a mask image: a pixel is a hole where its luminance is at least half (white = hole).</summary>
    public static Mask DecodeMask(byte[] bytes, string name, long maxPixels = ImageFiles.MaxPixels) =>
        ImageFiles.MaskOf(Decode(bytes, name, maxPixels));

    /// <summary>
    /// The size an image will have once decoded (a JPEG's EXIF orientation applied), read from its
    /// header only: refuses, as <see cref="Decode"/> would, bytes that are not an accepted image or
    /// an image of more than <paramref name="maxPixels"/> pixels, without decoding a pixel.
    /// </summary>
    public static (int Width, int Height) Measure(byte[] bytes, string name, long maxPixels = ImageFiles.MaxPixels)
    {
        using var data = SKData.CreateCopy(bytes);
        using var codec = Open(data, bytes, name);
        RequireWithin(codec, name, maxPixels);
        bool turned = codec.EncodedOrigin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        return turned ? (codec.Info.Height, codec.Info.Width) : (codec.Info.Width, codec.Info.Height);
    }

    private static void RequireWithin(SKCodec codec, string name, long maxPixels)
    {
        var size = codec.Info;
        if ((long)size.Width * size.Height > maxPixels)
            throw new UserInputException($"{name}: {size.Width}x{size.Height} is larger than the limit of {maxPixels:N0} pixels.");
    }

    internal static SKBitmap DecodeBitmap(byte[] bytes, string name, long maxPixels)
    {
        using var data = SKData.CreateCopy(bytes);
        using var codec = Open(data, bytes, name);
        RequireWithin(codec, name, maxPixels);
        var size = codec.Info;

        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result == SKCodecResult.Success)
        {
            if (codec.EncodedOrigin is SKEncodedOrigin.TopLeft or SKEncodedOrigin.Default)
                return bitmap;
            using (bitmap)
                return ImageFiles.Oriented(bitmap, codec.EncodedOrigin);
        }
        bitmap.Dispose();
        throw new UserInputException(result == SKCodecResult.IncompleteInput
            ? $"{name}: the image is truncated (the file ends before the picture does)."
            : $"{name}: the image could not be decoded ({result}).");
    }

    private static SKCodec Open(SKData data, byte[] bytes, string name)
    {
        if (bytes.Length == 0)
            throw new UserInputException($"{name}: the file is empty, not an image.");
        var codec = SKCodec.Create(data);
        if (codec is null && PngSize(bytes) is var (width, height) && Math.Max(width, height) > PngSideLimit)
            throw new UserInputException($"{name}: a {width:N0}x{height:N0} PNG; PNGs wider or taller than {PngSideLimit:N0} pixels cannot be "
                + $"decoded (the PNG decoder's limit).");
        if (codec is null || !Accepted.Contains(codec.EncodedFormat))
        {
            codec?.Dispose();
            throw new UserInputException($"{name}: not an image that can be read (PNG, JPEG, WebP, BMP or GIF expected).");
        }
        return codec;
    }

    /// <summary>The widest or tallest PNG the decoder (libpng's default user limit) reads.</summary>
    public const long PngSideLimit = 1_000_000;

    /// <summary>Width and height from a PNG's header chunk, or null when the bytes do not start like a PNG.</summary>
    private static (long Width, long Height)? PngSize(byte[] bytes)
    {
        ReadOnlySpan<byte> signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
        if (bytes.Length < 24 || !bytes.AsSpan(0, 8).SequenceEqual(signature) || !bytes.AsSpan(12, 4).SequenceEqual("IHDR"u8))
            return null;
        return (BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(20)));
    }

    /// <summary>
    /// Encodes as PNG, quickly (for answers on the wire, not for archives), with one text chunk per entry (keyword, text) right after the header
    /// chunk: <c>tEXt</c> (Latin-1) when the text is Latin-1, otherwise <c>iTXt</c> (UTF-8), so that no letter is lost.
    /// </summary>
    public static byte[] EncodePng(RgbImage image, IReadOnlyList<KeyValuePair<string, string>>? text = null)
    {
        using var bitmap = ImageFiles.ToBitmap(image);
        using var pixels = bitmap.PeekPixels();
        // zlib level 1 with the Sub filter: these answers travel over loopback, where encoding time counts more than size.
        using var data = pixels.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.Sub, 1))
            ?? throw new InvalidOperationException("SkiaSharp could not encode a PNG.");
        var png = data.ToArray();
        if (text is null || text.Count == 0)
            return png;

        // The signature (8 bytes) and the IHDR chunk (4 length + 4 type + 13 data + 4 CRC) come first.
        const int afterHeader = 8 + 4 + 4 + 13 + 4;
        using var output = new MemoryStream(png.Length + 256);
        output.Write(png, 0, afterHeader);
        foreach (var (keyword, value) in text)
            WriteTextChunk(output, keyword, value);
        output.Write(png, afterHeader, png.Length - afterHeader);
        return output.ToArray();
    }

    private static void WriteTextChunk(Stream output, string keyword, string value)
    {
        if (keyword.Length is 0 or > 79 || keyword.Any(c => c < 32 || c > 126))
            throw new ArgumentException($"a PNG text keyword has 1 to 79 printable Latin-1 characters: '{keyword}'", nameof(keyword));
        // NUL separates a chunk's fields, so it never appears in the text itself.
        value = value.Replace('\0', '?');
        bool latin1 = value.All(c => c <= 0xFF);
        using var chunk = new MemoryStream();
        chunk.Write(latin1 ? "tEXt"u8 : "iTXt"u8);
        chunk.Write(Encoding.ASCII.GetBytes(keyword));
        chunk.WriteByte(0);
        if (!latin1)
            chunk.Write([0, 0, 0, 0]); // not compressed, compression method 0, no language tag, no translated keyword
        chunk.Write(latin1 ? Encoding.Latin1.GetBytes(value) : Encoding.UTF8.GetBytes(value));
        var bytes = chunk.ToArray();
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, bytes.Length - 4);
        output.Write(number);
        output.Write(bytes);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(bytes));
        output.Write(number);
    }

    private static readonly uint[] CrcTable = Enumerable.Range(0, 256).Select(n =>
    {
        uint c = (uint)n;
        for (int k = 0; k < 8; k++)
            c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        return c;
    }).ToArray();

    /// <summary>The CRC-32 of a PNG chunk (ISO 3309, over the chunk's type and data).</summary>
    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        uint c = 0xFFFFFFFFu;
        foreach (var b in bytes)
            c = CrcTable[(c ^ b) & 0xFF] ^ (c >> 8);
        return c ^ 0xFFFFFFFFu;
    }
}
