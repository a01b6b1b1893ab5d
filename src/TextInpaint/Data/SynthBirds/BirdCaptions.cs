using System.Text;

namespace TextInpaint.Data.SynthBirds;

/// <summary>
/// Writes CUB-style captions ("this bird has a red crown, grey wings and a short black beak")
/// that are true of a bird: each names 2 to <see cref="MaxMentions"/> attribute values, with varied templates, word order
/// and synonyms, and records where it names each value.
/// </summary>
public static class BirdCaptions
{
    /// <summary>The words a caption may use for each colour; the first is the plain name.</summary>
    public static IReadOnlyDictionary<BirdColor, string[]> ColorWords { get; } = new Dictionary<BirdColor, string[]>
    {
        [BirdColor.Red] = ["red", "crimson", "scarlet"],
        [BirdColor.Orange] = ["orange", "tangerine"],
        [BirdColor.Yellow] = ["yellow", "golden"],
        [BirdColor.Green] = ["green", "emerald"],
        [BirdColor.Blue] = ["blue", "azure"],
        [BirdColor.Purple] = ["purple", "violet"],
        [BirdColor.Brown] = ["brown", "chestnut"],
        [BirdColor.Black] = ["black", "jet-black"],
        [BirdColor.White] = ["white", "snowy"],
        [BirdColor.Grey] = ["grey", "gray"],
    };

    /// <summary>The words a caption may use for a non-colour value, by trait and value name.</summary>
    public static IReadOnlyDictionary<(BirdTrait, string), string[]> ValueWords { get; } = new Dictionary<(BirdTrait, string), string[]>
    {
        [(BirdTrait.Size, "small")] = ["small", "tiny", "little"],
        [(BirdTrait.Size, "medium")] = ["medium-sized", "medium sized"],
        [(BirdTrait.Size, "large")] = ["large", "big"],
        [(BirdTrait.BeakLength, "short")] = ["short", "stubby"],
        [(BirdTrait.BeakLength, "long")] = ["long", "pointed"],
        [(BirdTrait.WingPattern, "solid")] = ["solid", "plain"],
        [(BirdTrait.WingPattern, "bars")] = ["bars", "wing bars", "stripes"],
        [(BirdTrait.WingPattern, "spots")] = ["spots", "speckles"],
        [(BirdTrait.EyeRing, "yes")] = ["eye ring", "ring around its eye"],
        [(BirdTrait.EyeRing, "no")] = ["no eye ring"],
    };

    private static readonly string[] CrownNouns = ["crown", "head top", "crown"];
    private static readonly string[] BellyNouns = ["belly", "breast", "belly", "abdomen"];
    private static readonly string[] BeakNouns = ["beak", "bill"];
    private static readonly string[] BodyNouns = ["body", "back and sides"];

    /// <summary>The topics a caption picks from; one topic may state more than one trait (wing colour and pattern).</summary>
    private enum Topic
    {
        Crown,
        Wing,
        Belly,
        Tail,
        Beak,
        EyeRing,
        Body,
        Size,
    }

    public const int MaxMentions = 5;

    private static readonly Topic[] PartColorTopics = [Topic.Crown, Topic.Wing, Topic.Belly, Topic.Tail];

    /// <summary>Writes <paramref name="count"/> captions for a bird; every random choice comes from <paramref name="random"/>.</summary>
    public static IReadOnlyList<BirdCaption> Write(BirdAttributes attributes, int count, Random random)
    {
        var captions = new List<BirdCaption>(count);
        while (captions.Count < count)
        {
            // A wing or beak phrase can state two or three values; sentences naming more than five are drawn again.
            var caption = WriteOne(attributes, random);
            if (caption.Mentions.Count <= MaxMentions)
                captions.Add(caption);
        }
        return captions;
    }

