using TextInpaint.Models.Damsm;
using TextInpaint.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace TextInpaint.Tests.Models.Damsm;

[Collection(TorchCollection.Name)]
public sealed class TextEncoderTests
{
    private static readonly long[][] Captions =
    [
        [5, 3, 9, 2, 7, 1],
        [4, 4],
        [8],
        [2, 6, 3, 9, 1, 1, 5, 7, 3, 2, 6, 4],
    ];

    public TextEncoderTests() => TorchRuntime.Initialize();

    [Fact]
    public void Padding_to_a_longer_length_changes_neither_word_nor_sentence_features()
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        using var encoder = new TextEncoder(new TextEncoderOptions(VocabularySize: 10, EmbeddingSize: 12, HiddenPerDirection: 8));
        encoder.eval();

        var (tokens16, lengths) = Pad(Captions, 16);
        var (tokens30, _) = Pad(Captions, 30);
        var short16 = encoder.forward(tokens16, lengths);
        var long30 = encoder.forward(tokens30, lengths);

        Assert.Equal(new long[] { 4, 16, 16 }, short16.Words.shape);
        Assert.Equal(new long[] { 4, 16, 30 }, long30.Words.shape);
        Assert.Equal(new long[] { 4, 16 }, short16.Sentence.shape);
        Assert.True(short16.Words.allclose(long30.Words[.., .., ..16], rtol: 0, atol: 1e-6));
        Assert.True(short16.Sentence.allclose(long30.Sentence, rtol: 0, atol: 1e-6));
        Assert.Equal(0, long30.Words[.., .., 12..].abs().sum().ToDouble());
        for (var b = 0; b < Captions.Length; b++)
            Assert.Equal(0, long30.Words[b, .., Captions[b].Length..].abs().sum().ToDouble());
    }

    [Fact]
    public void A_caption_gets_the_same_features_alone_as_inside_an_unsorted_batch()
    {
        using var scope = NewDisposeScope();
        manual_seed(2);
        using var encoder = new TextEncoder(new TextEncoderOptions(VocabularySize: 10, EmbeddingSize: 12, HiddenPerDirection: 8));
        encoder.eval();
        var (tokens, lengths) = Pad(Captions, 16);
        var batch = encoder.forward(tokens, lengths);

        for (var b = 0; b < Captions.Length; b++)
        {
            var (single, singleLength) = Pad([Captions[b]], 16);
            var alone = encoder.forward(single, singleLength);
            Assert.True(alone.Sentence[0].allclose(batch.Sentence[b], rtol: 0, atol: 1e-6), $"sentence {b}");
            Assert.True(alone.Words[0].allclose(batch.Words[b], rtol: 0, atol: 1e-6), $"words {b}");
        }
    }

    [Fact]
    public void The_sentence_feature_is_the_forward_state_after_the_last_word_and_the_backward_state_at_the_first()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        using var encoder = new TextEncoder(new TextEncoderOptions(VocabularySize: 10, EmbeddingSize: 12, HiddenPerDirection: 8));
        encoder.eval();
        var (tokens, lengths) = Pad(Captions, 16);

        var features = encoder.forward(tokens, lengths);

        for (var b = 0; b < Captions.Length; b++)
        {
            var last = Captions[b].Length - 1;
            Assert.True(features.Sentence[b, ..8].allclose(features.Words[b, ..8, last], rtol: 0, atol: 1e-6));
            Assert.True(features.Sentence[b, 8..].allclose(features.Words[b, 8.., 0], rtol: 0, atol: 1e-6));
        }
    }

    [Fact]
    public void Options_say_the_feature_size_and_rebuild_the_same_shapes()
    {
        var options = new TextEncoderOptions(VocabularySize: 50);
        using var encoder = new TextEncoder(options);

        Assert.Equal(256, options.FeatureSize);
        Assert.Equal(options, encoder.Options);
        Assert.Equal(new long[] { 50, 300 }, encoder.get_parameter("embedding.weight")!.shape);
    }

    private static (Tensor Tokens, Tensor Lengths) Pad(long[][] captions, int length)
    {
        var tokens = zeros(captions.Length, length, dtype: ScalarType.Int64);
        for (var b = 0; b < captions.Length; b++)
            tokens[b, ..captions[b].Length] = tensor(captions[b]);
        return (tokens, tensor(captions.Select(c => (long)c.Length).ToArray()));
    }
}
