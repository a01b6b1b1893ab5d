using TextInpaint.Data.SynthBirds;
using TextInpaint.Imaging;
using TextInpaint.Text;

namespace TextInpaint.Evaluation.TextConsistency;

/// <summary>
/// Judges whether an inpainted SynthBirds image shows the colours its caption states where the
/// hole hid them. A colour mention is judged when its part lies mostly (more than half of its
/// pixels) in the hole, and when every word of the mention survives the caption's encoding
/// (<see cref="CaptionEncoder"/> keeps 16 words of a longer caption): the model cannot follow a
/// word it was not given. The output's colour is read over the part's pixels in the hole only;
/// the wing pattern's, wherever on the hidden wing (<see cref="PartColours.ShowsPattern"/>).
/// </summary>
public static class ColourJudge
{
    public const double MostlyInHole = 0.5;

    /// <summary>The caption's colour mentions that can be judged for this hole.</summary>
    public static IReadOnlyList<(TraitMention Mention, BirdPart Part, BirdColor Colour)> JudgeableMentions(
        BirdCaption caption, PartLabelMap parts, Mask hole)
    {
        var kept = new HashSet<int>(CaptionEncoder.KeptPositions(Tokenizer.Tokenize(caption.Text).Count));
        var judgeable = new List<(TraitMention, BirdPart, BirdColor)>();
        foreach (var mention in caption.Mentions)
        {
            if (BirdAttributes.PartOf(mention.Trait) is not { } part) continue;
            if (!Enum.TryParse<BirdColor>(mention.Value, ignoreCase: true, out var colour)) continue;
            if (parts.ShareInHole(part, hole) <= MostlyInHole) continue;
            int first = Tokenizer.Tokenize(caption.Text[..mention.Start]).Count;
            int count = Tokenizer.Tokenize(caption.Text.Substring(mention.Start, mention.Length)).Count;
            if (Enumerable.Range(first, count).All(kept.Contains))
                judgeable.Add((mention, part, colour));
        }
        return judgeable;
    }

    /// <summary>Judges <paramref name="output"/> against the colours <paramref name="caption"/> states.</summary>
    public static IReadOnlyList<ColourJudgment> Judge(RgbImage output, PartLabelMap parts, Mask hole, BirdCaption caption) =>
        JudgeableMentions(caption, parts, hole)
            .Select(m => new ColourJudgment(m.Part, m.Colour, Seen(output, parts, hole, m.Part, m.Colour), parts.ShareInHole(m.Part, hole)))
            .ToArray();

    /// <summary>The colour the output shows for a part; for the wing pattern, the stated one when the hidden wing shows it as a pattern.</summary>
    private static BirdColor Seen(RgbImage output, PartLabelMap parts, Mask hole, BirdPart part, BirdColor stated)
    {
        var classified = PartColours.Classify(output, parts, part, hole)!.Value;
        if (part != BirdPart.WingPattern)
            return classified;
        if (PartColours.ShowsPattern(output, parts, hole, stated) == true)
            return stated;
        return classified != stated ? classified : PartColours.Classify(output, parts, BirdPart.Wing, hole) ?? classified;
    }
}
