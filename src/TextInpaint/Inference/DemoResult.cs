using System.Net;
using System.Text;
using TextInpaint.Data.Masks;
using TextInpaint.Data.SynthBirds;
using TextInpaint.Evaluation.TextConsistency;
using TextInpaint.Imaging;
using TextInpaint.Storage;

namespace TextInpaint.Inference;

/// <summary>What the demo measured and wrote.</summary>
public sealed record DemoResult(IReadOnlyList<DemoCase> Cases, ConsistencySummary Consistency, ConsistencySummary Controllability,
    string Sheet, string Page, TimeSpan Elapsed);
