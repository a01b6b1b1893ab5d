using System.Globalization;
using System.Text;
using TextInpaint.Data;
using TextInpaint.Data.Batching;
using TextInpaint.Runtime;
using TextInpaint.Storage;
using TextInpaint.Text;

namespace TextInpaint.Evaluation;

public sealed record DamsmReportResult(DamsmEvaluation Evaluation, string Markdown, string MarkdownPath, string FigurePath);
