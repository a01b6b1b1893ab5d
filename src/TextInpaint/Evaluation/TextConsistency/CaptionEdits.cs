using TextInpaint.Data.SynthBirds;
using TextInpaint.Imaging;

namespace TextInpaint.Evaluation.TextConsistency;

/// <summary>
/// Changes one judgeable colour of a caption ("red crown" → "white crown") to measure
/// controllability: whether the output follows the text rather than what the bird's visible
/// parts suggest. The new colour is drawn from the five palette colours farthest (in RGB) from
/// the original, so that the change is plain to see.
/// </summary>
public static class CaptionEdits
{
    /// <summary>The edited caption, or null when no colour mention of the caption can be judged for this hole.</summary>
    public static EditedCaption? ChangeOneColour(BirdCaption caption, PartLabelMap parts, Mask hole, Random random)
    {
        var judgeable = ColourJudge.JudgeableMentions(caption, parts, hole);
        if (judgeable.Count == 0) return null;
        var (mention, part, original) = judgeable[random.Next(judgeable.Count)];
        var edited = ColourEdits.FarColour(original, random);
        return new EditedCaption(ColourEdits.Replace(caption, mention, edited), part, original, edited);
    }
}
