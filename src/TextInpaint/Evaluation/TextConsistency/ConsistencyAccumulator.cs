using TextInpaint.Data.SynthBirds;

namespace TextInpaint.Evaluation.TextConsistency;

/// <summary>Agreements among judgments; <see cref="Rate"/> is NaN when nothing could be judged.</summary>
public readonly record struct AgreementCount(int Judgments, int Agreements)
{
    public double Rate => Judgments == 0 ? double.NaN : (double)Agreements / Judgments;

    public AgreementCount With(bool agrees) => new(Judgments + 1, Agreements + (agrees ? 1 : 0));
}

/// <summary>
/// Agreement rate over judgments, overall, per part, and split by how much of the part the hole
/// hid: fully (at least <see cref="ColourJudgment.FullyHiddenShare"/> of its pixels) or partly
/// (the rest of the judged parts, which lie mostly in the hole).
/// </summary>
public sealed record ConsistencySummary(int Judgments, int Agreements, IReadOnlyDictionary<BirdPart, (int Judgments, int Agreements)> PerPart)
{
    /// <summary>Agreements over judgments; NaN when nothing could be judged.</summary>
    public double Rate => Judgments == 0 ? double.NaN : (double)Agreements / Judgments;

    public AgreementCount FullyHidden { get; init; }

    public AgreementCount PartlyHidden { get; init; }
}

/// <summary>Counts colour judgments: <see cref="Add"/> them image by image, then <see cref="Compute"/>.</summary>
public sealed class ConsistencyAccumulator
{
    private readonly Dictionary<BirdPart, (int Judgments, int Agreements)> perPart = [];
    private AgreementCount fullyHidden, partlyHidden;

    public void Add(IEnumerable<ColourJudgment> judgments)
    {
        foreach (var judgment in judgments)
        {
            var (count, agreed) = perPart.GetValueOrDefault(judgment.Part);
            perPart[judgment.Part] = (count + 1, agreed + (judgment.Agrees ? 1 : 0));
            if (judgment.FullyHidden) fullyHidden = fullyHidden.With(judgment.Agrees);
            else partlyHidden = partlyHidden.With(judgment.Agrees);
        }
    }

    public ConsistencySummary Compute() => new(
        perPart.Values.Sum(v => v.Judgments), perPart.Values.Sum(v => v.Agreements),
        new Dictionary<BirdPart, (int, int)>(perPart))
    {
        FullyHidden = fullyHidden,
        PartlyHidden = partlyHidden,
    };

    public void Reset()
    {
        perPart.Clear();
        fullyHidden = partlyHidden = default;
    }
}
