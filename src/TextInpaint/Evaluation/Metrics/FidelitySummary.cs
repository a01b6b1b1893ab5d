namespace TextInpaint.Evaluation.Metrics;

/// <summary>
/// Edge strength against the truth's (1: as sharp; over how many holes), colour spread against the
/// truth's (1: as flat), share of far hole pixels.
/// </summary>
public sealed record FidelitySummary(double EdgeRatio, int EdgeImages, double SpreadRatio, double FarShare);