    private static BirdCaption WriteOne(BirdAttributes a, Random random)
    {
        // At least one of crown, wing, belly and tail colour, so the caption says what a hidden
        // centre must look like; then other topics up to 2-4 in all (a topic can state two traits).
        var topics = new List<Topic> { PartColorTopics[random.Next(PartColorTopics.Length)] };
        int wanted = 2 + random.Next(3);
        var others = new List<Topic>
        {
            Topic.Crown, Topic.Wing, Topic.Belly, Topic.Tail, Topic.Crown, Topic.Wing, Topic.Belly, Topic.Tail,
            Topic.Beak, Topic.EyeRing, Topic.Body, Topic.Size,
        };
        while (topics.Count < wanted)
        {
            var topic = others[random.Next(others.Count)];
            if (!topics.Contains(topic))
                topics.Add(topic);
        }
        Shuffle(topics, random);

        var sentence = new SentenceBuilder(a, random);
        if (random.Next(4) == 0)
        {
            // "the crown of this bird is red and its wings are blue".
            for (int i = 0; i < topics.Count; i++)
            {
                sentence.Append(i == 0 ? "" : i == topics.Count - 1 ? " and " : ", ");
                sentence.Clause(topics[i], first: i == 0);
            }
            return sentence.Build();
        }

        // "this small bird has ...", "a brown bird with ...": size and body colour fit the opening words.
        bool sizeInIntro = topics.Remove(Topic.Size);
        bool bodyInIntro = topics.Contains(Topic.Body) && random.Next(2) == 0;
        if (bodyInIntro)
            topics.Remove(Topic.Body);
        bool withForm = random.Next(2) == 0;
        if (withForm)
            sentence.Append(random.Next(2) == 0 ? "this is " : "").Article();
        else
            sentence.Append(random.Next(2) == 0 ? "this " : "the ");
        if (sizeInIntro)
        {
            sentence.Word(BirdTrait.Size);
            sentence.Append(" ");
        }
        if (bodyInIntro)
        {
            sentence.Color(BirdTrait.BodyColor, a.Body);
            sentence.Append(" ");
        }
        sentence.Append(withForm ? "bird with " : "bird has ");

        // The last topic may become a clause of its own: "..., and its tail is brown".
        bool clauseAtEnd = topics.Count >= 2 && random.Next(3) == 0;
        int listed = clauseAtEnd ? topics.Count - 1 : topics.Count;
        for (int i = 0; i < listed; i++)
        {
            sentence.Append(i == 0 ? "" : i == listed - 1 ? " and " : ", ");
            sentence.NounPhrase(topics[i]);
        }
        if (clauseAtEnd)
        {
            sentence.Append(random.Next(2) == 0 ? ", and " : "; ");
            sentence.Clause(topics[^1], first: false);
        }
        return sentence.Build();
    }

