namespace TextInpaint.Evaluation.Metrics;

/// <summary>A region's hole PSNR over the pooled squared error of all its hole pixels (data range 1), and how many pixels that was.</summary>
public readonly record struct RegionPsnr(double Psnr, long Pixels);
