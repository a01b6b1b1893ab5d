using TextInpaint.Imaging;
using TextInpaint.Inference;

namespace TextInpaint.Tests.Inference;

public sealed class DemandEntropyTests
{
    private static InpaintResult With(params (string Word, bool Known, double Demand)[] words) =>
        new(new RgbImage(1, 1), null, null, null, words.Select(w => new WordUse(w.Word,
            w.Known ? TextInpaint.Text.WordState.Known : TextInpaint.Text.WordState.Unknown, w.Demand, [])).ToArray(), 1, []);

    [Fact]
    public void Demand_entropy_is_zero_when_one_word_takes_all_and_one_when_all_are_alike()
    {
        Assert.Equal(0, With(("red", true, 1), ("crown", true, 0), ("bird", true, 0)).DemandEntropy, 9);
        Assert.Equal(1, With(("red", true, 0.3), ("crown", true, 0.3), ("bird", true, 0.3)).DemandEntropy, 9);
        double between = With(("red", true, 0.9), ("crown", true, 0.5), ("bird", true, 0.1)).DemandEntropy;
        Assert.InRange(between, 0.5, 0.99);
    }

    [Fact]
    public void Unknown_words_do_not_count_and_one_known_word_has_no_entropy()
    {
        Assert.True(double.IsNaN(With(("red", true, 0.7), ("zorblat", false, 0.7)).DemandEntropy));
        Assert.Equal(1, With(("red", true, 0.4), ("crown", true, 0.4), ("zorblat", false, 0.01)).DemandEntropy, 9);
    }
}
