using TextInpaint.Imaging;

namespace TextInpaint.Evaluation;

/// <summary>Everything one evaluation measured.</summary>
public sealed record InpaintingEvaluationResult(InpaintingEvalOptions Options, int Images, long TrainingStep, IReadOnlyList<MethodScores> Methods,
    string? Note, IReadOnlyList<SheetCell> Sheet);
