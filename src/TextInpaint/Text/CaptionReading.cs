namespace TextInpaint.Text;

/// <summary>A caption as the model reads it, without running the model.</summary>
/// <param name="Words">Every word the tokenizer finds, in order.</param>
/// <param name="ReadCount">How many of them the model reads (at most <see cref="CaptionEncoder.MaxWords"/>).</param>
public sealed record CaptionReading(IReadOnlyList<ReadWord> Words, int ReadCount)
{
    /// <summary>
    /// Reads <paramref name="caption"/> as <see cref="CaptionEncoder.Encode(string)"/> does: the
    /// tokenizer's words, the evenly spaced ones kept past 16, and whether the vocabulary knows each.
    /// </summary>
    public static CaptionReading Of(string caption, Vocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        var tokens = Tokenizer.Tokenize(caption);
        var kept = new HashSet<int>(CaptionEncoder.KeptPositions(tokens.Count));
        var words = tokens.Select((word, i) => new ReadWord(word,
            !kept.Contains(i) ? WordState.Dropped : vocabulary.Contains(word) ? WordState.Known : WordState.Unknown)).ToArray();
        return new CaptionReading(words, kept.Count);
    }
}
