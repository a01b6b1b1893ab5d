namespace TextInpaint.Imaging;

/// <summary>
/// The square of an image that the model sees: centred on the hole's bounding box, with as much
/// context around it again as the hole is large (so a hole fills about half of the square, as the
/// centre holes of training do), moved inside the image where the image is large enough.
/// A square larger than the image reaches past its borders; those pixels replicate the border.
/// </summary>
public sealed record CropWindow(int X, int Y, int Side)
{
    /// <summary>Side of the window over the side of the hole's bounding box.</summary>
    public const double Context = 2.0;

    /// <summary>The window around the hole of <paramref name="mask"/>, or null when the mask has no hole.</summary>
    public static CropWindow? Around(Mask mask)
    {
        if (MaskOps.HoleBounds(mask) is not var (left, top, right, bottom))
            return null;
        int holeSide = Math.Max(right - left, bottom - top);
        int side = Math.Max(holeSide, (int)Math.Ceiling(Context * holeSide));
        return new CropWindow(Place(left, right - 1, side, mask.Width), Place(top, bottom - 1, side, mask.Height), side);
    }

    /// <summary>
    /// The square around a whole <paramref name="width"/> x <paramref name="height"/> image: its
    /// longer side, centred, so that the shorter side's borders are replicated on both ends.
    /// </summary>
    public static CropWindow Whole(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        int side = Math.Max(width, height);
        return new CropWindow((width - side) / 2, (height - side) / 2, side);
    }

    /// <summary>Start of a window of <paramref name="side"/> centred on [first, last] and kept within [0, length) where it fits.</summary>
    private static int Place(int first, int last, int side, int length)
    {
        int start = (first + last + 1 - side) / 2;
        return side <= length ? Math.Clamp(start, 0, length - side) : (length - side) / 2;
    }

    /// <summary>The window's pixels of <paramref name="image"/> (border replicated outside it).</summary>
    public RgbImage Cut(RgbImage image) => ImageOps.Crop(image, X, Y, Side, Side);

    /// <summary>The window's part of <paramref name="mask"/>; outside the image nothing is a hole.</summary>
    public Mask Cut(Mask mask)
    {
        var result = new Mask(Side, Side);
        for (int row = 0; row < Side; row++)
        {
            int y = Y + row;
            if (y < 0 || y >= mask.Height) continue;
            for (int col = 0; col < Side; col++)
            {
                int x = X + col;
                if (x >= 0 && x < mask.Width)
                    result.Hole[row * Side + col] = mask.Hole[y * mask.Width + x];
            }
        }
        return result;
    }
}
