using TextInpaint.Models.Damsm;
using TextInpaint.Models.Pretrained;
using TextInpaint.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace TextInpaint.Tests.Models.Damsm;

/// <summary>
/// The DAMSM image encoder on the frozen ResNet-18. The network here has libtorch's random weights (the
/// package's are read by the tests of <see cref="ResNet18Features"/> and of the training run): what is
/// tested is how the encoder wraps it.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class ResNet18ImageEncoderTests
{
    public ResNet18ImageEncoderTests() => TorchRuntime.Initialize();

    private static ImageEncoderOptions Options(int inputSize, int maxGridSide = 16) =>
        new(FeatureSize: 24, MaxGridSide: maxGridSide, Network: ImageEncoderNetwork.ResNet18, InputSize: inputSize);

    [Theory]
    [InlineData(64, 32, 16, 2)]
    [InlineData(256, 64, 16, 4)]
    [InlineData(32, 128, 4, 4)]
    public void Regions_lie_on_the_third_stages_grid_of_the_resized_input(int imageSize, int inputSize, int maxGridSide, int gridSide)
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        using var encoder = ImageEncoder.Create(Options(inputSize, maxGridSide), _ => new ResNet18Features());
        encoder.eval();

        var features = encoder.forward(rand(2, 3, imageSize, imageSize) * 2 - 1);

        Assert.IsType<ResNet18ImageEncoder>(encoder);
        Assert.Equal(gridSide, encoder.Options.GridSide(imageSize));
        Assert.Equal(new long[] { 2, 24, gridSide * gridSide }, features.Regions.shape);
        Assert.Equal(new long[] { 2, 24 }, features.Global.shape);
        Assert.True(features.Regions.isfinite().all().ToBoolean() && features.Global.isfinite().all().ToBoolean());
    }

    [Fact]
    public void The_frozen_network_gets_no_gradient_while_the_projections_and_the_images_do()
    {
        using var scope = NewDisposeScope();
        manual_seed(2);
        var network = new ResNet18Features(); // the encoder owns it, as it owns what its loader reads
        var before = network.parameters().Select(p => p.detach().clone()).ToArray();
        using var encoder = new ResNet18ImageEncoder(Options(32), _ => network);
        encoder.train();
        var images = (rand(2, 3, 32, 32) * 2 - 1).requires_grad_();

        var features = encoder.forward(images);
        (features.Regions.square().mean() + features.Global.square().mean()).backward();

        Assert.All(network.parameters(), p => Assert.Null(p.grad));
        Assert.False(network.training);
        Assert.All(encoder.parameters(), p => Assert.True(p.grad is not null && p.grad.abs().sum().ToSingle() > 0));
        Assert.True(images.grad is not null && images.grad.abs().sum().ToSingle() > 0);
        Assert.All(before.Zip(network.parameters()), pair => Assert.True(pair.First.allclose(pair.Second, rtol: 0, atol: 0)));
    }

    [Fact]
    public void Training_mode_reads_the_images_as_evaluation_mode_does()
    {
        // The network's batch normalisation keeps its ImageNet statistics whatever mode the encoder is in.
        using var scope = NewDisposeScope();
        manual_seed(3);
        using var encoder = new ResNet18ImageEncoder(Options(32), _ => new ResNet18Features());
        var images = rand(4, 3, 32, 32) * 2 - 1;

        encoder.train();
        var training = encoder.forward(images);
        encoder.eval();
        var evaluation = encoder.forward(images);

        Assert.True(training.Regions.allclose(evaluation.Regions, rtol: 0, atol: 0));
        Assert.True(training.Global.allclose(evaluation.Global, rtol: 0, atol: 0));
    }

    [Fact]
    public void The_network_is_read_on_the_first_image_once_and_is_not_part_of_the_encoders_state()
    {
        using var scope = NewDisposeScope();
        int reads = 0;
        using var encoder = new ResNet18ImageEncoder(Options(32), _ =>
        {
            reads++;
            return new ResNet18Features();
        });

        Assert.False(encoder.NetworkLoaded);
        Assert.Equal(0, reads);
        encoder.forward(zeros(1, 3, 32, 32));
        encoder.forward(zeros(1, 3, 32, 32));

        Assert.True(encoder.NetworkLoaded);
        Assert.Equal(1, reads);
        Assert.Equal(["regionProjection.weight", "globalProjection.weight", "globalProjection.bias"], encoder.state_dict().Keys.ToArray());
    }

    [Fact]
    public void The_projections_of_the_read_features_are_the_encoders_output()
    {
        using var scope = NewDisposeScope();
        manual_seed(4);
        using var encoder = new ResNet18ImageEncoder(Options(32), _ => new ResNet18Features());
        var images = rand(3, 3, 48, 48) * 2 - 1;

        var direct = encoder.forward(images);
        var projected = encoder.Project(encoder.Read(images));

        Assert.Equal(new long[] { 3, ResNet18ImageEncoder.RegionChannels, 2, 2 }, encoder.Read(images).RegionMap.shape);
        Assert.True(direct.Regions.allclose(projected.Regions, rtol: 0, atol: 0));
        Assert.True(direct.Global.allclose(projected.Global, rtol: 0, atol: 0));
    }

    [Fact]
    public void A_resnet18_encoder_cannot_be_made_without_a_way_to_read_its_network()
    {
        Assert.Throws<ArgumentNullException>(() => ImageEncoder.Create(Options(32)));
        using var scratch = ImageEncoder.Create(new ImageEncoderOptions(FeatureSize: 8, BaseWidth: 4));
        Assert.IsType<ScratchImageEncoder>(scratch);
    }
}
