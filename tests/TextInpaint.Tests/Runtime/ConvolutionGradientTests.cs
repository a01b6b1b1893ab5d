using TextInpaint.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace TextInpaint.Tests.Runtime;

/// <summary>
/// Guards against libtorch's oneDNN convolution backward, which gives wrong input gradients for
/// stride-1 convolutions with few output channels in the libtorch of TorchSharp 0.107. Expected
/// values from Debian's PyTorch 1.13 on the same formula-built tensors:
/// w = 0.05 sin(0.37 n + 0.11) [8,64,4,4], x = sin(0.23 n - 0.5) [2,64,6,6] (n = flat index,
/// float64 then float32), loss = mean(conv2d(x, w, padding 1)^2), gradient of x.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class ConvolutionGradientTests
{
    private static Tensor Pattern(long[] shape, double a, double b)
    {
        long count = shape.Aggregate(1L, (x, y) => x * y);
        return (a * arange(count, dtype: ScalarType.Float64) + b).sin().to(ScalarType.Float32).reshape(shape);
    }

    [Fact]
    public void Stride_one_convolution_input_gradients_match_pytorch()
    {
        TorchRuntime.Initialize();
        using var scope = NewDisposeScope();
        var weight = Pattern([8, 64, 4, 4], 0.37, 0.11) * 0.05;
        var input = Pattern([2, 64, 6, 6], 0.23, -0.5).requires_grad_(true);

        nn.functional.conv2d(input, weight, padding: [1, 1]).square().mean().backward();

        Assert.False(TorchRuntime.OneDnnEnabled());
        Assert.Equal(0.0029674, input.grad!.sum().ToDouble(), 6);
        Assert.Equal(1.0120492, input.grad!.abs().sum().ToDouble(), 5);
        Assert.Equal(0.00028841, input.grad![0, 0, 2, 2].ToDouble(), 7);
    }
}
