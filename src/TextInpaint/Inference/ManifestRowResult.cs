namespace TextInpaint.Inference;

/// <summary>The outcome of one manifest row: done (with notes) or failed (with the reason).</summary>
public sealed record ManifestRowResult(int Line, string Output, bool Succeeded, IReadOnlyList<string> Messages, string? WordDemand = null);
