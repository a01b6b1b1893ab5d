using TextInpaint.Models.Damsm;
using TextInpaint.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace TextInpaint.Tests.Models.Damsm;

[Collection(TorchCollection.Name)]
public sealed class ScratchImageEncoderTests
{
    public ScratchImageEncoderTests() => TorchRuntime.Initialize();

    [Theory]
    [InlineData(64, 8)]
    [InlineData(128, 16)]
    [InlineData(256, 16)]
    public void Regions_lie_on_a_grid_of_an_eighth_of_the_input_capped_at_sixteen(int size, int gridSide)
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        using var encoder = new ScratchImageEncoder(new ImageEncoderOptions(FeatureSize: 24, BaseWidth: 8));
        encoder.eval();

        var features = encoder.forward(rand(2, 3, size, size) * 2 - 1);

        Assert.Equal(gridSide, encoder.Options.GridSide(size));
        Assert.Equal(new long[] { 2, 24, gridSide * gridSide }, features.Regions.shape);
        Assert.Equal(new long[] { 2, 24 }, features.Global.shape);
        Assert.True(features.Regions.isfinite().all().ToBoolean() && features.Global.isfinite().all().ToBoolean());
    }

    [Fact]
    public void Every_parameter_receives_a_gradient()
    {
        using var scope = NewDisposeScope();
        manual_seed(2);
        using var encoder = new ScratchImageEncoder(new ImageEncoderOptions(FeatureSize: 16, BaseWidth: 8));

        var features = encoder.forward(rand(2, 3, 32, 32) * 2 - 1);
        (features.Regions.square().mean() + features.Global.square().mean()).backward();

        Assert.All(encoder.parameters(), p => Assert.True(p.grad is not null && p.grad.abs().sum().ToSingle() > 0));
    }
}
