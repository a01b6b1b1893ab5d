namespace TextInpaint.Evaluation.Metrics;

/// <summary>Means of <see cref="ImageQuality"/> over a set of images.</summary>
/// <param name="Images">Images measured.</param>
/// <param name="HoleSsimImages">Images whose hole reaches the inner region where SSIM is defined.</param>
public sealed record QualitySummary(
    int Images, int HoleSsimImages,
    double Psnr, double Ssim, double L1,
    double HolePsnr, double HoleSsim, double HoleL1,
    double GrayPsnr, double GraySsim, double GrayRelativeL1);
