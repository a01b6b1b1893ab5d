using TextInpaint.Imaging;

namespace TextInpaint.Baselines;

/// <summary>
/// Telea's fast-marching inpainting (A. Telea, "An Image Inpainting Technique Based on the Fast
/// Marching Method", J. Graphics Tools 9(1), 2004). The hole is filled from its boundary inwards,
/// in order of the distance T to the boundary (found by fast marching on |∇T| = 1); each pixel
/// becomes a weighted mean of the first-order estimates I(q) + ∇I(q)·(p − q) of the known pixels q
/// within <see cref="Radius"/>, weighted by direction (alignment of p − q with the normal ∇T),
/// geometric distance 1/|p − q|² and level-set distance 1/(1 + |T(p) − T(q)|).
/// </summary>
public sealed class TeleaInpainter(double radius = 5) : IImageInpainter
{
    private const byte Known = 0, Band = 1, Inside = 2;

    public string Name => "telea";

    public double Radius { get; } = radius;

    public RgbImage Inpaint(RgbImage image, Mask mask)
    {
        if (mask.Width != image.Width || mask.Height != image.Height)
            throw new ArgumentException($"mask {mask.Width}x{mask.Height} and image {image.Width}x{image.Height} differ in size.");
        int w = image.Width, h = image.Height;
        var result = image.Clone();
        var values = ValuesBuffer(3 * w * h);
        for (int i = 0; i < 3 * w * h; i++) values[i] = image.Pixels[i];
        var flags = new byte[w * h];
        var t = new double[w * h];
        var band = new PriorityQueue<int, double>();

        for (int i = 0; i < w * h; i++)
        {
            flags[i] = mask.Hole[i] ? Inside : Known;
            t[i] = mask.Hole[i] ? double.MaxValue : 0;
        }
        // The initial band: known pixels next to the hole.
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                int i = y * w + x;
                if (flags[i] == Known && Neighbours(x, y, w, h).Any(n => flags[n] == Inside))
                {
                    flags[i] = Band;
                    band.Enqueue(i, 0);
                }
            }
        if (band.Count == 0)
            return result; // no hole, or nothing known to fill it from

        while (band.TryDequeue(out int i, out double priority))
        {
            if (flags[i] == Known || priority > t[i]) continue;
            flags[i] = Known;
            int x = i % w, y = i / w;
            foreach (int n in Neighbours(x, y, w, h))
            {
                if (flags[n] != Inside) continue;
                int nx = n % w, ny = n / w;
                t[n] = Math.Min(t[n], Arrival(nx, ny, w, h, t, flags));
                FillPixel(nx, ny, w, h, values, t, flags);
                flags[n] = Band;
                band.Enqueue(n, t[n]);
            }
        }

        for (int i = 0; i < w * h; i++)
            if (mask.Hole[i])
                for (int c = 0; c < 3; c++)
                    result.Pixels[3 * i + c] = (byte)Math.Clamp(Math.Round(values[3 * i + c]), 0, 255);
        return result;
    }

    [ThreadStatic] private static double[]? valuesBuffer;

    /// <summary>
    /// The thread's working copy of the colour values, at least <paramref name="length"/> long and
    /// overwritten by each fill: at 64x64 it is large enough that a fresh one per image would come
    /// from newly mapped memory each time.
    /// </summary>
    private static double[] ValuesBuffer(int length) =>
        valuesBuffer is { } buffer && buffer.Length >= length ? buffer : valuesBuffer = new double[length];

    private static IEnumerable<int> Neighbours(int x, int y, int w, int h)
    {
        if (x > 0) yield return y * w + x - 1;
        if (x < w - 1) yield return y * w + x + 1;
        if (y > 0) yield return (y - 1) * w + x;
        if (y < h - 1) yield return (y + 1) * w + x;
    }

    /// <summary>The arrival time at (x, y): the smallest upwind solution of |∇T| = 1 over the four quadrants.</summary>
    private static double Arrival(int x, int y, int w, int h, double[] t, byte[] flags)
    {
        double Settled(int xx, int yy) => xx < 0 || yy < 0 || xx >= w || yy >= h || flags[yy * w + xx] == Inside ? double.MaxValue : t[yy * w + xx];
        double best = double.MaxValue;
        foreach (var (dx, dy) in new[] { (-1, -1), (1, -1), (-1, 1), (1, 1) })
        {
            double a = Settled(x + dx, y), b = Settled(x, y + dy);
            double solution;
            if (a < double.MaxValue && b < double.MaxValue)
            {
                double r = 2 - (a - b) * (a - b);
                solution = r > 0 ? (a + b + Math.Sqrt(r)) / 2 : 1 + Math.Min(a, b);
            }
            else if (a < double.MaxValue) solution = 1 + a;
            else if (b < double.MaxValue) solution = 1 + b;
            else continue;
            best = Math.Min(best, solution);
        }
        return best;
    }

    /// <summary>Telea's weighted estimate of pixel (x, y) from the known pixels around it.</summary>
    private void FillPixel(int x, int y, int w, int h, double[] values, double[] t, byte[] flags)
    {
        int i = y * w + x;
        var (gradTx, gradTy) = Gradient(t, flags, x, y, w, h, channel: -1);
        int r = (int)Math.Ceiling(Radius);
        double sumW = 0, sr = 0, sg = 0, sb = 0;
        for (int qy = Math.Max(0, y - r); qy <= Math.Min(h - 1, y + r); qy++)
            for (int qx = Math.Max(0, x - r); qx <= Math.Min(w - 1, x + r); qx++)
            {
                int q = qy * w + qx;
                if (flags[q] == Inside || q == i) continue;
                double rx = x - qx, ry = y - qy, length2 = rx * rx + ry * ry;
                if (length2 > Radius * Radius) continue;
                double length = Math.Sqrt(length2);
                double direction = Math.Abs(rx * gradTx + ry * gradTy) / length;
                double weight = Math.Max(direction, 1e-6) / length2 / (1 + Math.Abs(t[q] - t[i]));
                sumW += weight;
                for (int c = 0; c < 3; c++)
                {
                    var (gx, gy) = Gradient(values, flags, qx, qy, w, h, c);
                    double estimate = values[3 * q + c] + gx * rx + gy * ry;
                    if (c == 0) sr += weight * estimate; else if (c == 1) sg += weight * estimate; else sb += weight * estimate;
                }
            }
        if (sumW <= 0) return;
        values[3 * i] = sr / sumW;
        values[3 * i + 1] = sg / sumW;
        values[3 * i + 2] = sb / sumW;
    }

    /// <summary>
    /// Central differences of T (channel −1) or of a colour channel at (x, y), over neighbours that
    /// are not inside the hole; one-sided where only one is, zero where none is.
    /// </summary>
    private static (double X, double Y) Gradient(double[] field, byte[] flags, int x, int y, int w, int h, int channel)
    {
        double At(int xx, int yy) => channel < 0 ? field[yy * w + xx] : field[3 * (yy * w + xx) + channel];
        bool Usable(int xx, int yy) => xx >= 0 && yy >= 0 && xx < w && yy < h && flags[yy * w + xx] != Inside;
        double Derivative(int ax, int ay, int bx, int by)
        {
            bool a = Usable(ax, ay), b = Usable(bx, by);
            if (a && b) return (At(bx, by) - At(ax, ay)) / 2;
            if (b) return At(bx, by) - At(x, y);
            if (a) return At(x, y) - At(ax, ay);
            return 0;
        }
        return (Derivative(x - 1, y, x + 1, y), Derivative(x, y - 1, x, y + 1));
    }
}
