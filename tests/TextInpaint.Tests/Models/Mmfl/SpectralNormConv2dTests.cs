using TextInpaint.Models.Mmfl;
using TextInpaint.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace TextInpaint.Tests.Models.Mmfl;

[Collection(TorchCollection.Name)]
public sealed class SpectralNormConv2dTests
{
    public SpectralNormConv2dTests() => TorchRuntime.Initialize();

    private static double LargestSingularValue(Tensor weight) =>
        linalg.svdvals(weight.reshape(weight.shape[0], -1)).max().ToDouble();

    [Fact]
    public void Training_passes_converge_to_the_largest_singular_value_of_the_weight()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        using var conv = new SpectralNormConv2d(6, 8, 4, stride: 2, padding: 1);
        conv.train();
        var weight = conv.parameters().First(p => p.Dimensions == 4);
        using (no_grad())
            weight.mul_(7);
        for (int i = 0; i < 60; i++)
            conv.forward(randn(1, 6, 8, 8));

        Assert.Equal(LargestSingularValue(weight), conv.SpectralNorm(), 3);
    }

    [Fact]
    public void The_output_is_the_convolution_with_the_weight_divided_by_its_spectral_norm_and_weights_get_gradients()
    {
        using var scope = NewDisposeScope();
        manual_seed(4);
        using var conv = new SpectralNormConv2d(3, 5, 3, stride: 1, padding: 1);
        conv.train();
        var input = randn(2, 3, 6, 6);
        for (int i = 0; i < 60; i++)
            conv.forward(input);
        var weight = conv.parameters().First(p => p.Dimensions == 4);
        var bias = conv.parameters().First(p => p.Dimensions == 1);

        conv.eval();
        var output = conv.forward(input);
        var expected = nn.functional.conv2d(input, weight / LargestSingularValue(weight), bias, padding: [1, 1]);

        Assert.True(allclose(output, expected, rtol: 1e-3, atol: 1e-4));
        output.sum().backward();
        Assert.True(weight.grad!.abs().sum().ToDouble() > 0);
    }

    [Fact]
    public void Two_forward_passes_before_one_backward_are_allowed_and_evaluation_leaves_the_estimate_alone()
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        using var conv = new SpectralNormConv2d(3, 4, 4, stride: 2, padding: 1);
        conv.train();
        var loss = conv.forward(randn(1, 3, 8, 8)).square().mean() + conv.forward(randn(1, 3, 8, 8)).square().mean();
        loss.backward();

        conv.eval();
        double before = conv.SpectralNorm();
        conv.forward(randn(1, 3, 8, 8));
        Assert.Equal(before, conv.SpectralNorm());
    }
}
