using TextInpaint.Imaging;

namespace TextInpaint.Baselines;

/// <summary>
/// Patch-based filling with PatchMatch (C. Barnes et al., "PatchMatch: A Randomized Correspondence
/// Algorithm for Structural Image Editing", SIGGRAPH 2009), in the coarse-to-fine scheme it
/// accelerates (Wexler, Shechtman, Irani 2007): on an image pyramid, starting from OpenCV's fast-marching
/// fill at the coarsest level, alternate (1) PatchMatch — random initialisation, propagation from
/// the scan-order neighbours and random search at halving radii — to find for every patch that
/// touches the hole its most similar patch lying wholly in the known part, and (2) voting: each hole
/// pixel becomes the mean of what the matched patches that cover it say. Each level starts from the
/// upsampled fill and matches of the level below. Deterministic for a given seed.
/// </summary>
public sealed class PatchMatchInpainter(int patchRadius = 2, int searchIterations = 4, int votingSteps = 4, int minLevelSide = 16, int seed = 1)
    : IImageInpainter
{
    public string Name => "patchmatch";

    public string Description => "PatchMatch, Barnes 2009";

    public RgbImage Inpaint(RgbImage image, Mask mask)
    {
        if (mask.Width != image.Width || mask.Height != image.Height)
            throw new ArgumentException($"mask {mask.Width}x{mask.Height} and image {image.Width}x{image.Height} differ in size.");
        if (!mask.Hole.Any(h => h))
            return image.Clone();

        var levels = new List<Level> { Level.From(image, mask) };
        while (Math.Min(levels[^1].Width, levels[^1].Height) / 2 >= minLevelSide)
            levels.Add(levels[^1].Halve());

        var random = new Random(seed);
        var coarsest = levels[^1];
        var start = OpenCvInpainter.Telea.Inpaint(coarsest.ToImage(), coarsest.ToMask());
        coarsest.SetHoleFrom(start);
        int[]? matches = null;
        for (int l = levels.Count - 1; l >= 0; l--)
        {
            var level = levels[l];
            if (l < levels.Count - 1)
                level.SetHoleFrom(levels[l + 1], matches, out matches);
            var sources = level.SourceCentres(patchRadius);
            if (sources.Count == 0)
                continue; // the hole leaves no whole patch to copy from: keep the smooth fill
            matches = Initialise(level, sources, matches, random);
            for (int step = 0; step < votingSteps; step++)
            {
                Search(level, sources, matches, random);
                Vote(level, matches);
            }
        }

        var result = image.Clone();
        var finest = levels[0];
        for (int i = 0; i < mask.Hole.Length; i++)
            if (mask.Hole[i])
                for (int c = 0; c < 3; c++)
                    result.Pixels[3 * i + c] = (byte)Math.Clamp(Math.Round(finest.Values[3 * i + c]), 0, 255);
        return result;
    }

    /// <summary>Target centres: pixels whose patch (clipped to the image) contains a hole pixel.</summary>
    private bool IsTarget(Level level, int x, int y)
    {
        for (int dy = -patchRadius; dy <= patchRadius; dy++)
            for (int dx = -patchRadius; dx <= patchRadius; dx++)
            {
                int xx = x + dx, yy = y + dy;
                if (xx >= 0 && yy >= 0 && xx < level.Width && yy < level.Height && level.Hole[yy * level.Width + xx]) return true;
            }
        return false;
    }

    /// <summary>Matches (source centre index per pixel, −1 where not a target): kept from the level below where given, else random.</summary>
    private int[] Initialise(Level level, List<int> sources, int[]? previous, Random random)
    {
        var valid = new HashSet<int>(sources);
        var matches = new int[level.Width * level.Height];
        for (int y = 0; y < level.Height; y++)
            for (int x = 0; x < level.Width; x++)
            {
                int i = y * level.Width + x;
                matches[i] = !IsTarget(level, x, y) ? -1
                    : previous is not null && previous[i] >= 0 && valid.Contains(previous[i]) ? previous[i]
                    : sources[random.Next(sources.Count)];
            }
        return matches;
    }

    private void Search(Level level, List<int> sources, int[] matches, Random random)
    {
        int w = level.Width, h = level.Height;
        var valid = Buffers.Current.Valid(w * h);
        foreach (var s in sources) valid[s] = true;
        var cost = Buffers.Current.Cost(w * h);
        for (int i = 0; i < matches.Length; i++)
            if (matches[i] >= 0) cost[i] = Distance(level, i, matches[i], double.PositiveInfinity);

        void Try(int target, int candidate)
        {
            if (candidate < 0 || !valid[candidate] || candidate == matches[target]) return;
            double d = Distance(level, target, candidate, cost[target]);
            if (d < cost[target]) { cost[target] = d; matches[target] = candidate; }
        }

        for (int iteration = 0; iteration < searchIterations; iteration++)
        {
            bool forward = iteration % 2 == 0;
            int step = forward ? 1 : -1;
            for (int k = 0; k < w * h; k++)
            {
                int i = forward ? k : w * h - 1 - k;
                if (matches[i] < 0) continue;
                int x = i % w, y = i / w;
                // Propagation: the neighbour's match, shifted by the same offset.
                int nx = x - step, ny = y - step;
                if (nx >= 0 && nx < w && matches[y * w + nx] >= 0)
                {
                    int m = matches[y * w + nx], mx = m % w + step, my = m / w;
                    if (mx >= 0 && mx < w) Try(i, my * w + mx);
                }
                if (ny >= 0 && ny < h && matches[ny * w + x] >= 0)
                {
                    int m = matches[ny * w + x], mx = m % w, my = m / w + step;
                    if (my >= 0 && my < h) Try(i, my * w + mx);
                }
                // Random search around the current match at radii halving from the image size.
                for (int radius = Math.Max(w, h); radius >= 1; radius /= 2)
                {
                    int m = matches[i];
                    int cx = Math.Clamp(m % w + random.Next(-radius, radius + 1), 0, w - 1);
                    int cy = Math.Clamp(m / w + random.Next(-radius, radius + 1), 0, h - 1);
                    Try(i, cy * w + cx);
                }
            }
        }
    }

    /// <summary>
    /// Mean squared difference between the patches at two centres (the target clipped to the
    /// image). Once the rows summed so far already give a mean of at least <paramref name="bound"/>
    /// (the current match's), the rest cannot bring it below: that partial mean is returned. The
    /// terms are non-negative and summed in the same order either way, so a candidate is taken
    /// exactly when the full distance would take it.
    /// </summary>
    private double Distance(Level level, int target, int source, double bound)
    {
        int w = level.Width, h = level.Height;
        int tx = target % w, ty = target / w, sx = source % w, sy = source / w;
        int x0 = Math.Max(-patchRadius, -tx), x1 = Math.Min(patchRadius, w - 1 - tx);
        int y0 = Math.Max(-patchRadius, -ty), y1 = Math.Min(patchRadius, h - 1 - ty);
        int count = (x1 - x0 + 1) * (y1 - y0 + 1), rowLength = 3 * (x1 - x0 + 1);
        var values = level.Values.AsSpan();
        double sum = 0;
        for (int dy = y0; dy <= y1; dy++)
        {
            var a = values.Slice(3 * ((ty + dy) * w + tx + x0), rowLength);
            var b = values.Slice(3 * ((sy + dy) * w + sx + x0), rowLength);
            for (int k = 0; k < a.Length; k++)
            {
                double d = a[k] - b[k];
                sum += d * d;
            }
            if (sum / count >= bound) return sum / count;
        }
        return sum / count;
    }

    /// <summary>Each hole pixel becomes the mean of the pixels the matched patches covering it put there.</summary>
    private void Vote(Level level, int[] matches)
    {
        int w = level.Width, h = level.Height;
        var sum = Buffers.Current.Sum(3 * w * h);
        var weight = Buffers.Current.Weight(w * h);
        for (int i = 0; i < matches.Length; i++)
        {
            if (matches[i] < 0) continue;
            int tx = i % w, ty = i / w, sx = matches[i] % w, sy = matches[i] / w;
            for (int dy = -patchRadius; dy <= patchRadius; dy++)
                for (int dx = -patchRadius; dx <= patchRadius; dx++)
                {
                    int ax = tx + dx, ay = ty + dy;
                    if (ax < 0 || ay < 0 || ax >= w || ay >= h || !level.Hole[ay * w + ax]) continue;
                    int a = ay * w + ax, b = 3 * ((sy + dy) * w + sx + dx);
                    for (int c = 0; c < 3; c++) sum[3 * a + c] += level.Values[b + c];
                    weight[a]++;
                }
        }
        for (int i = 0; i < w * h; i++)
            if (level.Hole[i] && weight[i] > 0)
                for (int c = 0; c < 3; c++)
                    level.Values[3 * i + c] = sum[3 * i + c] / weight[i];
    }

    /// <summary>
    /// A thread's working arrays for the search and the vote, handed out with their first
    /// <c>length</c> entries cleared (they may be longer): an image's pyramid runs the search and
    /// the vote dozens of times, and arrays of this size are otherwise fresh memory each time.
    /// </summary>
    private sealed class Buffers
    {
        [ThreadStatic] private static Buffers? current;
        private bool[] valid = [];
        private double[] cost = [], sum = [], weight = [];

        public static Buffers Current => current ??= new Buffers();

        public bool[] Valid(int length) => Cleared(ref valid, length);
        public double[] Cost(int length) => Cleared(ref cost, length);
        public double[] Sum(int length) => Cleared(ref sum, length);
        public double[] Weight(int length) => Cleared(ref weight, length);

        private static T[] Cleared<T>(ref T[] array, int length)
        {
            if (array.Length < length) array = new T[length];
            Array.Clear(array, 0, length);
            return array;
        }
    }

    /// <summary>One level of the pyramid: colour values (hole pixels hold the current fill) and the hole.</summary>
    private sealed class Level(int width, int height, double[] values, bool[] hole)
    {
        public int Width { get; } = width;
        public int Height { get; } = height;
        public double[] Values { get; } = values;
        public bool[] Hole { get; } = hole;

        public static Level From(RgbImage image, Mask mask) =>
            new(image.Width, image.Height, image.Pixels.Select(p => (double)p).ToArray(), (bool[])mask.Hole.Clone());

        /// <summary>Half the size: known values average the known pixels of each 2x2 block; a block with any hole pixel is a hole.</summary>
        public Level Halve()
        {
            int w = Width / 2, h = Height / 2;
            var values = new double[3 * w * h];
            var hole = new bool[w * h];
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                {
                    int known = 0;
                    double r = 0, g = 0, b = 0;
                    bool anyHole = false;
                    for (int dy = 0; dy < 2; dy++)
                        for (int dx = 0; dx < 2; dx++)
                        {
                            int i = (2 * y + dy) * Width + 2 * x + dx;
                            if (Hole[i]) { anyHole = true; continue; }
                            r += Values[3 * i]; g += Values[3 * i + 1]; b += Values[3 * i + 2];
                            known++;
                        }
                    int j = y * w + x;
                    hole[j] = anyHole;
                    if (known > 0) (values[3 * j], values[3 * j + 1], values[3 * j + 2]) = (r / known, g / known, b / known);
                }
            return new Level(w, h, values, hole);
        }

        /// <summary>Centres of patches that lie wholly inside the image and outside the hole.</summary>
        public List<int> SourceCentres(int radius)
        {
            var centres = new List<int>();
            for (int y = radius; y < Height - radius; y++)
                for (int x = radius; x < Width - radius; x++)
                {
                    bool clean = true;
                    for (int dy = -radius; dy <= radius && clean; dy++)
                        for (int dx = -radius; dx <= radius && clean; dx++)
                            clean = !Hole[(y + dy) * Width + x + dx];
                    if (clean) centres.Add(y * Width + x);
                }
            return centres;
        }

        public RgbImage ToImage() =>
            new(Width, Height, Values.Select(v => (byte)Math.Clamp(Math.Round(v), 0, 255)).ToArray());

        public Mask ToMask() => new(Width, Height, (bool[])Hole.Clone());

        public void SetHoleFrom(RgbImage filled)
        {
            for (int i = 0; i < Hole.Length; i++)
                if (Hole[i])
                    for (int c = 0; c < 3; c++) Values[3 * i + c] = filled.Pixels[3 * i + c];
        }

        /// <summary>Fills the hole from the coarser level's fill, and doubles its matches into this level's coordinates.</summary>
        public void SetHoleFrom(Level coarser, int[]? coarserMatches, out int[] matches)
        {
            matches = new int[Width * Height];
            for (int y = 0; y < Height; y++)
                for (int x = 0; x < Width; x++)
                {
                    int i = y * Width + x;
                    int cx = Math.Min(coarser.Width - 1, x / 2), cy = Math.Min(coarser.Height - 1, y / 2), c = cy * coarser.Width + cx;
                    if (Hole[i])
                        for (int k = 0; k < 3; k++) Values[3 * i + k] = coarser.Values[3 * c + k];
                    int m = coarserMatches?[c] ?? -1;
                    matches[i] = m < 0 ? -1 : Math.Min(Height - 1, 2 * (m / coarser.Width) + y % 2) * Width
                        + Math.Min(Width - 1, 2 * (m % coarser.Width) + x % 2);
                }
        }
    }
}
