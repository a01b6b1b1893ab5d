using TextInpaint.Models.Mmfl;
using TextInpaint.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace TextInpaint.Tests.Models.Mmfl;

[Collection(TorchCollection.Name)]
public sealed class TextAttentionMapTests
{
    public TextAttentionMapTests() => TorchRuntime.Initialize();

    [Fact]
    public void The_normalised_map_averages_one_has_no_weights_and_no_gradient()
    {
        using var scope = NewDisposeScope();
        using var map = new TextAttentionMap(imageSize: 16, normalised: true);
        var attention = rand(2, 4, 8, 8, requires_grad: true);

        var a = map.forward(attention, rand(2, 4));

        Assert.Empty(map.parameters());
        Assert.Equal([2, 1, 16, 16], a.shape);
        Assert.True(allclose(a.mean([1, 2, 3]), ones(2), rtol: 0, atol: 1e-5));
        Assert.False(a.requires_grad);
    }

    [Fact]
    public void The_normalised_map_is_high_where_the_demanded_word_was_placed()
    {
        using var scope = NewDisposeScope();
        using var map = new TextAttentionMap(imageSize: 8, normalised: true);
        // Word 0 is placed in the top-left quarter, word 1 everywhere else.
        var attention = zeros(1, 2, 4, 4);
        attention[0, 0, ..2, ..2] = ones(2, 2);
        attention[0, 1] = 1 - attention[0, 0];

        var onWordZero = map.forward(attention, tensor(new float[,] { { 0.9f, 0.1f } }));
        var onWordOne = map.forward(attention, tensor(new float[,] { { 0.1f, 0.9f } }));

        Assert.True(onWordZero[0, 0, 0, 0].ToDouble() > 2 * onWordZero[0, 0, 7, 7].ToDouble());
        Assert.True(onWordOne[0, 0, 7, 7].ToDouble() > onWordOne[0, 0, 0, 0].ToDouble());
    }

    [Fact]
    public void The_learned_map_of_the_paper_is_a_trainable_convolution()
    {
        using var scope = NewDisposeScope();
        using var map = new TextAttentionMap(imageSize: 16);

        var a = map.forward(rand(1, 5, 8, 8), rand(1, 5));

        Assert.NotEmpty(map.parameters());
        Assert.True(a.requires_grad);
    }
}
