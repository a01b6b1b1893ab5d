using TextInpaint.Data.Masks;
using TextInpaint.Evaluation.Metrics;
using TextInpaint.Imaging;
using TextInpaint.Models;
using TextInpaint.Runtime;
using TextInpaint.Storage;

namespace TextInpaint.Evaluation;

/// <summary>Everything one evaluation measured.</summary>
public sealed record InpaintingEvaluationResult(InpaintingEvalOptions Options, int Images, long TrainingStep, IReadOnlyList<MethodScores> Methods,
    string? Note, IReadOnlyList<SheetCell> Sheet);
