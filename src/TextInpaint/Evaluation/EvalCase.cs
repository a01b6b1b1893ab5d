using TextInpaint.Data.SynthBirds;
using TextInpaint.Evaluation.TextConsistency;
using TextInpaint.Imaging;

namespace TextInpaint.Evaluation;

/// <summary>One test image with its hole and the captions each method is given.</summary>
/// <param name="Truth">SynthBirds' part map and attributes, when the data set has them at the evaluation's size.</param>
/// <param name="Edit">The true caption with one colour of a part in the hole changed (SynthBirds).</param>
public sealed record EvalCase(int Index, RgbImage Image, Mask Mask, string Caption, string ShuffledCaption, long ClassId, SynthBirdsTruth? Truth,
    EditedCaption? Edit);
