using TextInpaint.Data.SynthBirds;

namespace TextInpaint.Evaluation.TextConsistency;

/// <summary>
/// One colour a caption states about a part in the hole, the colour the output shows there, and
/// the share of the part's pixels the hole hid.
/// </summary>
public sealed record ColourJudgment(BirdPart Part, BirdColor Stated, BirdColor Seen, double ShareInHole)
{
    /// <summary>A part counts as fully hidden when at least this share of its pixels lies in the hole.</summary>
    public const double FullyHiddenShare = 0.9;

    public bool Agrees => Stated == Seen;

    /// <summary>Whether the hole hid (nearly) all of the part, so that nothing of it showed to continue.</summary>
    public bool FullyHidden => ShareInHole >= FullyHiddenShare;
}
