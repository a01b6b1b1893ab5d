using System.Buffers.Binary;
using System.Text;
using TextInpaint.Imaging;

namespace TextInpaint.Tests.Imaging;

public sealed class ImageBytesTests
{
    private static RgbImage Gradient(int width, int height)
    {
        var image = new RgbImage(width, height);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                image[x, y] = ((byte)(x * 7), (byte)(y * 11), (byte)(x + y));
        return image;
    }

    /// <summary>CRC-32 as the PNG specification's annex defines it, bit by bit.</summary>
    private static uint Crc(ReadOnlySpan<byte> bytes)
    {
        uint c = uint.MaxValue;
        foreach (var b in bytes)
        {
            c ^= b;
            for (int k = 0; k < 8; k++)
                c = (c >> 1) ^ (0xEDB88320u & (uint)-(int)(c & 1));
        }
        return ~c;
    }

    /// <summary>The (type, data) of each chunk of a PNG, each chunk's CRC checked.</summary>
    private static List<(string Type, byte[] Data)> Chunks(byte[] png)
    {
        var chunks = new List<(string, byte[])>();
        for (int at = 8; at < png.Length;)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            var type = Encoding.ASCII.GetString(png, at + 4, 4);
            chunks.Add((type, png.AsSpan(at + 8, length).ToArray()));
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at + 8 + length));
            Assert.Equal(Crc(png.AsSpan(at + 4, 4 + length)), crc);
            at += 12 + length;
        }
        return chunks;
    }

    [Fact]
    public void A_png_round_trips_byte_for_byte_with_its_text_chunks()
    {
        var image = Gradient(37, 23);

        var png = ImageBytes.EncodePng(image, [new("Caption", "a bird with a red crown"), new("Seed", "7")]);

        Assert.Equal(image.Pixels, ImageBytes.Decode(png, "result").Pixels);
        var texts = Chunks(png).Where(c => c.Type == "tEXt").Select(c => Encoding.Latin1.GetString(c.Data)).ToArray();
        Assert.Equal(["Caption\0a bird with a red crown", "Seed\07"], texts);
        Assert.Equal("IHDR", Chunks(png)[0].Type);
        Assert.Equal("IEND", Chunks(png)[^1].Type);
    }

    [Fact]
    public void Text_outside_latin_1_goes_into_an_itxt_chunk_as_utf_8()
    {
        var png = ImageBytes.EncodePng(Gradient(8, 8), [new("Caption", "oiseau à la calotte rouge"), new("Caption", "红色的头冠 🐦")]);

        var chunks = Chunks(png);
        Assert.Equal("Caption\0oiseau à la calotte rouge", Encoding.Latin1.GetString(chunks.Single(c => c.Type == "tEXt").Data));
        Assert.Equal("Caption\0\0\0\0\0红色的头冠 🐦", Encoding.UTF8.GetString(chunks.Single(c => c.Type == "iTXt").Data));
    }

    [Theory]
    [InlineData(new byte[0], "empty")]
    [InlineData(new byte[] { 0x3C, 0x68, 0x74, 0x6D, 0x6C, 0x3E }, "not an image")]
    public void Bytes_that_are_not_an_image_are_refused_with_the_name(byte[] bytes, string problem)
    {
        var error = Assert.Throws<UserInputException>(() => ImageBytes.Decode(bytes, "upload"));

        Assert.StartsWith("upload: ", error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void A_truncated_png_is_refused()
    {
        var png = ImageBytes.EncodePng(Gradient(64, 64));

        var error = Assert.Throws<UserInputException>(() => ImageBytes.Decode(png[..(png.Length / 2)], "upload"));

        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void An_image_over_the_pixel_limit_is_refused_from_its_header()
    {
        var png = ImageBytes.EncodePng(Gradient(40, 30));

        var error = Assert.Throws<UserInputException>(() => ImageBytes.Decode(png, "upload", maxPixels: 1_199));

        Assert.Contains("40x30 is larger than the limit of 1,199 pixels", error.Message);
    }

    [Fact]
    public void A_file_over_100_megapixels_is_refused_from_its_header_before_any_decoding()
    {
        // A 4x4 PNG whose header claims 10,001 x 10,000: decoding it would take about 1.1 GB.
        var png = ImageBytes.EncodePng(Gradient(4, 4));
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), 10_001);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), 10_000);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(29), Crc(png.AsSpan(12, 17)));
        using var temp = new TempFolder();
        var path = temp.Combine("claims-100-megapixels.png");
        File.WriteAllBytes(path, png);

        var error = Assert.Throws<UserInputException>(() => ImageFiles.Load(path));

        Assert.Equal($"{path}: 10001x10000 is larger than the limit of 100,000,000 pixels.", error.Message);
    }

    [Fact]
    public void A_mask_is_white_where_the_hole_is()
    {
        var picture = new RgbImage(4, 1);
        picture[1, 0] = (255, 255, 255);
        picture[2, 0] = (200, 200, 200);
        picture[3, 0] = (100, 100, 100);

        var mask = ImageBytes.DecodeMask(ImageBytes.EncodePng(picture), "mask");

        Assert.Equal([false, true, true, false], mask.Hole);
    }
}
