using TextInpaint.Text;

namespace TextInpaint.Tests.Text;

public sealed class TokenizerTests
{
    [Theory]
    [InlineData("A small bird, with a RED crown.", new[] { "a", "small", "bird", "with", "a", "red", "crown" })]
    [InlineData("this bird's wings are black-and-white!", new[] { "this", "bird", "s", "wings", "are", "black", "and", "white" })]
    [InlineData("it has 2 wing_bars and 10 spots", new[] { "it", "has", "2", "wing_bars", "and", "10", "spots" })]
    [InlineData("  \t\n ", new string[0])]
    public void Captions_split_into_lower_case_word_tokens(string caption, string[] expected) =>
        Assert.Equal(expected, Tokenizer.Tokenize(caption));

    [Fact]
    public void Non_ascii_characters_are_dropped_from_inside_tokens() =>
        Assert.Equal(["a", "nave", "bird", "in", "a", "caf"], Tokenizer.Tokenize("A naïve bird in a café"));

    [Fact]
    public void Tokens_made_only_of_non_ascii_characters_disappear() =>
        Assert.Equal(["red", "bird"], Tokenizer.Tokenize("red 鳥 bird ü"));
}
