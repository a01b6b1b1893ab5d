using TextInpaint.Losses;
using TextInpaint.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace TextInpaint.Tests.Losses;

[Collection(TorchCollection.Name)]
public sealed class MmflLossTests
{
    public MmflLossTests() => TorchRuntime.Initialize();

    [Fact]
    public void Hole_l1_ignores_errors_outside_the_hole()
    {
        using var scope = NewDisposeScope();
        var target = zeros(1, 3, 4, 4);
        var mask = zeros(1, 1, 4, 4);
        mask[.., .., ..2, ..] = 1;
        var output = target.clone();
        output[.., .., 2.., ..] = 5;   // wrong only outside the hole
        output[.., .., ..2, ..] = 0.5; // off by 0.5 inside it

        Assert.Equal(0.5, Reconstruction.HoleL1(output, target, mask).ToDouble(), 6);
        Assert.Equal((0.5 + 5) / 2, Reconstruction.L1(output, target).ToDouble(), 6);
    }

    [Fact]
    public void Hole_l1_of_an_empty_hole_is_zero()
    {
        using var scope = NewDisposeScope();
        Assert.Equal(0, Reconstruction.HoleL1(ones(1, 3, 4, 4), zeros(1, 3, 4, 4), zeros(1, 1, 4, 4)).ToDouble());
    }

    [Fact]
    public void Generator_and_discriminator_want_opposite_scores()
    {
        using var scope = NewDisposeScope();
        // A discriminator that tells the slots apart perfectly: r - mean f = 1, f - mean r = -1.
        var realPairScores = full(new long[] { 2, 1, 3, 3 }, 0.5f);
        var fakePairScores = full(new long[] { 2, 1, 3, 3 }, -0.5f);

        Assert.Equal(0, RelativisticLsgan.DiscriminatorLoss(realPairScores, fakePairScores).ToDouble(), 6);
        Assert.Equal(4, RelativisticLsgan.GeneratorLoss(realPairScores, fakePairScores).ToDouble(), 6);
        Assert.Equal(0, RelativisticLsgan.GeneratorLoss(fakePairScores, realPairScores).ToDouble(), 6);
    }

    [Fact]
    public void Text_guided_attention_loss_is_zero_where_the_map_is_zero()
    {
        using var scope = NewDisposeScope();
        var attention = zeros(1, 1, 4, 4);
        attention[.., .., 0, 0] = 2;
        var generated = ones(1, 3, 4, 4);
        var target = zeros(1, 3, 4, 4);

        // Only pixel (0,0) counts: 3 channels x |2 * 1 - 0| over 48 values.
        Assert.Equal(6.0 / 48, TextGuidedAttention.Loss(attention, generated, target).ToDouble(), 6);
    }

    /// <summary>Two words on a 2x2 region grid: word 0 lies in the top-left region, word 1 in the bottom-right.</summary>
    private static Tensor TwoWordsInOppositeCorners()
    {
        var attention = zeros(1, 2, 4);
        attention[0, 0, 0] = 1;
        attention[0, 1, 3] = 1;
        return attention;
    }

    [Fact]
    public void The_map_from_the_truth_averages_one_over_the_hole_and_is_highest_where_the_most_demanded_word_lies()
    {
        using var scope = NewDisposeScope();
        var attention = TwoWordsInOppositeCorners();
        var demand = tensor(new float[] { 0.9f, 0.1f }).view(1, 2);
        var hole = zeros(1, 1, 8, 8);
        hole[.., .., ..6, ..6] = 1;

        var map = TextGuidedAttention.MapFromTruth(attention, demand, hole);

        Assert.Equal(new long[] { 1, 1, 8, 8 }, map.shape);
        Assert.Equal(1.0, ((map * hole).sum() / hole.sum()).ToDouble(), 5);
        Assert.True(map[0, 0, 0, 0].ToDouble() > 3 * map[0, 0, 5, 5].ToDouble());
        Assert.True(map[0, 0, 7, 7].ToDouble() > map[0, 0, 7, 0].ToDouble());
        Assert.False(map.requires_grad);
    }

    [Fact]
    public void The_map_from_the_truth_follows_the_demand_not_the_word_order()
    {
        using var scope = NewDisposeScope();
        var attention = TwoWordsInOppositeCorners();
        var hole = ones(1, 1, 8, 8);

        var first = TextGuidedAttention.MapFromTruth(attention, tensor(new float[] { 0.9f, 0.1f }).view(1, 2), hole);
        var second = TextGuidedAttention.MapFromTruth(attention, tensor(new float[] { 0.1f, 0.9f }).view(1, 2), hole);

        Assert.True(first[0, 0, 0, 0].ToDouble() > first[0, 0, 7, 7].ToDouble());
        Assert.True(second[0, 0, 7, 7].ToDouble() > second[0, 0, 0, 0].ToDouble());
    }
}
