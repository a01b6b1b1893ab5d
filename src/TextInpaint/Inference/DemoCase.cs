using TextInpaint.Evaluation.TextConsistency;
using TextInpaint.Imaging;

namespace TextInpaint.Inference;

/// <summary>One bird of the demo: its picture, hole, captions and both results.</summary>
public sealed record DemoCase(string Key, RgbImage Truth, Mask Hole, string Caption, EditedCaption Edit, RgbImage TrueResult, RgbImage EditedResult,
    IReadOnlyList<ColourJudgment> Consistency, IReadOnlyList<ColourJudgment> Controllability);
