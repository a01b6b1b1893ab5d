using TextInpaint.Data.SynthBirds;
using TextInpaint.Imaging;

namespace TextInpaint.Evaluation.TextConsistency;

/// <summary>A caption with one colour changed on purpose, and what the output should now show.</summary>
/// <param name="Caption">The edited caption, its mentions moved to the new text.</param>
/// <param name="Part">The part whose colour was changed.</param>
/// <param name="Original">The colour the image really has there.</param>
/// <param name="Edited">The colour the edited caption asks for.</param>
public sealed record EditedCaption(BirdCaption Caption, BirdPart Part, BirdColor Original, BirdColor Edited);

/// <summary>
/// Changes one judgeable colour of a caption ("red crown" → "white crown") to measure
/// controllability: whether the output follows the text rather than what the bird's visible
/// parts suggest. The new colour is drawn from the five palette colours farthest (in RGB) from
/// the original, so that the change is plain to see.
/// </summary>
public static class CaptionEdits
{
    private const int FarColours = 5;

    /// <summary>The edited caption, or null when no colour mention of the caption can be judged for this hole.</summary>
    public static EditedCaption? ChangeOneColour(BirdCaption caption, PartLabelMap parts, Mask hole, Random random)
    {
        var judgeable = ColourJudge.JudgeableMentions(caption, parts, hole);
        if (judgeable.Count == 0) return null;
        var (mention, part, original) = judgeable[random.Next(judgeable.Count)];
        var (or, og, ob) = BirdPalette.Rgb(original);
        var candidates = BirdPalette.Colors.Where(c => c != original)
            .OrderByDescending(c =>
            {
                var (r, g, b) = BirdPalette.Rgb(c);
                return (r - or) * (r - or) + (g - og) * (g - og) + (b - ob) * (b - ob);
            })
            .Take(FarColours)
            .ToArray();
        var edited = candidates[random.Next(candidates.Length)];
        return new EditedCaption(Replace(caption, mention, edited), part, original, edited);
    }

    /// <summary>Puts the colour's name in place of the mention's words, fixing "a"/"an" before it and later mentions' offsets.</summary>
    private static BirdCaption Replace(BirdCaption caption, TraitMention mention, BirdColor colour)
    {
        var word = BirdPalette.Name(colour);
        var before = caption.Text[..mention.Start];
        var after = caption.Text[(mention.Start + mention.Length)..];
        var article = StartsWithVowel(word) ? "an " : "a ";
        if (EndsWithWord(before, "an ")) before = before[..^3] + article;
        else if (EndsWithWord(before, "a ")) before = before[..^2] + article;

        int shift = before.Length + word.Length - (mention.Start + mention.Length);
        var mentions = caption.Mentions.Select(m =>
            m == mention ? new TraitMention(m.Trait, word, before.Length, word.Length)
            : m.Start > mention.Start ? m with { Start = m.Start + shift }
            : m).ToArray();
        return new BirdCaption(before + word + after, mentions);
    }

    private static bool StartsWithVowel(string word) => "aeiou".Contains(word[0]);

    private static bool EndsWithWord(string text, string word) =>
        text.EndsWith(word, StringComparison.OrdinalIgnoreCase) && (text.Length == word.Length || !char.IsLetter(text[^(word.Length + 1)]));
}
