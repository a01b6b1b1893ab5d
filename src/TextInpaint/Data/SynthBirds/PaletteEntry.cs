namespace TextInpaint.Data.SynthBirds;

/// <summary>A palette entry as written to synthbirds.json.</summary>
public sealed record PaletteEntry(string Name, int R, int G, int B);
