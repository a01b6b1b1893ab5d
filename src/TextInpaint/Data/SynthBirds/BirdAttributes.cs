namespace TextInpaint.Data.SynthBirds;

/// <summary>
/// The look of a SynthBirds species. The body colour also covers the head below the crown.
/// <see cref="WingPatternColor"/> is set exactly when the wing has bars or spots, and
/// <see cref="EyeRingColor"/> exactly when the bird has an eye ring.
/// </summary>
public sealed record BirdAttributes(
    BirdColor Crown,
    BirdColor Wing,
    BirdColor Belly,
    BirdColor Tail,
    BirdColor Beak,
    BirdColor Body,
    BeakLength BeakLength,
    WingPattern WingPattern,
    BirdColor? WingPatternColor,
    BirdColor? EyeRingColor,
    BirdSize Size)
{
    public bool HasEyeRing => EyeRingColor is not null;

    /// <summary>The colour drawn for a part, or null for a part without a caption colour (legs, eye) or absent.</summary>
    public BirdColor? ColorOf(BirdPart part) => part switch
    {
        BirdPart.Body or BirdPart.Head => Body,
        BirdPart.Belly => Belly,
        BirdPart.Crown => Crown,
        BirdPart.Wing => Wing,
        BirdPart.WingPattern => WingPatternColor,
        BirdPart.Tail => Tail,
        BirdPart.Beak => Beak,
        BirdPart.EyeRing => EyeRingColor,
        _ => null,
    };

    /// <summary>The value of a trait as its lower-case name ("red", "long", "bars", "yes"), or null when absent.</summary>
    public string? ValueOf(BirdTrait trait) => trait switch
    {
        BirdTrait.CrownColor => BirdPalette.Name(Crown),
        BirdTrait.WingColor => BirdPalette.Name(Wing),
        BirdTrait.WingPatternColor => WingPatternColor is { } c ? BirdPalette.Name(c) : null,
        BirdTrait.BellyColor => BirdPalette.Name(Belly),
        BirdTrait.TailColor => BirdPalette.Name(Tail),
        BirdTrait.BeakColor => BirdPalette.Name(Beak),
        BirdTrait.BodyColor => BirdPalette.Name(Body),
        BirdTrait.EyeRingColor => EyeRingColor is { } c ? BirdPalette.Name(c) : null,
        BirdTrait.BeakLength => BeakLength.ToString().ToLowerInvariant(),
        BirdTrait.WingPattern => WingPattern.ToString().ToLowerInvariant(),
        BirdTrait.EyeRing => HasEyeRing ? "yes" : "no",
        BirdTrait.Size => Size.ToString().ToLowerInvariant(),
        _ => throw new ArgumentOutOfRangeException(nameof(trait), trait, null),
    };

    /// <summary>The part whose colour a colour trait names, or null for a trait that is not a colour.</summary>
    public static BirdPart? PartOf(BirdTrait trait) => trait switch
    {
        BirdTrait.CrownColor => BirdPart.Crown,
        BirdTrait.WingColor => BirdPart.Wing,
        BirdTrait.WingPatternColor => BirdPart.WingPattern,
        BirdTrait.BellyColor => BirdPart.Belly,
        BirdTrait.TailColor => BirdPart.Tail,
        BirdTrait.BeakColor => BirdPart.Beak,
        BirdTrait.BodyColor => BirdPart.Body,
        BirdTrait.EyeRingColor => BirdPart.EyeRing,
        _ => null,
    };
}
