using TextInpaint.Models.Detail;
using TextInpaint.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace TextInpaint.Tests.Models.Detail;

[Collection(TorchCollection.Name)]
public sealed class DetailGeneratorTests
{
    private static readonly DetailNetwork Small = new(FullWidth: 8, HalfWidth: 16, QuarterWidth: 16, ResidualBlocks: 2);

    /// <summary>A window [B,3,S,S], a box hole [B,1,S,S] over its middle and a fill [B,3,S,S], from a seeded generator.</summary>
    private static (Tensor Window, Tensor Hole, Tensor Fill) Inputs(int batch, int side, ulong seed = 1)
    {
        var random = new Generator(seed);
        var hole = zeros(batch, 1, side, side);
        hole[.., .., (side / 4)..(side * 3 / 4), (side / 8)..(side / 2)] = 1;
        return (rand([batch, 3, side, side], generator: random) * 2 - 1, hole, rand([batch, 3, side, side], generator: random) * 2 - 1);
    }

    /// <summary>Moves every weight away from its initial value, so that the stage paints something of its own.</summary>
    private static void Perturb(DetailGenerator generator)
    {
        var random = new Generator(7);
        using (no_grad())
            foreach (var p in generator.parameters())
                p.add_(randn(p.shape, generator: random) * 0.05);
    }

    [Fact]
    public void The_painted_window_is_its_input_outside_the_hole_and_the_stages_own_inside()
    {
        TorchRuntime.Initialize();
        using var scope = NewDisposeScope();
        using var generator = new DetailGenerator(Small);
        Perturb(generator);
        var (window, hole, fill) = Inputs(2, 64);
        var masked = window * (1 - hole);

        var painted = generator.forward(masked, hole, fill);

        Assert.Equal(0, ((painted - masked).abs() * (1 - hole)).max().ToDouble());
        Assert.True(((painted - fill).abs() * hole).sum().ToDouble() / (3 * hole.sum().ToDouble()) > 1e-3, "the stage painted nothing over the fill");
    }

    [Fact]
    public void An_untrained_stage_paints_the_fill_as_it_is()
    {
        TorchRuntime.Initialize();
        using var scope = NewDisposeScope();
        using var generator = new DetailGenerator(Small);
        var (window, hole, fill) = Inputs(1, 32);

        var painted = generator.forward(window * (1 - hole), hole, fill);

        Assert.True(painted.allclose(window * (1 - hole) + fill * hole), "an untrained stage changed the fill");
    }

    [Theory]
    [InlineData(128)]
    [InlineData(256)]
    public void A_crop_and_a_whole_window_come_out_at_their_own_size(int side)
    {
        TorchRuntime.Initialize();
        using var scope = NewDisposeScope();
        using var generator = new DetailGenerator(Small);
        var (window, hole, fill) = Inputs(1, side);

        using var noGrad = no_grad();
        var painted = generator.forward(window * (1 - hole), hole, fill);

        Assert.Equal(new long[] { 1, 3, side, side }, painted.shape);
    }

    /// <summary>The count docs/method.md section 13 gives.</summary>
    [Fact]
    public void The_default_detail_stage_has_0_40_million_parameters()
    {
        TorchRuntime.Initialize();
        using var generator = new DetailGenerator(new DetailNetwork());

        Assert.Equal(397_843, generator.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void A_side_that_is_not_a_multiple_of_the_stride_is_refused()
    {
        TorchRuntime.Initialize();
        using var scope = NewDisposeScope();
        using var generator = new DetailGenerator(Small);
        var (window, hole, fill) = Inputs(1, 30);

        var e = Assert.Throws<ArgumentException>(() => generator.forward(window, hole, fill));

        Assert.Contains("multiples of 4", e.Message);
    }

    [Fact]
    public void Upsampling_the_fill_keeps_a_flat_colour_and_gives_the_windows_side()
    {
        TorchRuntime.Initialize();
        using var scope = NewDisposeScope();
        var fill = full(new long[] { 2, 3, 16, 16 }, 0.25f);

        var upsampled = DetailModel.Upsample(fill, 64);

        Assert.Equal(new long[] { 2, 3, 64, 64 }, upsampled.shape);
        Assert.True(upsampled.allclose(full(new long[] { 2, 3, 64, 64 }, 0.25f)));
    }
}
