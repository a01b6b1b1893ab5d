using System.Numerics;
using TextInpaint.Imaging;

namespace TextInpaint.Evaluation.Metrics;

/// <summary>
/// The image-quality measures of one inpainted image against its ground truth.
/// <para>
/// Protocol. Pixel values are scaled to [0, 1] (byte / 255).
/// PSNR = 10 log10(1 / MSE) with data range 1, per image (identical images count as 100 dB).
/// SSIM uses an 11x11 Gaussian window (σ = 1.5, truncated at 3.5σ), K1 = 0.01, K2 = 0.03,
/// population variances, and is computed per channel and averaged over channels; the SSIM map is
/// averaged over the pixels whose window lies inside the image (5 pixels from every border are
/// left out), exactly as scikit-image's <c>structural_similarity(gaussian_weights=True,
/// sigma=1.5, use_sample_covariance=False, data_range=1)</c>. L1 is the mean absolute difference
/// over pixels and channels.
/// Each is given on the whole image and on the hole alone: hole PSNR and L1 over hole pixels,
/// hole SSIM as the mean of the SSIM map over hole pixels inside that inner region (undefined
/// when the hole has none there).
/// TDANet's protocol, for comparison with papers that use it: both images in grayscale
/// (0.299 R + 0.587 G + 0.114 B), relative L1 = Σ|truth − result| / Σ(truth + result) over the
/// whole image, and PSNR and SSIM of the grayscale images.
/// </para>
/// </summary>
public sealed record ImageQuality(
    double Psnr, double Ssim, double L1,
    double HolePsnr, double? HoleSsim, double HoleL1,
    double GrayPsnr, double GraySsim, double GrayRelativeL1)
{
    public const double IdenticalPsnr = 100;
    private const int Radius = 5; // the window is 2 * 5 + 1 = 11 wide: σ = 1.5 truncated at 3.5σ
    private const double Sigma = 1.5, C1 = 0.01 * 0.01, C2 = 0.03 * 0.03;
    private static readonly double[] Window = GaussianWindow();

    /// <summary>Measures <paramref name="result"/> against <paramref name="truth"/>; the hole is <paramref name="mask"/>'s.</summary>
    public static ImageQuality Measure(RgbImage truth, RgbImage result, Mask mask) => new Reference(truth, mask).Measure(result);

    /// <summary>
    /// The ground truth's side of the measures (its planes and their local means), computed once
    /// for every output scored against the same truth and hole.
    /// </summary>
    public sealed class Reference
    {
        private readonly int width, height, holePixels;
        private readonly Mask mask;
        private readonly double[][] planes; // red, green, blue, gray
        private readonly double[][] means, squareMeans;

        public Reference(RgbImage truth, Mask mask)
        {
            if (truth.Width != mask.Width || truth.Height != mask.Height)
                throw new ArgumentException($"sizes differ: truth {truth.Width}x{truth.Height}, mask {mask.Width}x{mask.Height}.");
            if (truth.Width <= 2 * Radius || truth.Height <= 2 * Radius)
                throw new ArgumentException($"images of {truth.Width}x{truth.Height} are too small for an 11x11 SSIM window.");
            (width, height, this.mask) = (truth.Width, truth.Height, mask);
            holePixels = mask.Hole.Count(h => h);
            planes = [Plane(truth, 0), Plane(truth, 1), Plane(truth, 2), Gray(truth)];
            var scratch = Scratch.For(width * height);
            means = planes.Select(p => Blur(p, width, height, scratch.Rows)).ToArray();
            squareMeans = planes.Select(p => Blur(Product(p, p, scratch.Product), width, height, scratch.Rows)).ToArray();
        }

        /// <summary>Measures <paramref name="result"/> against this truth.</summary>
        public ImageQuality Measure(RgbImage result)
        {
            if (result.Width != width || result.Height != height)
                throw new ArgumentException($"sizes differ: truth {width}x{height}, result {result.Width}x{result.Height}, mask {mask.Width}x{mask.Height}.");
            int pixels = width * height;
            var scratch = Scratch.For(pixels);
            var b = scratch.Plane;
            double squared = 0, absolute = 0, holeSquared = 0, holeAbsolute = 0, ssim = 0;
            double holeSsimSum = 0;
            int holeSsimCount = 0;
            for (int channel = 0; channel < 3; channel++)
            {
                var a = planes[channel];
                Plane(result, channel, b);
                for (int i = 0; i < pixels; i++)
                {
                    double d = a[i] - b[i];
                    squared += d * d;
                    absolute += Math.Abs(d);
                    if (mask.Hole[i])
                    {
                        holeSquared += d * d;
                        holeAbsolute += Math.Abs(d);
                    }
                }
                var map = SsimMeans(channel, b, scratch);
                ssim += map.Mean;
                if (map.HoleCount > 0)
                {
                    holeSsimSum += map.HoleMean;
                    holeSsimCount++;
                }
            }

            var grayTruth = planes[3];
            var grayResult = b;
            Gray(result, grayResult);
            double graySquared = 0, grayDifference = 0, graySum = 0;
            for (int i = 0; i < pixels; i++)
            {
                double d = grayTruth[i] - grayResult[i];
                graySquared += d * d;
                grayDifference += Math.Abs(d);
                graySum += grayTruth[i] + grayResult[i];
            }

            return new ImageQuality(
                Psnr: PsnrOf(squared / (3.0 * pixels)),
                Ssim: ssim / 3,
                L1: absolute / (3.0 * pixels),
                HolePsnr: holePixels > 0 ? PsnrOf(holeSquared / (3.0 * holePixels)) : IdenticalPsnr,
                HoleSsim: holeSsimCount > 0 ? holeSsimSum / holeSsimCount : null,
                HoleL1: holePixels > 0 ? holeAbsolute / (3.0 * holePixels) : 0,
                GrayPsnr: PsnrOf(graySquared / pixels),
                GraySsim: SsimMeans(3, grayResult, scratch).Mean,
                GrayRelativeL1: graySum > 0 ? grayDifference / graySum : 0);
        }

        /// <summary>
        /// The SSIM map of plane <paramref name="plane"/> against <paramref name="b"/> averaged over
        /// the pixels whose whole window lies inside the image, and over those of them in the hole
        /// (NaN when there are none), the map's values summed in row order.
        /// </summary>
        private (double Mean, double HoleMean, int HoleCount) SsimMeans(int plane, double[] b, Scratch scratch)
        {
            var a = planes[plane];
            var meanA = means[plane];
            var meanAA = squareMeans[plane];
            var meanB = Blur(b, width, height, scratch.Rows, scratch.MeanB);
            var meanBB = Blur(Product(b, b, scratch.Product), width, height, scratch.Rows, scratch.MeanBB);
            var meanAB = Blur(Product(a, b, scratch.Product), width, height, scratch.Rows, scratch.MeanAB);
            double sum = 0, holeSum = 0;
            int count = 0, holeCount = 0;
            for (int y = Radius; y < height - Radius; y++)
                for (int x = Radius; x < width - Radius; x++)
                {
                    int i = y * width + x;
                    double ma = meanA[i], mb = meanB[i];
                    double va = meanAA[i] - ma * ma, vb = meanBB[i] - mb * mb, cov = meanAB[i] - ma * mb;
                    double value = (2 * ma * mb + C1) * (2 * cov + C2) / ((ma * ma + mb * mb + C1) * (va + vb + C2));
                    sum += value;
                    count++;
                    if (mask.Hole[i])
                    {
                        holeSum += value;
                        holeCount++;
                    }
                }
            return (sum / count, holeCount > 0 ? holeSum / holeCount : double.NaN, holeCount);
        }
    }

    /// <summary>
    /// A thread's working planes for <see cref="Reference.Measure"/>: scoring thousands of outputs
    /// would otherwise allocate a megabyte each, and the collector would hand out fresh pages for it.
    /// </summary>
    private sealed class Scratch(int pixels)
    {
        [ThreadStatic] private static Scratch? current;

        public double[] Plane { get; } = new double[pixels];
        public double[] Product { get; } = new double[pixels];
        public double[] Rows { get; } = new double[pixels];
        public double[] MeanB { get; } = new double[pixels];
        public double[] MeanBB { get; } = new double[pixels];
        public double[] MeanAB { get; } = new double[pixels];

        public static Scratch For(int pixels) =>
            current is { } scratch && scratch.Plane.Length == pixels ? scratch : current = new Scratch(pixels);
    }

    private static double PsnrOf(double meanSquaredError) =>
        meanSquaredError <= 0 ? IdenticalPsnr : Math.Min(IdenticalPsnr, 10 * Math.Log10(1 / meanSquaredError));

    private static double[] Plane(RgbImage image, int channel, double[]? plane = null)
    {
        plane ??= new double[image.Width * image.Height];
        for (int i = 0; i < plane.Length; i++)
            plane[i] = image.Pixels[3 * i + channel] / 255.0;
        return plane;
    }

    private static double[] Gray(RgbImage image, double[]? plane = null)
    {
        plane ??= new double[image.Width * image.Height];
        for (int i = 0; i < plane.Length; i++)
            plane[i] = (0.299 * image.Pixels[3 * i] + 0.587 * image.Pixels[3 * i + 1] + 0.114 * image.Pixels[3 * i + 2]) / 255.0;
        return plane;
    }

    private static double[] GaussianWindow()
    {
        var window = new double[2 * Radius + 1];
        for (int k = -Radius; k <= Radius; k++)
            window[k + Radius] = Math.Exp(-0.5 * k * k / (Sigma * Sigma));
        double total = window.Sum();
        return window.Select(w => w / total).ToArray();
    }

    private static double[] Product(double[] a, double[] b, double[]? product = null)
    {
        product ??= new double[a.Length];
        for (int i = 0; i < a.Length; i++)
            product[i] = a[i] * b[i];
        return product;
    }

    /// <summary>
    /// Separable Gaussian filter, computed only where the window fits inside the image. Each output
    /// is 0 + w[0] p[-5] + ... + w[10] p[5], added in that order (the rows a tap at a time, as
    /// vectors; multiply and add stay separate operations, so the sums are those of a scalar loop).
    /// Written into <paramref name="blurred"/> when given (<paramref name="rows"/> holds the
    /// horizontal pass); only the inner region of the result is meaningful.
    /// </summary>
    private static double[] Blur(double[] plane, int width, int height, double[]? rows = null, double[]? blurred = null)
    {
        int inner = width - 2 * Radius;
        rows ??= new double[plane.Length];
        blurred ??= new double[plane.Length];
        for (int y = 0; y < height; y++)
        {
            var target = rows.AsSpan(y * width + Radius, inner);
            target.Clear();
            for (int k = 0; k <= 2 * Radius; k++)
                AddScaled(target, plane.AsSpan(y * width + k, inner), Window[k]);
        }
        for (int y = Radius; y < height - Radius; y++)
        {
            var target = blurred.AsSpan(y * width + Radius, inner);
            target.Clear();
            for (int k = 0; k <= 2 * Radius; k++)
                AddScaled(target, rows.AsSpan((y - Radius + k) * width + Radius, inner), Window[k]);
        }
        return blurred;
    }

    /// <summary>target[i] += weight * source[i].</summary>
    private static void AddScaled(Span<double> target, ReadOnlySpan<double> source, double weight)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var w = new Vector<double>(weight);
            for (; i <= target.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                var product = w * new Vector<double>(source[i..]);
                (new Vector<double>(target[i..]) + product).CopyTo(target[i..]);
            }
        }
        for (; i < target.Length; i++)
            target[i] += weight * source[i];
    }
}
