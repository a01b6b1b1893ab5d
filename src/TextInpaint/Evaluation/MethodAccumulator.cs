using TextInpaint.Evaluation.Metrics;
using TextInpaint.Evaluation.TextConsistency;
using TextInpaint.Imaging;

namespace TextInpaint.Evaluation;

/// <summary>
/// Everything one method's outputs are scored on, gathered case by case: image quality overall
/// and per hole-area bin, on SynthBirds the colour judgments against the true caption (and for
/// the edited caption against the edited colour) and the hole's error on the parts that caption
/// names, the bird's other parts and the background, the outputs' DAMSM image features for
/// R-precision, and their ImageNet ResNet-18 features for FID (ResNet-18) and the feature distance,
/// overall and per hole-area bin.
/// </summary>
public sealed class MethodAccumulator(EvalMethod method, bool judgesColours)
{
    private readonly QualityAccumulator quality = new();
    private readonly QualityAccumulator[] perArea = AreaBins.Names.Select(_ => new QualityAccumulator()).ToArray();
    private readonly FeatureAccumulator features = new();
    private readonly FeatureAccumulator[] featuresPerArea = AreaBins.Names.Select(_ => new FeatureAccumulator()).ToArray();
    private readonly ConsistencyAccumulator consistency = new();
    private readonly ConsistencyAccumulator controllability = new();
    private readonly RegionErrors regions = new();
    private readonly List<float[]> imageFeatures = [];
    private readonly DemandRanking demand = new();
    private readonly FidelityAccumulator fidelity = new();

    public EvalMethod Method { get; } = method;

    /// <summary>
    /// Scores one output against its case, whose truth's side of the image measures is
    /// <paramref name="reference"/> and whose ResNet-18 figures are <paramref name="features"/>. Touches
    /// no state: outputs may be scored in parallel, then added in case order.
    /// </summary>
    public OutputScore Score(EvalCase c, ImageQuality.Reference reference, RgbImage output, FeatureScore? features)
    {
        var consistencyJudgments = c.Truth is { } truth ? ColourJudge.Judge(output, truth.Parts, c.Mask, truth.Captions[0]) : null;
        var controllabilityJudgments = IsEdited && c.Edit is { } edit
            ? ColourJudge.Judge(output, c.Truth!.Parts, c.Mask, edit.Caption).Where(j => j.Part == edit.Part).ToArray()
            : null;
        var regionErrors = c.Truth is { } known ? RegionErrors.Measure(c.Image, output, c.Mask, known.Parts, known.Parts.NamedBy(known.Captions[0])) : null;
        return new OutputScore(reference.Measure(output), c.Mask.HoleFraction, consistencyJudgments, controllabilityJudgments, regionErrors,
            HoleFidelity.Measure(c.Image, output, c.Mask, c.Truth?.Parts), features);
    }

    /// <summary>Adds one output's scores to the method's figures.</summary>
    public void Add(OutputScore score)
    {
        quality.Add(score.Quality);
        perArea[AreaBins.Of(score.HoleFraction)].Add(score.Quality);
        if (score.Features is { } read)
        {
            features.Add(read);
            featuresPerArea[AreaBins.Of(score.HoleFraction)].Add(read);
        }
        if (score.Consistency is { } judgments)
            consistency.Add(judgments);
        if (score.Controllability is { } edited)
            controllability.Add(edited);
        if (score.Regions is { } errors)
            regions.Add(errors);
        fidelity.Add(score.Fidelity);
    }

    /// <summary>
    /// Adds the demand a model gave the words of a case's caption, judged against the true
    /// caption's parts (SynthBirds; only for a method given the true caption).
    /// </summary>
    public void AddDemand(EvalCase c, IReadOnlyList<double> words)
    {
        if (judgesColours && c.Truth is { Captions.Count: > 0 } truth && truth.Captions[0].Text == c.Caption && ReadsTrueCaption)
            demand.Add(truth.Captions[0], truth.Parts, c.Mask, words);
    }

    /// <summary>The DAMSM global features of a batch's outputs, in case order.</summary>
    public void AddImageFeatures(IEnumerable<float[]> features) => imageFeatures.AddRange(features);

    /// <summary>The method's figures, with R-precision against <paramref name="retrieval"/>'s captions.</summary>
    public MethodScores Compute(OutputRetrieval retrieval) => new(Method.Name, Method.Description, quality.Compute(),
        AreaBins.Names.Select((name, bin) => (name, bin)).Where(b => perArea[b.bin].Count > 0)
            .ToDictionary(b => b.name, b => perArea[b.bin].Compute()),
        retrieval.RPrecision(imageFeatures),
        judgesColours ? consistency.Compute() : null,
        judgesColours && IsEdited ? controllability.Compute() : null,
        judgesColours
            ? Enum.GetValues<HoleRegion>().Select(r => (Region: r, Psnr: regions.Psnr(r))).Where(p => p.Psnr is not null)
                .ToDictionary(p => p.Region, p => p.Psnr!.Value)
            : null,
        judgesColours
            ? RegionErrors.PartRegions.Select(key => (Key: key, Psnr: regions.Psnr(key.Region, key.FullyHidden))).Where(p => p.Psnr is not null)
                .ToDictionary(p => p.Key, p => p.Psnr!.Value)
            : null)
    {
        Demand = demand.Captions > 0 ? new DemandSummary(demand.Ranking, demand.ShareRanking, demand.Pairs, demand.MeanEntropy, demand.Captions) : null,
        Fidelity = fidelity.Compute(),
        Features = features.Count > 0 ? features.Compute() : null,
        FeaturesPerArea = features.Count == 0 ? null : AreaBins.Names.Select((name, bin) => (name, bin)).Where(b => featuresPerArea[b.bin].Count > 0)
            .ToDictionary(b => b.name, b => featuresPerArea[b.bin].Compute()),
    };

    private bool IsEdited => Method.Name == EvalMethods.Edited;

    private bool ReadsTrueCaption => Method.Name is not (EvalMethods.Shuffled or EvalMethods.Empty or EvalMethods.Edited);
}
