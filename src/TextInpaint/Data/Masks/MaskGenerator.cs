using TextInpaint.Imaging;

namespace TextInpaint.Data.Masks;

/// <summary>Makes square hole masks of each <see cref="MaskKind"/> (true = hole).</summary>
public static class MaskGenerator
{
    /// <summary>Smallest and largest side of a <see cref="MaskKind.Box"/> hole, as fractions of the image side.</summary>
    public const double MinBoxSide = 0.25, MaxBoxSide = 0.6;

    /// <summary>A free-form mask never covers more than this fraction of the image.</summary>
    public const double MaxFreeFormArea = 0.5;

    // Free-form strokes are drawn until the hole reaches an area drawn uniformly from this range;
    // the last segment overshoots a little, which brings the mean to about 0.28.
    private const double MinFreeFormTarget = 0.12, MaxFreeFormTarget = 0.40;

    /// <summary>
    /// Makes a size × size mask of the given kind. <paramref name="objectRegion"/> (size × size
    /// values, row after row, true on the object) is only used by <see cref="MaskKind.Object"/>.
    /// </summary>
    public static Mask Create(MaskKind kind, int size, Random random, bool[]? objectRegion = null) => kind switch
    {
        MaskKind.Centre => Centre(size),
        MaskKind.Box => Box(size, random),
        MaskKind.FreeForm => FreeForm(size, random),
        MaskKind.Object => Object(size, objectRegion),
        MaskKind.Mixed => Create((MaskKind)random.Next(4), size, random, objectRegion),
        MaskKind.Background => Background(size, random, objectRegion),
        MaskKind.Any => Create(random.Next(5) is var k && k < 4 ? (MaskKind)k : MaskKind.Background, size, random, objectRegion),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>
    /// The centre square from S/4 to 3S/4 on both axes. MMFL's released code makes it one pixel
    /// larger (129 × 129 at 256); this one is exactly half the side.
    /// </summary>
    public static Mask Centre(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 4);
        int start = size / 4, end = 3 * size / 4;
        return Mask.Box(size, size, start, start, end - start, end - start);
    }

