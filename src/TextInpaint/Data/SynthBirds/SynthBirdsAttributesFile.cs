namespace TextInpaint.Data.SynthBirds;

/// <summary>
/// attributes/&lt;key&gt;.json: the species and attributes of one image, its pose, and its captions
/// with what each one states (so evaluation can tell whether a caption is true of another image).
/// </summary>
public sealed record SynthBirdsAttributesFile(string Key, int ClassId, string Species, bool FacingLeft, BirdAttributes Attributes,
    IReadOnlyList<BirdCaption> Captions);
