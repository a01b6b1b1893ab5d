namespace TextInpaint.Evaluation.Metrics;

/// <summary>
/// One output's figures on the ImageNet ResNet-18 (<see cref="FeatureScorer"/>): its pooled features, its
/// truth's, and the feature distance between the two (<see cref="Losses.FeatureDistance"/>).
/// </summary>
public sealed record FeatureScore(float[] Output, float[] Truth, double Distance);
