using TextInpaint.Data.SynthBirds;

namespace TextInpaint.Evaluation.TextConsistency;

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
