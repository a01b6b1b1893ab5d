namespace TextInpaint.Data.SynthBirds;

/// <summary>A caption and, for checking, every attribute value it states and where.</summary>
public sealed record BirdCaption(string Text, IReadOnlyList<TraitMention> Mentions);
