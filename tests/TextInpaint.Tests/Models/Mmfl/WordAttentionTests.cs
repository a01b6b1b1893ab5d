using TextInpaint.Models.Mmfl;
using TextInpaint.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace TextInpaint.Tests.Models.Mmfl;

[Collection(TorchCollection.Name)]
public sealed class WordAttentionTests
{
    public WordAttentionTests() => TorchRuntime.Initialize();

    [Fact]
    public void Padding_words_get_no_attention_and_real_words_share_all_of_it()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        using var attention = new WordAttention(imageChannels: 8, wordDim: 12);
        var image = randn(2, 8, 5, 5);
        var words = randn(2, 12, 7);
        var realWords = WordAttention.RealWords(tensor(new long[] { 7, 3 }), 7, CPU);

        var (context, maps) = attention.forward(image, words, realWords);

        Assert.Equal([2, 8, 5, 5], context.shape);
        Assert.Equal([2, 7, 5, 5], maps.shape);
        Assert.Equal(0, maps[1, 3..].abs().sum().ToDouble());
        Assert.True(maps[1, ..3].min().ToDouble() > 0);
        Assert.True(allclose(maps.sum(1), ones(2, 5, 5), rtol: 0, atol: 1e-5));
    }

    [Fact]
    public void Real_word_flags_follow_the_caption_lengths()
    {
        using var scope = NewDisposeScope();
        var flags = WordAttention.RealWords(tensor(new long[] { 2, 4 }), 4, CPU);
        Assert.Equal([true, true, false, false, true, true, true, true], flags.data<bool>().ToArray());
    }
}
