namespace TextInpaint.Data.SynthBirds;

/// <summary>What a caption can say about a bird: one value of its <see cref="BirdAttributes"/>.</summary>
public enum BirdTrait
{
    CrownColor,
    WingColor,
    WingPatternColor,
    BellyColor,
    TailColor,
    BeakColor,
    BodyColor,
    EyeRingColor,
    BeakLength,
    WingPattern,
    EyeRing,
    Size,
}
