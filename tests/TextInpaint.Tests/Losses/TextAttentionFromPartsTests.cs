using TextInpaint.Losses;
using TextInpaint.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace TextInpaint.Tests.Losses;

[Collection(TorchCollection.Name)]
public sealed class TextAttentionFromPartsTests
{
    public TextAttentionFromPartsTests() => TorchRuntime.Initialize();

    [Fact]
    public void Each_named_part_in_the_hole_takes_the_same_share_however_few_its_pixels_and_the_hole_mean_stays_one()
    {
        using var scope = NewDisposeScope();
        // An 8x8 image whose hole is the left half (32 pixels): a beak (label 8) of 2 hidden pixels,
        // a wing (label 5) of 10 hidden pixels and 6 more outside the hole; the second sample names no part.
        var holes = zeros(2, 1, 8, 8);
        holes[.., .., .., ..4] = 1;
        var named = zeros(2, 1, 8, 8, dtype: ScalarType.Int64);
        named[0, 0, 0, ..2] = tensor(8L);
        named[0, 0, 2..4, ..4] = tensor(5L);
        named[0, 0, 4, ..2] = tensor(5L);
        named[0, 0, 2..5, 4..6] = tensor(5L);

        var map = TextGuidedAttention.MapFromParts(named, holes, partWeight: 1);

        Assert.Equal(new long[] { 2, 1, 8, 8 }, map.shape);
        var holeMean = (map * holes).sum([1, 2, 3]) / holes.sum([1, 2, 3]);
        Assert.True(allclose(holeMean, ones(2), rtol: 0, atol: 1e-5));
        // Each part's extra weight: 1 x 32 hole pixels / 2 parts = 16, then everything over 1 + 1.
        var first = map[0, 0];
        Assert.Equal((1 + 16 / 2.0) / 2, first[0, 0].ToDouble(), 5);
        Assert.Equal((1 + 16 / 10.0) / 2, first[2, 0].ToDouble(), 5);
        Assert.Equal(0.5, first[6, 0].ToDouble(), 5);
        Assert.Equal(0.5, first[2, 4].ToDouble(), 5);
        Assert.True(map[1].eq(1).all().ToBoolean());
    }

    [Fact]
    public void A_margin_spreads_a_part_s_weight_over_the_pixels_around_it_on_both_sides_of_its_edge()
    {
        using var scope = NewDisposeScope();
        var (holes, named) = OnePixelPartInAnAllHoleImage(8, 3, label: 4);

        var map = TextGuidedAttention.MapFromParts(named, holes, partWeight: 1, margin: 1)[0, 0];

        // The 3x3 square around the part shares its extra weight of 64 hole pixels: 64 / 9 each.
        Assert.Equal((1 + 64 / 9.0) / 2, map[2, 2].ToDouble(), 5);
        Assert.Equal((1 + 64 / 9.0) / 2, map[3, 3].ToDouble(), 5);
        Assert.Equal((1 + 64 / 9.0) / 2, map[4, 4].ToDouble(), 5);
        Assert.Equal(0.5, map[1, 3].ToDouble(), 5);
        Assert.Equal(0.5, map[3, 5].ToDouble(), 5);
        Assert.Equal(1.0, map.mean().ToDouble(), 5);
        // Without a margin the part's own pixel takes all of it.
        Assert.Equal((1 + 64.0) / 2, TextGuidedAttention.MapFromParts(named, holes, partWeight: 1)[0, 0, 3, 3].ToDouble(), 5);
    }

    [Fact]
    public void A_negative_margin_keeps_a_part_s_weight_off_its_edge_unless_the_part_is_too_thin_to_have_an_interior()
    {
        using var scope = NewDisposeScope();
        // A 10x10 image, all hole: a 4x4 wing (label 5, interior the 2x2 square at rows and columns 2..3)
        // and a beak (label 8) one pixel wide and three long, which has no interior.
        var holes = ones(1, 1, 10, 10);
        var named = zeros(1, 1, 10, 10, dtype: ScalarType.Int64);
        named[0, 0, 1..5, 1..5] = tensor(5L);
        named[0, 0, 7, 5..8] = tensor(8L);

        var map = TextGuidedAttention.MapFromParts(named, holes, partWeight: 1, margin: -1)[0, 0];

        // Each part's extra weight: 100 hole pixels / 2 parts = 50, over the wing's 4 interior pixels and the beak's 3.
        Assert.Equal((1 + 50 / 4.0) / 2, map[2, 2].ToDouble(), 5);
        Assert.Equal((1 + 50 / 4.0) / 2, map[3, 3].ToDouble(), 5);
        Assert.Equal(0.5, map[1, 1].ToDouble(), 5);
        Assert.Equal(0.5, map[1, 3].ToDouble(), 5);
        Assert.Equal((1 + 50 / 3.0) / 2, map[7, 6].ToDouble(), 5);
        Assert.Equal(1.0, map.mean().ToDouble(), 5);
    }

