using TextInpaint.Evaluation.Metrics;
using TextInpaint.Evaluation.TextConsistency;

namespace TextInpaint.Evaluation;

/// <summary>One method's figures: image quality (overall and per hole-area bin), and on SynthBirds the text consistency.</summary>
/// <param name="PerArea">Quality per <see cref="AreaBins"/> bin that has images.</param>
/// <param name="RPrecision">R-precision of the outputs against their true captions with the model's DAMSM
/// encoders (AttnGAN's protocol: 99 captions of other classes, 10 draws).</param>
/// <param name="Consistency">Agreement of the output's part colours with the true caption (null without part maps).</param>
/// <param name="Controllability">For the edited-caption method: the rate at which the output shows the edited colour.</param>
/// <param name="Regions">Hole PSNR per <see cref="HoleRegion"/> that had hole pixels, pooled over the split (null without part maps).</param>
/// <param name="PartsByHiding">Hole PSNR of the named and the other parts split by whether the hole hid the part
/// fully or partly (see <see cref="RegionErrors"/>), where they had hole pixels (null without part maps).</param>
public sealed record MethodScores(string Method, string Description, QualitySummary Quality, IReadOnlyDictionary<string, QualitySummary> PerArea,
    RPrecisionResult? RPrecision, ConsistencySummary? Consistency, ConsistencySummary? Controllability,
    IReadOnlyDictionary<HoleRegion, RegionPsnr>? Regions,
    IReadOnlyDictionary<(HoleRegion Region, bool FullyHidden), RegionPsnr>? PartsByHiding)
{
    /// <summary>How the model's word demand followed the hole (a model with the true caption, on SynthBirds); null otherwise.</summary>
    public DemandSummary? Demand { get; init; }

    /// <summary>Edge strength, colour spread and far pixels in the hole against the truth (<see cref="HoleFidelity"/>).</summary>
    public FidelitySummary? Fidelity { get; init; }

    /// <summary>FID (ResNet-18) against the truths and the mean feature distance (<see cref="FeatureAccumulator"/>).</summary>
    public FeatureSummary? Features { get; init; }

    /// <summary>The same per <see cref="AreaBins"/> bin that has images.</summary>
    public IReadOnlyDictionary<string, FeatureSummary>? FeaturesPerArea { get; init; }
}
