namespace TextInpaint.Evaluation.Metrics;

/// <summary>Means of <see cref="ImageQuality"/> over a set of images.</summary>
/// <param name="Images">Images measured.</param>
/// <param name="HoleSsimImages">Images whose hole reaches the inner region where SSIM is defined.</param>
public sealed record QualitySummary(
    int Images, int HoleSsimImages,
    double Psnr, double Ssim, double L1,
    double HolePsnr, double HoleSsim, double HoleL1,
    double GrayPsnr, double GraySsim, double GrayRelativeL1);

/// <summary>Averages <see cref="ImageQuality"/> over images: <see cref="Add"/> one image at a time, then <see cref="Compute"/>.</summary>
public sealed class QualityAccumulator
{
    private int images, holeSsimImages;
    private double psnr, ssim, l1, holePsnr, holeSsim, holeL1, grayPsnr, graySsim, grayRelativeL1;

    public int Count => images;

    public void Add(ImageQuality quality)
    {
        images++;
        psnr += quality.Psnr;
        ssim += quality.Ssim;
        l1 += quality.L1;
        holePsnr += quality.HolePsnr;
        holeL1 += quality.HoleL1;
        if (quality.HoleSsim is { } value)
        {
            holeSsim += value;
            holeSsimImages++;
        }
        grayPsnr += quality.GrayPsnr;
        graySsim += quality.GraySsim;
        grayRelativeL1 += quality.GrayRelativeL1;
    }

    public QualitySummary Compute()
    {
        if (images == 0)
            throw new InvalidOperationException("no image has been added.");
        return new QualitySummary(images, holeSsimImages,
            psnr / images, ssim / images, l1 / images,
            holePsnr / images, holeSsimImages > 0 ? holeSsim / holeSsimImages : double.NaN, holeL1 / images,
            grayPsnr / images, graySsim / images, grayRelativeL1 / images);
    }

    public void Reset()
    {
        images = holeSsimImages = 0;
        psnr = ssim = l1 = holePsnr = holeSsim = holeL1 = grayPsnr = graySsim = grayRelativeL1 = 0;
    }
}

/// <summary>
/// Hole-area bins as LaMa reports them: the share of the image that is hole, in steps of 10% up
/// to 60%, then everything above. A share on an edge goes to the bin above it (10% is in 10-20%).
/// </summary>
public static class AreaBins
{
    public static IReadOnlyList<string> Names { get; } = ["0-10%", "10-20%", "20-30%", "30-40%", "40-50%", "50-60%", ">60%"];

    /// <summary>The index into <see cref="Names"/> of a hole that covers <paramref name="holeFraction"/> of the image.</summary>
    public static int Of(double holeFraction)
    {
        if (double.IsNaN(holeFraction) || holeFraction < 0 || holeFraction > 1)
            throw new ArgumentOutOfRangeException(nameof(holeFraction), holeFraction, "a hole fraction lies in [0, 1].");
        // The small tolerance puts a share on an edge (0.3, even when computed as 0.2999999999999999)
        // into the bin above it.
        int tenths = (int)Math.Floor(holeFraction * 10 + 1e-9);
        return Math.Min(tenths, Names.Count - 1);
    }
}