    private static void Shuffle<T>(List<T> items, Random random)
    {
        for (int i = items.Count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static T Pick<T>(T[] items, Random random) => items[random.Next(items.Length)];

    /// <summary>Appends words and records, as it goes, where each attribute value is named.</summary>
    private sealed class SentenceBuilder(BirdAttributes attributes, Random random)
    {
        private readonly StringBuilder text = new();
        private readonly List<TraitMention> mentions = [];
        private bool articlePending;

        public SentenceBuilder Append(string words)
        {
            WriteArticleBefore(words);
            text.Append(words);
            return this;
        }

        /// <summary>Puts "a" or "an" before whatever words come next, depending on their first letter.</summary>
        public SentenceBuilder Article()
        {
            articlePending = true;
            return this;
        }

        private void WriteArticleBefore(string words)
        {
            if (!articlePending || words.Length == 0)
                return;
            text.Append("aeiou".Contains(words[0]) ? "an " : "a ");
            articlePending = false;
        }

        public BirdCaption Build() => new(text.ToString(), mentions);

        public void Color(BirdTrait trait, BirdColor color)
        {
            var word = random.Next(3) == 0 ? Pick(ColorWords[color], random) : ColorWords[color][0];
            Mention(trait, BirdPalette.Name(color), word);
        }

        public void Word(BirdTrait trait)
        {
            var value = attributes.ValueOf(trait)!;
            Mention(trait, value, Pick(ValueWords[(trait, value)], random));
        }

        private void Mention(BirdTrait trait, string value, string words)
        {
            WriteArticleBefore(words);
            mentions.Add(new TraitMention(trait, value, text.Length, words.Length));
            text.Append(words);
        }

        /// <summary>A noun phrase for a list: "a red crown", "blue wings with white bars", "a short black beak".</summary>
        public void NounPhrase(Topic topic)
        {
            var a = attributes;
            switch (topic)
            {
                case Topic.Crown:
                    Article().Color(BirdTrait.CrownColor, a.Crown);
                    Append(" " + Pick(CrownNouns, random));
                    break;
                case Topic.Belly:
                    Article().Color(BirdTrait.BellyColor, a.Belly);
                    Append(" " + Pick(BellyNouns, random));
                    break;
                case Topic.Tail:
                    if (random.Next(2) == 0)
                    {
                        Article().Color(BirdTrait.TailColor, a.Tail);
                        Append(" tail");
                    }
                    else
                    {
                        Color(BirdTrait.TailColor, a.Tail);
                        Append(" tail feathers");
                    }
                    break;
                case Topic.Wing:
                    WingPhrase();
                    break;
                case Topic.Beak:
                    Article();
                    bool length = random.Next(3) != 0, color = !length || random.Next(2) == 0;
                    if (length)
                    {
                        Word(BirdTrait.BeakLength);
                        Append(color ? " " : "");
                    }
                    if (color)
                        Color(BirdTrait.BeakColor, a.Beak);
                    Append(" " + Pick(BeakNouns, random));
                    break;
                case Topic.EyeRing:
                    if (a.EyeRingColor is { } ring)
                    {
                        Article().Color(BirdTrait.EyeRingColor, ring);
                        Append(" ");
                        Word(BirdTrait.EyeRing);
                    }
                    else
                    {
                        Word(BirdTrait.EyeRing);
                    }
                    break;
                case Topic.Body:
                    Article().Color(BirdTrait.BodyColor, a.Body);
                    Append(" " + Pick(BodyNouns, random));
                    break;
            }
        }

        private void WingPhrase()
        {
            var a = attributes;
            if (a.WingPattern == WingPattern.Solid && random.Next(3) == 0)
            {
                Word(BirdTrait.WingPattern);
                Append(" ");
            }
            Color(BirdTrait.WingColor, a.Wing);
            Append(random.Next(3) == 0 ? " wing feathers" : " wings");
            if (a.WingPatternColor is { } pattern && random.Next(3) != 0)
            {
                Append(" with ");
                Color(BirdTrait.WingPatternColor, pattern);
                Append(" ");
                Word(BirdTrait.WingPattern);
            }
        }

        /// <summary>A clause: "its crown is red", "the wings are blue with white spots", "it has no eye ring".</summary>
        public void Clause(Topic topic, bool first)
        {
            var a = attributes;
            string owner = first ? "the " : Pick(["its ", "the "], random);
            switch (topic)
            {
                case Topic.Crown:
                    Append(owner + Pick(CrownNouns, random) + (first ? " of this bird is " : " is ")).Color(BirdTrait.CrownColor, a.Crown);
                    break;
                case Topic.Belly:
                    Append(owner + Pick(BellyNouns, random) + (first ? " of this bird is " : " is ")).Color(BirdTrait.BellyColor, a.Belly);
                    break;
                case Topic.Tail:
                    Append(owner + (first ? "tail of this bird is " : "tail is ")).Color(BirdTrait.TailColor, a.Tail);
                    break;
                case Topic.Wing:
                    Append(owner + (first ? "wings of this bird are " : "wings are ")).Color(BirdTrait.WingColor, a.Wing);
                    if (a.WingPatternColor is { } pattern && random.Next(2) == 0)
                    {
                        Append(" with ");
                        Color(BirdTrait.WingPatternColor, pattern);
                        Append(" ");
                        Word(BirdTrait.WingPattern);
                    }
                    break;
                case Topic.Beak:
                    Append(owner + Pick(BeakNouns, random) + (first ? " of this bird is " : " is "));
                    if (random.Next(2) == 0)
                    {
                        Word(BirdTrait.BeakLength);
                        Append(" and ");
                    }
                    Color(BirdTrait.BeakColor, a.Beak);
                    break;
                case Topic.EyeRing:
                    Append(first ? "this bird has " : "it has ");
                    NounPhrase(Topic.EyeRing);
                    break;
                case Topic.Body:
                    Append(owner + (first ? "body of this bird is " : "body is ")).Color(BirdTrait.BodyColor, a.Body);
                    break;
                case Topic.Size:
                    Append(first ? "this bird is " : "it is ");
                    Word(BirdTrait.Size);
                    break;
            }
        }
    }
}
