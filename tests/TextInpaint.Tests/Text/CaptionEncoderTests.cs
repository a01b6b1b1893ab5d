using TextInpaint.Text;

namespace TextInpaint.Tests.Text;

public sealed class CaptionEncoderTests
{
    private static readonly string[] Numbers =
        ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "twentyone", "twentytwo"];

    private static readonly CaptionEncoder Encoder = new(Vocabulary.Build(["a red bird with black wings", .. Numbers]));

    [Fact]
    public void Short_captions_are_padded_with_zeros_to_sixteen_ids()
    {
        var encoded = Encoder.Encode("A red bird");

        Assert.Equal(3, encoded.Length);
        Assert.Equal(CaptionEncoder.MaxWords, encoded.Ids.Length);
        Assert.Equal(["a", "red", "bird"], Encoder.Decode(encoded.Ids, encoded.Length));
        Assert.All(encoded.Ids[3..], id => Assert.Equal(0, id));
        Assert.Empty(encoded.UnknownWords);
    }

    [Fact]
    public void Unknown_words_become_unk_and_are_reported_once_each()
    {
        var encoded = Encoder.Encode("a purple bird with purple orange wings");

        Assert.Equal(["a", "<unk>", "bird", "with", "<unk>", "<unk>", "wings"], Encoder.Decode(encoded.Ids, encoded.Length));
        Assert.Equal(["purple", "orange"], encoded.UnknownWords);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ,.! ")]
    public void A_caption_without_words_encodes_to_a_single_unknown_token(string caption)
    {
        var encoded = Encoder.Encode(caption);

        Assert.Equal(1, encoded.Length);
        Assert.Equal(Vocabulary.UnknownIndex, encoded.Ids[0]);
        Assert.All(encoded.Ids[1..], id => Assert.Equal(0, id));
    }

    [Fact]
    public void Long_captions_are_evenly_subsampled_in_order_at_inference()
    {
        var encoded = Encoder.Encode(string.Join(' ', Numbers));
        var words = Encoder.Decode(encoded.Ids, encoded.Length);

        Assert.Equal(CaptionEncoder.MaxWords, encoded.Length);
        Assert.Equal("one", words[0]);
        Assert.Equal("twentytwo", words[^1]);
        AssertInOrderOfTheCaption(words);
        Assert.Equal(words, Encoder.Decode(Encoder.Encode(string.Join(' ', Numbers)).Ids, encoded.Length));
    }

    [Fact]
    public void Long_captions_are_randomly_subsampled_in_order_for_training()
    {
        var caption = string.Join(' ', Numbers);
        var random = new Random(5);
        var subsets = new HashSet<string>();
        for (int i = 0; i < 20; i++)
        {
            var encoded = Encoder.Encode(caption, random);
            var words = Encoder.Decode(encoded.Ids, encoded.Length);
            Assert.Equal(CaptionEncoder.MaxWords, encoded.Length);
            Assert.Equal(CaptionEncoder.MaxWords, words.Distinct().Count());
            AssertInOrderOfTheCaption(words);
            subsets.Add(string.Join(' ', words));
        }
        Assert.True(subsets.Count > 1, "random subsampling always chose the same words");
    }

    [Fact]
    public void Random_subsampling_is_repeatable_for_a_seed()
    {
        var caption = string.Join(' ', Numbers);

        Assert.Equal(Encoder.Encode(caption, new Random(9)).Ids, Encoder.Encode(caption, new Random(9)).Ids);
    }

    private static void AssertInOrderOfTheCaption(IReadOnlyList<string> words)
    {
        var positions = words.Select(w => Array.IndexOf(Numbers, w)).ToArray();
        Assert.All(positions, p => Assert.True(p >= 0));
        Assert.Equal(positions.Order(), positions);
    }
}
