namespace TextInpaint.Evaluation;

public sealed record DamsmReportResult(DamsmEvaluation Evaluation, string Markdown, string MarkdownPath, string FigurePath);
