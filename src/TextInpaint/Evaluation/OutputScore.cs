using TextInpaint.Evaluation.Metrics;
using TextInpaint.Evaluation.TextConsistency;

namespace TextInpaint.Evaluation;

/// <summary>
/// One output's scores: image quality, the hole's share of the image, the colour judgments, the
/// hole's error per region (null where not judged), its fidelity to the truth and its ResNet-18 figures (null when not read).
/// </summary>
public sealed record OutputScore(
    ImageQuality Quality,
    double HoleFraction,
    IReadOnlyList<ColourJudgment>? Consistency,
    IReadOnlyList<ColourJudgment>? Controllability,
    RegionErrors? Regions,
    HoleFidelity Fidelity,
    FeatureScore? Features);
