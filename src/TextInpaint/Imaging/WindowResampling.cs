namespace TextInpaint.Imaging;

/// <summary>
/// <see cref="ModelWindow"/>'s way with a window too large to cut out whole (a long thin hole
/// gives a square twice its length: a one-row box across 16,000 pixels, a window of 32,000²).
/// Each step reads the image where the window lies on it and holds nothing of the window's size:
/// the window is shrunk to the model's side by averaging the area under each model pixel (rows
/// and columns outside the image replicate its border, as <see cref="CropWindow.Cut(RgbImage)"/>
/// does), and the model's output is sampled bilinearly at each hole pixel only, never enlarged
/// to the window's size. Work and memory grow with the image's pixels, not the window's.
/// </summary>
internal static class WindowResampling
{
    /// <summary>Grey of a hole pixel in the model's input, as <see cref="MaskOps.GreyOut"/> paints it.</summary>
    private const byte Grey = 128;

    /// <summary>
    /// One window row (or column) under a model pixel: the image row it reads, how much of it lies under the pixel,
    /// and whether it lies on the image.
    /// </summary>
    private readonly record struct Tap(int Source, double Weight, bool OnImage);

    /// <summary>The window with its hole greyed out, at <paramref name="size"/>², by area averaging.</summary>
    public static RgbImage Shrink(RgbImage image, Mask mask, CropWindow window, int size)
    {
        var rows = Taps(window.Y, window.Side, image.Height, size);
        var columns = Taps(window.X, window.Side, image.Width, size);
        var sums = new double[3];
        var result = new RgbImage(size, size);
        double area = (double)window.Side / size * window.Side / size;
        for (int i = 0; i < size; i++)
            for (int j = 0; j < size; j++)
            {
                Array.Clear(sums);
                foreach (var row in rows[i])
                    foreach (var column in columns[j])
                    {
                        double weight = row.Weight * column.Weight;
                        int at = row.Source * image.Width + column.Source;
                        // Outside the image nothing is a hole: the border is replicated as it is.
                        if (row.OnImage && column.OnImage && mask.Hole[at])
                        {
                            sums[0] += weight * Grey;
                            sums[1] += weight * Grey;
                            sums[2] += weight * Grey;
                            continue;
                        }
                        sums[0] += weight * image.Pixels[3 * at];
                        sums[1] += weight * image.Pixels[3 * at + 1];
                        sums[2] += weight * image.Pixels[3 * at + 2];
                    }
                for (int c = 0; c < 3; c++)
                    result.Pixels[3 * (i * size + j) + c] = (byte)Math.Clamp(Math.Round(sums[c] / area), 0, 255);
            }
        return result;
    }

    /// <summary>
    /// The hole at <paramref name="size"/>²: a model pixel is a hole when any hole pixel of the window lies under it
    /// (as <see cref="MaskOps.ResizeCovering"/>).
    /// </summary>
    public static Mask HoleCovering(Mask mask, CropWindow window, int size)
    {
        var result = new Mask(size, size);
        int top = Math.Max(0, window.Y), bottom = (int)Math.Min(mask.Height, (long)window.Y + window.Side);
        int left = Math.Max(0, window.X), right = (int)Math.Min(mask.Width, (long)window.X + window.Side);
        for (int y = top; y < bottom; y++)
        {
            int ty = (int)((long)(y - window.Y) * size / window.Side);
            for (int x = left; x < right; x++)
                if (mask.Hole[y * mask.Width + x])
                    result.Hole[ty * size + (int)((long)(x - window.X) * size / window.Side)] = true;
        }
        return result;
    }

    /// <summary>
    /// A copy of <paramref name="image"/> whose hole pixels, and only those, are the model's
    /// <paramref name="output"/> sampled bilinearly at their place in the window.
    /// </summary>
    public static RgbImage PasteBack(RgbImage image, Mask mask, CropWindow window, RgbImage output)
    {
        var result = image.Clone();
        int size = output.Width;
        double scale = (double)size / window.Side;
        for (int y = 0; y < image.Height; y++)
        {
            var (y0, y1, ty) = Neighbours((y - window.Y + 0.5) * scale - 0.5, size);
            for (int x = 0; x < image.Width; x++)
            {
                int i = y * image.Width + x;
                if (!mask.Hole[i]) continue;
                var (x0, x1, tx) = Neighbours((x - window.X + 0.5) * scale - 0.5, size);
                for (int c = 0; c < 3; c++)
                {
                    double top = Lerp(output.Pixels[3 * (y0 * size + x0) + c], output.Pixels[3 * (y0 * size + x1) + c], tx);
                    double bottom = Lerp(output.Pixels[3 * (y1 * size + x0) + c], output.Pixels[3 * (y1 * size + x1) + c], tx);
                    result.Pixels[3 * i + c] = (byte)Math.Clamp(Math.Round(Lerp(top, bottom, ty)), 0, 255);
                }
            }
        }
        return result;
    }

    private static double Lerp(double a, double b, double t) => a + (b - a) * t;

    /// <summary>The two output pixels either side of a position (clamped to the edges) and the share of the second.</summary>
    private static (int First, int Second, double Share) Neighbours(double position, int size)
    {
        double floor = Math.Floor(position);
        int first = (int)Math.Clamp(floor, 0, size - 1), second = (int)Math.Clamp(floor + 1, 0, size - 1);
        return (first, second, Math.Clamp(position - floor, 0, 1));
    }

    /// <summary>
    /// For each of <paramref name="size"/> model pixels along one axis, the image rows (or
    /// columns) under it and their weights: the window's stretch [start, start + side) is cut
    /// into equal parts, and the window's pixels beyond the image, which all read its first or
    /// last row, are gathered into one tap each.
    /// </summary>
    private static List<Tap>[] Taps(int start, int side, int length, int size)
    {
        var taps = new List<Tap>[size];
        double step = (double)side / size;
        for (int i = 0; i < size; i++)
        {
            taps[i] = [];
            double from = i * step, to = (i + 1) * step;
            // Window positions are relative to the window; the image's rows lie at [-start, length - start).
            double before = Math.Min(to, -start) - from, after = to - Math.Max(from, (double)length - start);
            if (before > 0)
                taps[i].Add(new Tap(0, before, OnImage: false));
            if (after > 0)
                taps[i].Add(new Tap(length - 1, after, OnImage: false));
            int first = (int)Math.Max(Math.Floor(from), -start), last = (int)Math.Min(Math.Ceiling(to), (double)length - start) - 1;
            for (int w = first; w <= last; w++)
            {
                double weight = Math.Min(to, w + 1) - Math.Max(from, w);
                if (weight > 0)
                    taps[i].Add(new Tap(start + w, weight, OnImage: true));
            }
        }
        return taps;
    }
}
