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
}
