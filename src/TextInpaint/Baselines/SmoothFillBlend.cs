using System.Buffers;
using TextInpaint.Imaging;

namespace TextInpaint.Baselines;

/// <summary>
/// Where a model's fill agrees with the smooth fill of the same hole, the smooth fill (docs/method.md section 15). A fill is painted at
/// the model's side and stretched back; over plain background that leaves its noise and a blur the hole's edge does not have, where
/// OpenCV's Navier–Stokes diffusion continues the edge at the image's own resolution almost exactly. Each hole pixel takes
/// gate * smooth + (1 - gate) * fill, the gate 1 where the mean difference between the two over the hole pixels within
/// <see cref="Radius"/> is at most <see cref="Agree"/> (on a 0-1 scale, averaged over the channels), 0 from <see cref="Differ"/>, and
/// in between linearly. Where the model paints a part, or a colour the caption asks for, its fill differs from the smooth one and is
/// kept. Not in MMFL; the three constants were chosen on test birds of their own seed, not the one the documents' figures are measured on.
/// </summary>
public static class SmoothFillBlend
{
    /// <summary>A mean difference up to this takes the smooth fill alone.</summary>
    public const double Agree = 0.06;

    /// <summary>A mean difference from this keeps the model's fill alone.</summary>
    public const double Differ = 0.15;

    /// <summary>The half side, in image pixels, of the square the difference is averaged over.</summary>
    public const int Radius = 8;

    /// <summary>
    /// Holes whose box (grown by <see cref="Radius"/>) holds more pixels keep the model's fill as it is: the diffusion's time grows
    /// with the hole (measured: about 34 ms for a 160x120 hole on two cores, docs/performance.md; in proportion, about half a second
    /// at this size), and the blend's memory with the box (two summed-area tables of doubles and a few images of the box).
    /// </summary>
    public const long LargestBox = 512L * 512;

    /// <summary>
    /// The window's fill, <paramref name="output"/> at the model's side, pasted into the hole of <paramref name="mask"/>
    /// (<see cref="ModelWindow.PasteBack"/>) and blended with the smooth fill of that hole (<see cref="BlendInto"/>).
    /// </summary>
    public static RgbImage PasteFill(ModelWindow window, RgbImage image, Mask mask, RgbImage output)
    {
        var filled = window.PasteBack(image, mask, output);
        BlendInto(filled, image, mask);
        return filled;
    }

    /// <summary>
    /// Blends the hole of <paramref name="filled"/> (the image with a fill in the hole of <paramref name="mask"/>), in place, with
    /// the smooth fill of the hole, read from <paramref name="image"/> outside the hole within <see cref="Radius"/> of the hole's box.
    /// Pixels outside the hole are left as they are.
    /// </summary>
    public static void BlendInto(RgbImage filled, RgbImage image, Mask mask)
    {
        if (MaskOps.HoleBounds(mask) is not var (holeLeft, holeTop, holeRight, holeBottom))
            return;
        int width = image.Width;
        int left = Math.Max(0, holeLeft - Radius), top = Math.Max(0, holeTop - Radius);
        int cutWidth = Math.Min(width, holeRight + Radius) - left, cutHeight = Math.Min(image.Height, holeBottom + Radius) - top;
        if ((long)cutWidth * cutHeight > LargestBox)
            return;
        var hole = new Mask(cutWidth, cutHeight);
        for (int y = 0; y < cutHeight; y++)
            for (int x = 0; x < cutWidth; x++)
                hole.Hole[y * cutWidth + x] = mask.Hole[(y + top) * width + x + left];
        if (hole.Hole.All(missing => missing))
            return; // nothing around the hole to continue
        var smooth = OpenCvInpainter.NavierStokes.Inpaint(ImageOps.Crop(image, left, top, cutWidth, cutHeight), hole);

        // Summed-area tables of the difference and of the hole, one row and column larger than the cut (rented: a page's fills
        // would otherwise leave two large arrays each to the collector).
        int stride = cutWidth + 1, cells = stride * (cutHeight + 1);
        var difference = ArrayPool<double>.Shared.Rent(cells);
        var count = ArrayPool<double>.Shared.Rent(cells);
        try
        {
            Array.Clear(difference, 0, stride);
            Array.Clear(count, 0, stride);
            Tabulate(filled, smooth, hole, left, top, width, difference, count);
            Mix(filled, smooth, hole, left, top, width, difference, count);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(difference);
            ArrayPool<double>.Shared.Return(count);
        }
    }

    /// <summary>Fills the summed-area tables; their first row is zero already.</summary>
    private static void Tabulate(RgbImage filled, RgbImage smooth, Mask hole, int left, int top, int width, double[] difference, double[] count)
    {
        int cutWidth = hole.Width, cutHeight = hole.Height, stride = cutWidth + 1;
        for (int y = 0; y < cutHeight; y++)
        {
            difference[(y + 1) * stride] = count[(y + 1) * stride] = 0;
            for (int x = 0; x < cutWidth; x++)
            {
                double d = 0, n = 0;
                if (hole.Hole[y * cutWidth + x])
                {
                    int pixel = (y + top) * width + x + left, own = y * cutWidth + x;
                    for (int c = 0; c < 3; c++)
                        d += Math.Abs(filled.Pixels[3 * pixel + c] - smooth.Pixels[3 * own + c]);
                    d /= 3 * 255.0;
                    n = 1;
                }
                int at = (y + 1) * stride + x + 1;
                difference[at] = d + difference[at - 1] + difference[at - stride] - difference[at - stride - 1];
                count[at] = n + count[at - 1] + count[at - stride] - count[at - stride - 1];
            }
        }
    }

    /// <summary>Each hole pixel of <paramref name="filled"/> mixed with the smooth fill by the gate of its square's mean difference.</summary>
    private static void Mix(RgbImage filled, RgbImage smooth, Mask hole, int left, int top, int width, double[] difference, double[] count)
    {
        int cutWidth = hole.Width, cutHeight = hole.Height, stride = cutWidth + 1;
        for (int y = 0; y < cutHeight; y++)
            for (int x = 0; x < cutWidth; x++)
            {
                if (!hole.Hole[y * cutWidth + x]) continue;
                int y0 = Math.Max(0, y - Radius), y1 = Math.Min(cutHeight, y + Radius + 1);
                int x0 = Math.Max(0, x - Radius), x1 = Math.Min(cutWidth, x + Radius + 1);
                double mean = Box(difference, stride, x0, y0, x1, y1) / Box(count, stride, x0, y0, x1, y1);
                double gate = Math.Clamp((Differ - mean) / (Differ - Agree), 0, 1);
                int pixel = (y + top) * width + x + left, own = y * cutWidth + x;
                for (int c = 0; c < 3; c++)
                    filled.Pixels[3 * pixel + c] = (byte)Math.Round(gate * smooth.Pixels[3 * own + c] + (1 - gate) * filled.Pixels[3 * pixel + c]);
            }
    }

    /// <summary>The sum over [x0, x1) x [y0, y1) from a summed-area table.</summary>
    private static double Box(double[] table, int stride, int x0, int y0, int x1, int y1) =>
        table[y1 * stride + x1] - table[y0 * stride + x1] - table[y1 * stride + x0] + table[y0 * stride + x0];
}
