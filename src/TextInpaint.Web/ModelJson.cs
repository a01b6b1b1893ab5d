namespace TextInpaint.Web;

/// <summary>The loaded model.</summary>
/// <param name="Colours">The palette's colour names the vocabulary knows, for swapping one colour word.</param>
public sealed record ModelJson(string Name, string Preset, int ImageSize, bool UsesText, bool UsesWordDemand,
    int VocabularySize, int MaxWords, IReadOnlyList<string> Colours, LimitsJson Limits);
