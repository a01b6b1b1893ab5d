using TextInpaint.Evaluation.TextConsistency;

namespace TextInpaint.Inference;

/// <summary>What the demo measured and wrote.</summary>
public sealed record DemoResult(IReadOnlyList<DemoCase> Cases, ConsistencySummary Consistency, ConsistencySummary Controllability,
    string Sheet, string Page, TimeSpan Elapsed);
