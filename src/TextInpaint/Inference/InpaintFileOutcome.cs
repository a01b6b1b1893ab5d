namespace TextInpaint.Inference;

/// <summary>
/// What an <see cref="InpaintFileJob"/> has to tell: warnings (a resized mask, a lossy output
/// format, an explanation that could not be drawn) and, with an explanation, the words' demand.
/// </summary>
public sealed record InpaintFileOutcome(IReadOnlyList<string> Warnings, string? WordDemand = null);