    [Fact]
    public void A_weight_of_zero_leaves_a_plain_l1_and_a_negative_one_is_refused()
    {
        using var scope = NewDisposeScope();
        var (holes, named) = OnePixelPartInAnAllHoleImage(4, 0, label: 3);

        Assert.True(TextGuidedAttention.MapFromParts(named, holes, partWeight: 0).eq(1).all().ToBoolean());
        Assert.Throws<ArgumentOutOfRangeException>(() => TextGuidedAttention.MapFromParts(named, holes, partWeight: -1));
    }

    /// <summary>A size x size image, all hole, whose one named part (<paramref name="label"/>) is the pixel (at, at).</summary>
    private static (Tensor Holes, Tensor Named) OnePixelPartInAnAllHoleImage(int size, int at, long label)
    {
        var named = zeros(1, 1, size, size, dtype: ScalarType.Int64);
        named[0, 0, at, at] = tensor(label);
        return (ones(1, 1, size, size), named);
    }

    [Fact]
    public void The_part_colour_loss_reads_each_named_part_s_mean_colour_in_the_hole_whatever_its_pixels_do()
    {
        using var scope = NewDisposeScope();
        // A 4x4 image whose hole is the top half: a part (label 6) of 8 pixels, the four of row 1 in the hole.
        var holes = zeros(1, 1, 4, 4);
        holes[.., .., ..2, ..] = 1;
        var named = zeros(1, 1, 4, 4, dtype: ScalarType.Int64);
        named[0, 0, 1, ..] = tensor(6L);
        named[0, 0, 2, ..2] = tensor(6L);
        named[0, 0, 3, ..2] = tensor(6L);
        var target = zeros(1, 3, 4, 4);
        var generated = target.clone();
        // In the hole the part's pixels are +0.4 and -0.4 in red: its mean is right.
        generated[0, 0, 1, 0] = tensor(0.4f);
        generated[0, 0, 1, 1] = tensor(-0.4f);
        // Everything else may be wrong: the rest of the hole, and the part's pixels outside it.
        generated[0, .., 0, ..] = tensor(0.9f);
        generated[0, .., 2, 0] = tensor(0.9f);
        Assert.Equal(0, TextGuidedAttention.PartColourLoss(named, holes, generated, target).ToDouble(), 6);

        // A mean 0.3 too green on the part's four hidden pixels costs 0.3 / 3 channels.
        generated[0, 1, 1, ..] += 0.3f;
        Assert.Equal(0.1, TextGuidedAttention.PartColourLoss(named, holes, generated, target).ToDouble(), 5);

        // Without a named part in the hole the loss is 0; with one, its gradient reaches the image.
        var none = zeros(1, 1, 4, 4, dtype: ScalarType.Int64);
        var fill = generated.clone().requires_grad_(true);
        var loss = TextGuidedAttention.PartColourLoss(none, holes, fill, target);
        Assert.Equal(0, loss.ToDouble());
        TextGuidedAttention.PartColourLoss(named, holes, fill, target).backward();
        Assert.True(fill.grad!.abs().sum().ToDouble() > 0);
    }

    [Fact]
    public void With_a_negative_margin_the_part_colour_loss_reads_only_the_part_s_interior()
    {
        using var scope = NewDisposeScope();
        // An 8x8 image all hole, a 4x4 part (label 3): its interior one pixel in is the middle 2x2.
        var holes = ones(1, 1, 8, 8);
        var named = zeros(1, 1, 8, 8, dtype: ScalarType.Int64);
        named[0, 0, 2..6, 2..6] = tensor(3L);
        var target = zeros(1, 3, 8, 8);
        var generated = target.clone();
        generated[0, .., 2, 2] = tensor(0.8f);

        // Wrong at its edge: the whole part's mean is off by 0.8 / 16, its interior's not at all.
        Assert.Equal(0.05, TextGuidedAttention.PartColourLoss(named, holes, generated, target).ToDouble(), 5);
        Assert.Equal(0, TextGuidedAttention.PartColourLoss(named, holes, generated, target, margin: -1).ToDouble(), 6);

        generated[0, .., 3, 3] = tensor(0.8f);
        Assert.Equal(0.2, TextGuidedAttention.PartColourLoss(named, holes, generated, target, margin: -1).ToDouble(), 5);
    }
}
