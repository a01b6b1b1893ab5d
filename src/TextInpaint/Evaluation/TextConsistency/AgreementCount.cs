namespace TextInpaint.Evaluation.TextConsistency;

/// <summary>Agreements among judgments; <see cref="Rate"/> is NaN when nothing could be judged.</summary>
public readonly record struct AgreementCount(int Judgments, int Agreements)
{
    public double Rate => Judgments == 0 ? double.NaN : (double)Agreements / Judgments;

    public AgreementCount With(bool agrees) => new(Judgments + 1, Agreements + (agrees ? 1 : 0));
}
