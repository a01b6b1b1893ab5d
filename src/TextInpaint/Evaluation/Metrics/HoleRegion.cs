namespace TextInpaint.Evaluation.Metrics;

/// <summary>Where a hole pixel of a SynthBirds image lies.</summary>
public enum HoleRegion
{
    /// <summary>On a part whose colour the true caption states.</summary>
    NamedParts,

    /// <summary>On a part of the bird the caption says nothing of.</summary>
    OtherParts,

    /// <summary>Off the bird.</summary>
    Background,
}
