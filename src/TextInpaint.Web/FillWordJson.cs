namespace TextInpaint.Web;

/// <summary>One word of the caption: its state and, for a word read, its demand weight and where it was placed.</summary>
/// <param name="Attention">Row-major attentionSide² map over the window (null for a dropped word).</param>
public sealed record FillWordJson(string Word, string State, double? Demand, float[]? Attention);
