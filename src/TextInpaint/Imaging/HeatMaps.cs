namespace TextInpaint.Imaging;

/// <summary>Attention maps drawn over the image they refer to.</summary>
public static class HeatMaps
{
    /// <summary>
    /// The image dimmed, with the attention map (grid × grid, row-major, summing to 1) in red on
    /// top, from its minimum to its maximum; a spread of less than four times the uniform weight
    /// is not stretched, so a word that attends everywhere alike shows little heat.
    /// </summary>
    public static RgbImage Overlay(RgbImage image, float[] map, int grid)
    {
        float min = map.Min(), range = Math.Max(4f / map.Length, map.Max() - min);
        var result = new RgbImage(image.Width, image.Height);
        for (int y = 0; y < image.Height; y++)
            for (int x = 0; x < image.Width; x++)
            {
                float heat = (map[Math.Min(grid - 1, y * grid / image.Height) * grid + Math.Min(grid - 1, x * grid / image.Width)] - min) / range;
                var (r, g, bl) = image[x, y];
                result[x, y] = (
                    (byte)Math.Clamp(0.35f * r + 0.65f * 255 * heat, 0, 255),
                    (byte)Math.Clamp(0.35f * g + 0.2f * 255 * heat, 0, 255),
                    (byte)Math.Clamp(0.35f * bl, 0, 255));
            }
        return result;
    }
}
