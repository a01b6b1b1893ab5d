using TextInpaint.Data.SynthBirds;

namespace TextInpaint.Evaluation.TextConsistency;

/// <summary>Agreement rate over judgments, overall and per part.</summary>
public sealed record ConsistencySummary(int Judgments, int Agreements, IReadOnlyDictionary<BirdPart, (int Judgments, int Agreements)> PerPart)
{
    /// <summary>Agreements over judgments; NaN when nothing could be judged.</summary>
    public double Rate => Judgments == 0 ? double.NaN : (double)Agreements / Judgments;
}

/// <summary>Counts colour judgments: <see cref="Add"/> them image by image, then <see cref="Compute"/>.</summary>
public sealed class ConsistencyAccumulator
{
    private readonly Dictionary<BirdPart, (int Judgments, int Agreements)> perPart = [];

    public void Add(IEnumerable<ColourJudgment> judgments)
    {
        foreach (var judgment in judgments)
        {
            var (count, agreed) = perPart.GetValueOrDefault(judgment.Part);
            perPart[judgment.Part] = (count + 1, agreed + (judgment.Agrees ? 1 : 0));
        }
    }

    public ConsistencySummary Compute() => new(
        perPart.Values.Sum(v => v.Judgments), perPart.Values.Sum(v => v.Agreements),
        new Dictionary<BirdPart, (int, int)>(perPart));

    public void Reset() => perPart.Clear();
}
