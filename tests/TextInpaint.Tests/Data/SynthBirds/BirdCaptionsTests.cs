using System.Text.RegularExpressions;
using TextInpaint.Data.SynthBirds;

namespace TextInpaint.Tests.Data.SynthBirds;

public sealed class BirdCaptionsTests
{
    // The nouns a caption uses for each part; a colour word belongs to the noun it describes.
    private static readonly Dictionary<string, BirdTrait> PartNouns = new()
    {
        ["crown"] = BirdTrait.CrownColor, ["head top"] = BirdTrait.CrownColor,
        ["wings"] = BirdTrait.WingColor, ["wing feathers"] = BirdTrait.WingColor,
        ["bars"] = BirdTrait.WingPatternColor, ["wing bars"] = BirdTrait.WingPatternColor, ["stripes"] = BirdTrait.WingPatternColor,
        ["spots"] = BirdTrait.WingPatternColor, ["speckles"] = BirdTrait.WingPatternColor,
        ["belly"] = BirdTrait.BellyColor, ["breast"] = BirdTrait.BellyColor, ["abdomen"] = BirdTrait.BellyColor,
        ["tail"] = BirdTrait.TailColor, ["tail feathers"] = BirdTrait.TailColor,
        ["beak"] = BirdTrait.BeakColor, ["bill"] = BirdTrait.BeakColor,
        ["body"] = BirdTrait.BodyColor, ["back and sides"] = BirdTrait.BodyColor, ["bird"] = BirdTrait.BodyColor,
        ["eye ring"] = BirdTrait.EyeRingColor, ["ring around its eye"] = BirdTrait.EyeRingColor,
    };

    private static readonly Regex NounPattern = new(
        @"\b(" + string.Join('|', PartNouns.Keys.OrderByDescending(k => k.Length).Select(Regex.Escape)) + @")\b");

    private static readonly Dictionary<string, BirdColor> ColorByWord = BirdCaptions.ColorWords
        .SelectMany(pair => pair.Value.Select(word => (word, pair.Key))).ToDictionary(p => p.word, p => p.Key);

    private static IEnumerable<(BirdAttributes Attributes, BirdCaption Caption)> ManyCaptions()
    {
        var random = new Random(7);
        foreach (var species in BirdSpeciesCatalog.All)
            foreach (var caption in BirdCaptions.Write(species.Attributes, 10, random))
                yield return (species.Attributes, caption);
    }

    [Fact]
    public void Every_value_a_caption_states_is_the_birds_own()
    {
        int checkedMentions = 0;
        foreach (var (attributes, caption) in ManyCaptions())
        {
            foreach (var mention in caption.Mentions)
            {
                Assert.True(attributes.ValueOf(mention.Trait) == mention.Value, $"\"{caption.Text}\" says {mention.Trait} is {mention.Value}");
                var words = caption.Text.Substring(mention.Start, mention.Length);
                bool isColor = BirdAttributes.PartOf(mention.Trait) is not null;
                var allowed = isColor
                    ? BirdCaptions.ColorWords[Enum.Parse<BirdColor>(mention.Value, ignoreCase: true)]
                    : BirdCaptions.ValueWords[(mention.Trait, mention.Value)];
                Assert.Contains(words, allowed);
                checkedMentions++;
            }
        }
        Assert.True(checkedMentions > 4000);
    }

    [Fact]
    public void Every_colour_word_is_true_of_the_part_it_describes()
    {
        foreach (var (attributes, caption) in ManyCaptions())
        {
            var text = caption.Text;
            // "bird" names the body only as in "a brown bird", not in "the crown of this bird is red".
            var nouns = NounPattern.Matches(text).Where(n => !(n.Value == "bird" && text[..n.Index].EndsWith("of this "))).ToList();
            foreach (Match word in Regex.Matches(text, @"[a-z-]+"))
            {
                if (!ColorByWord.TryGetValue(word.Value, out var color))
                    continue;
                // In "the wings are blue" or "its bill is short and black" the part comes before
                // the colour; otherwise ("a red crown", "wings with white bars") after it.
                var before = text[..word.Index].TrimEnd();
                bool partFirst = before.EndsWith(" is") || before.EndsWith(" are") || before.EndsWith(" and") && Regex.IsMatch(before, @"\b(is|are) \w+ and$");
                var noun = partFirst
                    ? nouns.LastOrDefault(n => n.Index + n.Length <= word.Index)
                    : nouns.FirstOrDefault(n => n.Index >= word.Index + word.Length);
                Assert.True(noun is not null, $"no part for \"{word.Value}\" in \"{text}\"");
                var part = BirdAttributes.PartOf(PartNouns[noun.Value])!.Value;
                Assert.True(attributes.ColorOf(part) == color,
                    $"\"{text}\": {word.Value} {noun.Value}, but the {part} is {attributes.ColorOf(part)?.ToString() ?? "absent"}");
                Assert.Contains(caption.Mentions, m => m.Start == word.Index && m.Length == word.Length);
            }
        }
    }

    [Fact]
    public void Captions_name_two_to_five_values_and_at_least_one_main_part_colour()
    {
        BirdTrait[] mainColors = [BirdTrait.CrownColor, BirdTrait.WingColor, BirdTrait.BellyColor, BirdTrait.TailColor];
        var captions = ManyCaptions().Select(c => c.Caption).ToList();
        Assert.All(captions, c => Assert.InRange(c.Mentions.Count, 2, BirdCaptions.MaxMentions));
        Assert.All(captions, c => Assert.Contains(c.Mentions, m => mainColors.Contains(m.Trait)));
        Assert.All(captions, c => Assert.Equal(c.Mentions.Count, c.Mentions.Select(m => m.Trait).Distinct().Count()));
    }

    [Fact]
    public void Captions_vary_in_wording()
    {
        var texts = ManyCaptions().Select(c => c.Caption.Text).ToList();
        Assert.True(texts.Distinct().Count() > 0.95 * texts.Count);
        foreach (var opening in new[] { "this bird has ", "the bird has ", "a ", "this is a", "the " })
            Assert.Contains(texts, t => t.StartsWith(opening, StringComparison.Ordinal));
        foreach (var synonym in new[] { "gray", "grey", "crimson", "wing feathers", "breast", "head top", "bill" })
            Assert.Contains(texts, t => t.Contains(synonym, StringComparison.Ordinal));
    }

    [Fact]
    public void Articles_agree_with_the_next_word()
    {
        foreach (var text in ManyCaptions().Select(c => c.Caption.Text))
        {
            Assert.DoesNotMatch(@"\ba [aeiou]", text);
            Assert.DoesNotMatch(@"\ban [^aeiou]", text);
        }
    }
}
