namespace TextInpaint.Evaluation.Metrics;

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
