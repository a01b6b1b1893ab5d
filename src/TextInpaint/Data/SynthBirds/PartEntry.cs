namespace TextInpaint.Data.SynthBirds;

/// <summary>A part label as written to synthbirds.json.</summary>
public sealed record PartEntry(int Id, string Name);
