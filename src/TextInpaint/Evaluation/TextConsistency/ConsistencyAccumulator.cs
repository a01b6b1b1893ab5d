using TextInpaint.Data.SynthBirds;

namespace TextInpaint.Evaluation.TextConsistency;

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
