namespace TextInpaint.Evaluation.Metrics;

/// <summary>
/// FID (ResNet-18) between a set of outputs and their truths, and their mean feature distance,
/// over how many images; NaN for FID below two images.
/// </summary>
public sealed record FeatureSummary(int Images, double Frechet, double Distance);
