namespace TextInpaint.Text;

/// <summary>Turns captions into fixed-length rows of word indices.</summary>
public sealed class CaptionEncoder(Vocabulary vocabulary)
{
    /// <summary>Longest caption the encoders see; longer captions are sub-sampled to this many words.</summary>
    public const int MaxWords = 16;

    public Vocabulary Vocabulary { get; } = vocabulary;

    /// <summary>
    /// Encodes for inference: a caption longer than <see cref="MaxWords"/> keeps evenly spaced
    /// words (the first and the last among them), in their order.
    /// </summary>
    public EncodedCaption Encode(string caption) => Encode(caption, EvenlySpaced);

    /// <summary>
    /// Encodes for training: a caption longer than <see cref="MaxWords"/> keeps a random set of
    /// its words, in their order (as AttnGAN's data loader does).
    /// </summary>
    public EncodedCaption Encode(string caption, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return Encode(caption, count => RandomPositions(count, random));
    }

    /// <summary>Which of a caption's <paramref name="wordCount"/> words <see cref="Encode(string)"/> keeps, in order.</summary>
    public static IReadOnlyList<int> KeptPositions(int wordCount) =>
        wordCount <= MaxWords ? Enumerable.Range(0, wordCount).ToArray() : EvenlySpaced(wordCount);

    /// <summary>The words a row of indices stands for, up to its length.</summary>
    public IReadOnlyList<string> Decode(ReadOnlySpan<long> ids, int length)
    {
        var result = new string[length];
        for (int i = 0; i < length; i++)
            result[i] = Vocabulary.WordAt(checked((int)ids[i]));
        return result;
    }

    private EncodedCaption Encode(string caption, Func<int, int[]> choosePositions)
    {
        var words = Tokenizer.Tokenize(caption);
        var ids = new long[MaxWords];
        var unknown = new List<string>();
        foreach (var word in words)
            if (!Vocabulary.Contains(word) && !unknown.Contains(word))
                unknown.Add(word);

        // A caption without any word becomes a lone <unk>: the recurrent text encoders and the
        // word attention need at least one position, and <unk> says "no information" honestly.
        if (words.Count == 0)
        {
            ids[0] = Vocabulary.UnknownIndex;
            return new EncodedCaption(ids, 1, unknown);
        }

        var positions = words.Count <= MaxWords ? Enumerable.Range(0, words.Count).ToArray() : choosePositions(words.Count);
        for (int i = 0; i < positions.Length; i++)
            ids[i] = Vocabulary.IndexOf(words[positions[i]]);
        return new EncodedCaption(ids, positions.Length, unknown);
    }

    private static int[] EvenlySpaced(int count)
    {
        var positions = new int[MaxWords];
        for (int i = 0; i < MaxWords; i++)
            positions[i] = (int)((long)i * (count - 1) / (MaxWords - 1));
        return positions;
    }

    private static int[] RandomPositions(int count, Random random)
    {
        var all = Enumerable.Range(0, count).ToArray();
        for (int i = 0; i < MaxWords; i++)
        {
            int j = random.Next(i, count);
            (all[i], all[j]) = (all[j], all[i]);
        }
        var chosen = all[..MaxWords];
        Array.Sort(chosen);
        return chosen;
    }
}
