using TextInpaint.Text;

namespace TextInpaint.Tests.Text;

public sealed class CaptionReadingTests
{
    private static readonly Vocabulary Words = Vocabulary.Build(["a red bird with black wings"]);

    [Fact]
    public void Each_word_is_known_or_unknown_to_the_vocabulary()
    {
        var reading = CaptionReading.Of("A red bird, purple wings!", Words);

        Assert.Equal(["a", "red", "bird", "purple", "wings"], reading.Words.Select(w => w.Word));
        Assert.Equal([WordState.Known, WordState.Known, WordState.Known, WordState.Unknown, WordState.Known], reading.Words.Select(w => w.State));
        Assert.Equal(5, reading.ReadCount);
    }

    [Fact]
    public void Words_past_sixteen_are_dropped_where_the_encoder_drops_them()
    {
        var caption = string.Join(' ', Enumerable.Repeat("red bird", 10));
        var reading = CaptionReading.Of(caption, Words);
        var encoder = new CaptionEncoder(Words);

        var kept = reading.Words.Where(w => w.State != WordState.Dropped).Select(w => w.Word).ToArray();
        var encoded = encoder.Encode(caption);
        Assert.Equal(20, reading.Words.Count);
        Assert.Equal(CaptionEncoder.MaxWords, reading.ReadCount);
        Assert.Equal(4, reading.Words.Count(w => w.State == WordState.Dropped));
        Assert.Equal(encoder.Decode(encoded.Ids, encoded.Length), kept);
        Assert.NotEqual(WordState.Dropped, reading.Words[0].State);
        Assert.NotEqual(WordState.Dropped, reading.Words[^1].State);
    }

    [Fact]
    public void An_empty_caption_reads_no_words()
    {
        var reading = CaptionReading.Of(" ,. ", Words);

        Assert.Empty(reading.Words);
        Assert.Equal(0, reading.ReadCount);
    }
}
