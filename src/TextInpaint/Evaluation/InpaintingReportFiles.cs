namespace TextInpaint.Evaluation;

/// <summary>
/// The files an evaluation writes: a Markdown table and a CSV covering every mask kind evaluated,
/// and per mask kind a comparison sheet and a plot per hole-area bin.
/// </summary>
public sealed record InpaintingReportFiles(string Markdown, string Csv, IReadOnlyList<string> Sheets, IReadOnlyList<string> AreaPlots, string MarkdownText);
