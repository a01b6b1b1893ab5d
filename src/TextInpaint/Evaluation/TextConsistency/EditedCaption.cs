using TextInpaint.Data.SynthBirds;

namespace TextInpaint.Evaluation.TextConsistency;

/// <summary>A caption with one colour changed on purpose, and what the output should now show.</summary>
/// <param name="Caption">The edited caption, its mentions moved to the new text.</param>
/// <param name="Part">The part whose colour was changed.</param>
/// <param name="Original">The colour the image really has there.</param>
/// <param name="Edited">The colour the edited caption asks for.</param>
public sealed record EditedCaption(BirdCaption Caption, BirdPart Part, BirdColor Original, BirdColor Edited);
