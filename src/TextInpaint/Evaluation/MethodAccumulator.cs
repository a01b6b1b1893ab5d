using TextInpaint.Evaluation.Metrics;
using TextInpaint.Evaluation.TextConsistency;
using TextInpaint.Imaging;

namespace TextInpaint.Evaluation;

/// <summary>
/// Everything one method's outputs are scored on, gathered case by case: image quality overall
/// and per hole-area bin, on SynthBirds the colour judgments against the true caption (and for
/// the edited caption against the edited colour), and the outputs' DAMSM image features for
/// R-precision.
/// </summary>
public sealed class MethodAccumulator(EvalMethod method, bool judgesColours)
{
    private readonly QualityAccumulator quality = new();
    private readonly QualityAccumulator[] perArea = AreaBins.Names.Select(_ => new QualityAccumulator()).ToArray();
    private readonly ConsistencyAccumulator consistency = new();
    private readonly ConsistencyAccumulator controllability = new();
    private readonly List<float[]> imageFeatures = [];

    public EvalMethod Method { get; } = method;

    /// <summary>Scores one output against its case.</summary>
    public void Add(EvalCase c, RgbImage output)
    {
        var measured = ImageQuality.Measure(c.Image, output, c.Mask);
        quality.Add(measured);
        perArea[AreaBins.Of(c.Mask.HoleFraction)].Add(measured);
        if (c.Truth is { } truth)
            consistency.Add(ColourJudge.Judge(output, truth.Parts, c.Mask, truth.Captions[0]));
        if (IsEdited && c.Edit is { } edit)
            controllability.Add(ColourJudge.Judge(output, c.Truth!.Parts, c.Mask, edit.Caption).Where(j => j.Part == edit.Part));
    }

    /// <summary>The DAMSM global features of a batch's outputs, in case order.</summary>
    public void AddImageFeatures(IEnumerable<float[]> features) => imageFeatures.AddRange(features);

    /// <summary>The method's figures, with R-precision against <paramref name="retrieval"/>'s captions.</summary>
    public MethodScores Compute(OutputRetrieval retrieval) => new(Method.Name, Method.Description, quality.Compute(),
        AreaBins.Names.Select((name, bin) => (name, bin)).Where(b => perArea[b.bin].Count > 0)
            .ToDictionary(b => b.name, b => perArea[b.bin].Compute()),
        retrieval.RPrecision(imageFeatures),
        judgesColours ? consistency.Compute() : null,
        judgesColours && IsEdited ? controllability.Compute() : null);

    private bool IsEdited => Method.Name == EvalMethods.Edited;
}
