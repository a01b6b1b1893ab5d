namespace TextInpaint.Imaging;

/// <summary>Operations on masks that keep every hole pixel a hole.</summary>
public static class MaskOps
{
    /// <summary>The hole's bounding box, its right and bottom exclusive, or null when the mask has no hole.</summary>
    public static (int Left, int Top, int Right, int Bottom)? HoleBounds(Mask mask)
    {
        int left = mask.Width, top = mask.Height, right = 0, bottom = 0;
        for (int y = 0; y < mask.Height; y++)
            for (int x = 0; x < mask.Width; x++)
            {
                if (!mask.Hole[y * mask.Width + x]) continue;
                left = Math.Min(left, x);
                right = Math.Max(right, x + 1);
                top = Math.Min(top, y);
                bottom = Math.Max(bottom, y + 1);
            }
        return right == 0 ? null : (left, top, right, bottom);
    }

    /// <summary>
    /// Resizes a mask so that a pixel of the result is a hole when any pixel of the original
    /// under it is (nearest neighbour when enlarging): a reduced hole never loses a part of itself.
    /// Both sides are enlarged or both reduced.
    /// </summary>
    public static Mask ResizeCovering(Mask mask, int width, int height)
    {
        if (width >= mask.Width && height >= mask.Height)
            return ImageOps.Resize(mask, width, height);
        if (width > mask.Width || height > mask.Height)
            throw new ArgumentException($"a {mask.Width}x{mask.Height} mask cannot be enlarged on one side and reduced on the other ({width}x{height}).");
        var result = new Mask(width, height);
        for (int y = 0; y < mask.Height; y++)
        {
            int ty = (int)((long)y * height / mask.Height);
            for (int x = 0; x < mask.Width; x++)
                if (mask.Hole[y * mask.Width + x])
                    result.Hole[ty * width + (int)((long)x * width / mask.Width)] = true;
        }
        return result;
    }

    /// <summary>
    /// A copy of <paramref name="image"/> whose hole pixels are mid grey, so that nothing of what the
    /// hole hides leaks into neighbouring pixels when the image is resized.
    /// </summary>
    public static RgbImage GreyOut(RgbImage image, Mask mask)
    {
        var result = image.Clone();
        for (int i = 0; i < mask.Hole.Length; i++)
            if (mask.Hole[i])
                result.Pixels[3 * i] = result.Pixels[3 * i + 1] = result.Pixels[3 * i + 2] = 128;
        return result;
    }

    /// <summary>
    /// The one place where a result is pasted into the hole of an image: a copy of
    /// <paramref name="original"/> whose hole pixels, and only those, are taken from
    /// <paramref name="fill"/>, whose top-left corner lies at (<paramref name="x"/>,
    /// <paramref name="y"/>) of the original and which must cover the hole. Every other pixel is
    /// the original's, byte for byte. (The generator's own composite of tensors is
    /// <c>HoleComposite</c>.)
    /// </summary>
    public static RgbImage PasteHole(RgbImage original, Mask mask, RgbImage fill, int x = 0, int y = 0)
    {
        var result = original.Clone();
        for (int row = 0; row < original.Height; row++)
            for (int column = 0; column < original.Width; column++)
            {
                int i = row * original.Width + column;
                if (!mask.Hole[i]) continue;
                int j = ((row - y) * fill.Width + (column - x)) * 3;
                result.Pixels[3 * i] = fill.Pixels[j];
                result.Pixels[3 * i + 1] = fill.Pixels[j + 1];
                result.Pixels[3 * i + 2] = fill.Pixels[j + 2];
            }
        return result;
    }
}
