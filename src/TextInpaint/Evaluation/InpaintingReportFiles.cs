using TextInpaint.Storage;
using ScottPlot;
using System.Globalization;
using System.Text;
using TextInpaint.Data.SynthBirds;
using TextInpaint.Evaluation.Metrics;
using TextInpaint.Evaluation.TextConsistency;
using TextInpaint.Imaging;

namespace TextInpaint.Evaluation;

/// <summary>
/// The files an evaluation writes: a Markdown table and a CSV covering every mask kind evaluated,
/// and per mask kind a comparison sheet and a plot per hole-area bin.
/// </summary>
public sealed record InpaintingReportFiles(string Markdown, string Csv, IReadOnlyList<string> Sheets, IReadOnlyList<string> AreaPlots, string MarkdownText);
