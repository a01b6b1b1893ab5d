using TextInpaint.Imaging;
using TextInpaint.Text;

namespace TextInpaint.Data.SynthBirds;

/// <summary>
/// Changes the colour a caption states for one part ("a red crown" → "a white crown"): the
/// choice of a plainly different colour and the new caption text, shared by the edited
/// captions of evaluation and the edited training pairs of <see cref="Recolour"/>.
/// </summary>
public static class ColourEdits
{
    private const int FarColours = 5;

    /// <summary>
    /// A part must have at least this share of its pixels in the hole for a training edit to change
    /// it: about where the text-consistency judge starts to read a part. Where less of it is
    /// hidden, what shows is the better evidence, and edits there taught the fill to distrust the
    /// visible edge of every part (docs/results.md, "Edited pairs only where half the part is hidden").
    /// </summary>
    public const double MinShareInHole = 0.5;

    /// <summary>One of the five palette colours farthest (in RGB) from <paramref name="original"/>, so that the change is plain to see.</summary>
    public static BirdColor FarColour(BirdColor original, Random random)
    {
        var (or, og, ob) = BirdPalette.Rgb(original);
        var candidates = BirdPalette.Colors.Where(c => c != original)
            .OrderByDescending(c =>
            {
                var (r, g, b) = BirdPalette.Rgb(c);
                return (r - or) * (r - or) + (g - og) * (g - og) + (b - ob) * (b - ob);
            })
            .Take(FarColours)
            .ToArray();
        return candidates[random.Next(candidates.Length)];
    }

    /// <summary>Puts the colour's name in place of the mention's words, fixing "a"/"an" before it and later mentions' offsets.</summary>
    public static BirdCaption Replace(BirdCaption caption, TraitMention mention, BirdColor colour)
    {
        var word = BirdPalette.Name(colour);
        var before = caption.Text[..mention.Start];
        var after = caption.Text[(mention.Start + mention.Length)..];
        var article = "aeiou".Contains(word[0]) ? "an " : "a ";
        if (EndsWithWord(before, "an ")) before = before[..^3] + article;
        else if (EndsWithWord(before, "a ")) before = before[..^2] + article;

        int shift = before.Length + word.Length - (mention.Start + mention.Length);
        var mentions = caption.Mentions.Select(m =>
            m == mention ? new TraitMention(m.Trait, word, before.Length, word.Length)
            : m.Start > mention.Start ? m with { Start = m.Start + shift }
            : m).ToArray();
        return new BirdCaption(before + word + after, mentions);
    }

    /// <summary>
    /// A training pair whose caption contradicts what the visible part of the bird suggests: one
    /// colour mention whose part lies at least <see cref="MinShareInHole"/> in the hole gets a far
    /// colour, and the part's pixels inside the hole are shifted by the difference of the two
    /// palette colours (which keeps the renderer's shading); outside the hole the image is
    /// unchanged. Trained on such pairs, the model learns that the caption, not the visible edge
    /// of a part, decides the hidden colour. Returns null when no mention qualifies or the caption
    /// is longer than the <see cref="CaptionEncoder.MaxWords"/> words the model reads.
    /// </summary>
    public static (BirdCaption Caption, RgbImage Image)? Recolour(BirdCaption caption, PartLabelMap parts, RgbImage image, Mask hole, Random random)
    {
        if (image.Width != parts.Width || image.Height != parts.Height || hole.Width != parts.Width || hole.Height != parts.Height)
            throw new ArgumentException($"image {image.Width}x{image.Height}, hole {hole.Width}x{hole.Height} and part map "
                + $"{parts.Width}x{parts.Height} differ in size.");
        if (Tokenizer.Tokenize(caption.Text).Count > CaptionEncoder.MaxWords)
            return null;
        var candidates = new List<(TraitMention Mention, BirdPart Part, BirdColor Colour)>();
        foreach (var mention in caption.Mentions)
        {
            if (BirdAttributes.PartOf(mention.Trait) is not { } part) continue;
            if (!Enum.TryParse<BirdColor>(mention.Value, ignoreCase: true, out var colour)) continue;
            if (parts.ShareInHole(part, hole) >= MinShareInHole)
                candidates.Add((mention, part, colour));
        }
        if (candidates.Count == 0)
            return null;
        var (chosen, chosenPart, original) = candidates[random.Next(candidates.Count)];
        var edited = FarColour(original, random);
        var (fr, fg, fb) = BirdPalette.Rgb(original);
        var (tr, tg, tb) = BirdPalette.Rgb(edited);
        int[] shift = [tr - fr, tg - fg, tb - fb];
        var recoloured = image.Clone();
        for (int i = 0; i < parts.Labels.Length; i++)
        {
            if (parts.Labels[i] != (byte)chosenPart || !hole.Hole[i]) continue;
            for (int c = 0; c < 3; c++)
                recoloured.Pixels[3 * i + c] = (byte)Math.Clamp(recoloured.Pixels[3 * i + c] + shift[c], 0, 255);
        }
        return (Replace(caption, chosen, edited), recoloured);
    }

    private static bool EndsWithWord(string text, string word) =>
        text.EndsWith(word, StringComparison.OrdinalIgnoreCase) && (text.Length == word.Length || !char.IsLetter(text[^(word.Length + 1)]));
}
