namespace TextInpaint.Data.SynthBirds;

/// <summary>
/// One generated SynthBirds image with everything known about it: its species, its own look (the species' shape
/// in this bird's colours), the picture and the captions.
/// </summary>
public sealed record SynthBird(string Key, BirdSpecies Species, BirdAttributes Attributes, RenderedBird Rendered, IReadOnlyList<BirdCaption> Captions);
