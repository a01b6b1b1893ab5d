namespace TextInpaint.Data.SynthBirds;

/// <summary>Where a caption states one attribute value: the words from Start, Length characters long.</summary>
public readonly record struct TraitMention(BirdTrait Trait, string Value, int Start, int Length);