    /// <summary>A rectangle with sides from 25% to 60% of the image side, placed fully inside the image.</summary>
    public static Mask Box(int size, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 4);
        int minSide = Math.Max(1, (int)Math.Ceiling(MinBoxSide * size)), maxSide = (int)Math.Floor(MaxBoxSide * size);
        int width = random.Next(minSide, maxSide + 1), height = random.Next(minSide, maxSide + 1);
        int x = random.Next(0, size - width + 1), y = random.Next(0, size - height + 1);
        return Mask.Box(size, size, x, y, width, height);
    }

    /// <summary>
    /// Brush strokes in the manner of the free-form masks of DeepFill v2 (Yu et al. 2019): each
    /// stroke starts at a random point and walks through a few vertices, turning by a random angle
    /// and moving a random length each time, painted with a round brush of random width (so the
    /// joints are round). Strokes are added until the hole reaches a random target area, which
    /// keeps every mask non-empty and below <see cref="MaxFreeFormArea"/>.
    /// </summary>
    public static Mask FreeForm(int size, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 8);
        var mask = new Mask(size, size);
        double target = MinFreeFormTarget + (MaxFreeFormTarget - MinFreeFormTarget) * random.NextDouble();
        long targetPixels = Math.Max(1, (long)(target * size * size));
        long holePixels = 0;
        while (holePixels < targetPixels)
        {
            double radius = size * (0.03 + 0.05 * random.NextDouble());
            double x = random.NextDouble() * size, y = random.NextDouble() * size;
            double heading = random.NextDouble() * 2 * Math.PI;
            int vertices = random.Next(3, 9);
            for (int v = 0; v < vertices && holePixels < targetPixels; v++)
            {
                heading += (random.NextDouble() - 0.5) * Math.PI * 0.8;
                double length = size * (0.08 + 0.17 * random.NextDouble());
                double nextX = Math.Clamp(x + length * Math.Cos(heading), 0, size);
                double nextY = Math.Clamp(y + length * Math.Sin(heading), 0, size);
                holePixels += PaintSegment(mask, x, y, nextX, nextY, radius);
                x = nextX;
                y = nextY;
            }
        }
        return mask;
    }

    /// <summary>Smallest and largest side of a <see cref="MaskKind.Background"/> box, as fractions of the image side.</summary>
    public const double MinBackgroundSide = 0.12, MaxBackgroundSide = 0.4;

    /// <summary>
    /// A rectangle with sides from 12% to 40% of the image side that keeps at least
    /// <see cref="ObjectMargin"/> pixels away from the object: up to 64 placements are drawn, each
    /// smaller than the last failed one. Without an object region (or where no box fits) it is a
    /// <see cref="Box"/> anywhere.
    /// </summary>
    public static Mask Background(int size, Random random, bool[]? objectRegion)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 8);
        if (objectRegion is null || !objectRegion.Contains(true))
            return Box(size, random);
        if (objectRegion.Length != size * size)
            throw new ArgumentException($"expected {size * size} values for a {size}x{size} object region, got {objectRegion.Length}", nameof(objectRegion));
        var near = Dilate(new Mask(size, size, objectRegion), ObjectMargin(size));
        var covered = new int[(size + 1) * (size + 1)];
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
                covered[(y + 1) * (size + 1) + x + 1] = (near[x, y] ? 1 : 0) + covered[y * (size + 1) + x + 1]
                    + covered[(y + 1) * (size + 1) + x] - covered[y * (size + 1) + x];
        int minSide = Math.Max(1, (int)Math.Ceiling(MinBackgroundSide * size));
        double largest = MaxBackgroundSide * size;
        for (int attempt = 0; attempt < 64; attempt++)
        {
            int maxSide = Math.Max(minSide, (int)Math.Floor(largest));
            int width = random.Next(minSide, maxSide + 1), height = random.Next(minSide, maxSide + 1);
            int x = random.Next(0, size - width + 1), y = random.Next(0, size - height + 1);
            int inside = covered[(y + height) * (size + 1) + x + width] - covered[y * (size + 1) + x + width]
                - covered[(y + height) * (size + 1) + x] + covered[y * (size + 1) + x];
            if (inside == 0)
                return Mask.Box(size, size, x, y, width, height);
            largest = Math.Max(minSide, largest * 0.95);
        }
        return Box(size, random);
    }

    /// <summary>
    /// A hole shaped like the object: its region dilated by about 3% of the side (2 pixels at 64,
    /// 8 at 256), so the hole also hides the object's outline. Without an object region (null or
    /// all false) it is the <see cref="Centre"/> box.
    /// </summary>
    public static Mask Object(int size, bool[]? objectRegion)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 4);
        if (objectRegion is null || !objectRegion.Contains(true))
            return Centre(size);
        if (objectRegion.Length != size * size)
            throw new ArgumentException($"expected {size * size} values for a {size}x{size} object region, got {objectRegion.Length}", nameof(objectRegion));
        return Dilate(new Mask(size, size, objectRegion), ObjectMargin(size));
    }

    /// <summary>How far an object hole reaches beyond the object, in pixels.</summary>
    public static int ObjectMargin(int size) => Math.Max(1, (int)Math.Round(size / 32.0));

    private static Mask Dilate(Mask region, int radius)
    {
        var result = new Mask(region.Width, region.Height);
        var offsets = new List<(int Dx, int Dy)>();
        for (int dy = -radius; dy <= radius; dy++)
            for (int dx = -radius; dx <= radius; dx++)
                if (dx * dx + dy * dy <= radius * radius)
                    offsets.Add((dx, dy));
        for (int y = 0; y < region.Height; y++)
            for (int x = 0; x < region.Width; x++)
            {
                if (!region[x, y]) continue;
                foreach (var (dx, dy) in offsets)
                {
                    int px = x + dx, py = y + dy;
                    if (px >= 0 && py >= 0 && px < region.Width && py < region.Height)
                        result[px, py] = true;
                }
            }
        return result;
    }

    /// <summary>Marks every pixel whose centre lies within radius of the segment; returns how many were newly marked.</summary>
    private static long PaintSegment(Mask mask, double x0, double y0, double x1, double y1, double radius)
    {
        int left = Math.Max(0, (int)Math.Floor(Math.Min(x0, x1) - radius));
        int right = Math.Min(mask.Width - 1, (int)Math.Ceiling(Math.Max(x0, x1) + radius));
        int top = Math.Max(0, (int)Math.Floor(Math.Min(y0, y1) - radius));
        int bottom = Math.Min(mask.Height - 1, (int)Math.Ceiling(Math.Max(y0, y1) + radius));
        double dx = x1 - x0, dy = y1 - y0, lengthSquared = dx * dx + dy * dy, radiusSquared = radius * radius;
        long painted = 0;
        for (int y = top; y <= bottom; y++)
            for (int x = left; x <= right; x++)
            {
                if (mask[x, y]) continue;
                double px = x + 0.5 - x0, py = y + 0.5 - y0;
                double t = lengthSquared > 0 ? Math.Clamp((px * dx + py * dy) / lengthSquared, 0, 1) : 0;
                double ex = px - t * dx, ey = py - t * dy;
                if (ex * ex + ey * ey <= radiusSquared)
                {
                    mask[x, y] = true;
                    painted++;
                }
            }
        return painted;
    }
}
