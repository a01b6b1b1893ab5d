using TextInpaint.Imaging;

namespace TextInpaint.Tests.Imaging;

public sealed class ImageOrientationTests
{
    /// <summary>A JPEG with an EXIF APP1 segment whose only tag is Orientation (0x0112) = <paramref name="orientation"/>.</summary>
    private static byte[] JpegWithOrientation(RgbImage image, ushort orientation)
    {
        using var temp = new TempFolder();
        var path = temp.Combine("plain.jpg");
        ImageFiles.Save(image, path);
        var jpeg = File.ReadAllBytes(path);
        byte[] tiff =
        [
            (byte)'I', (byte)'I', 42, 0, 8, 0, 0, 0, // little-endian TIFF header, first IFD at 8
            1, 0,                                    // one entry
            0x12, 0x01, 3, 0, 1, 0, 0, 0, (byte)orientation, 0, 0, 0, // Orientation, SHORT, 1 value
            0, 0, 0, 0,                              // no next IFD
        ];
        byte[] exif = [.. "Exif\0\0"u8.ToArray(), .. tiff];
        int length = exif.Length + 2;
        byte[] app1 = [0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. exif];
        return [.. jpeg[..2], .. app1, .. jpeg[2..]];
    }

    [Fact]
    public void A_jpeg_taken_sideways_is_read_as_it_is_shown()
    {
        var stored = new RgbImage(32, 16);
        for (int y = 0; y < 16; y++)
            for (int x = 0; x < 32; x++)
                stored[x, y] = x < 16 ? ((byte)220, (byte)20, (byte)20) : ((byte)20, (byte)20, (byte)220);
        using var temp = new TempFolder();
        var path = temp.Combine("sideways.jpg");
        File.WriteAllBytes(path, JpegWithOrientation(stored, orientation: 6));

        var shown = ImageFiles.Load(path);

        // Orientation 6: the stored image is turned a quarter clockwise, so its left half is on top.
        Assert.Equal((16, 32), (shown.Width, shown.Height));
        Assert.True(shown[8, 4].R > 150 && shown[8, 4].B < 100, "the top should be red");
        Assert.True(shown[8, 28].B > 150 && shown[8, 28].R < 100, "the bottom should be blue");
    }
}
