using TextInpaint.Benchmarks;
using TextInpaint.Models;
using TextInpaint.Runtime;
using static TorchSharp.torch;

namespace TextInpaint.Tests.Benchmarks;

[Collection(TorchCollection.Name)]
public sealed class ConvolutionWorkTests
{
    [Fact]
    public void A_convolution_counts_its_forward_and_the_gradients_a_backward_pass_computes()
    {
        TorchRuntime.Initialize();
        using var layer = Convolution.Conv2d(3, 8, 3, padding: 1);
        using var transposed = Convolution.Transposed(8, 4, 4, stride: 2, padding: 1);
        // 2 x (2 images x 16x16 outputs x 3 x 8 x 3x3) and 2 x (2 x 16x16 inputs x 8 x 4 x 4x4).
        const double convolution = 2.0 * 2 * 256 * 3 * 8 * 9 / 1e9, transpose = 2.0 * 2 * 256 * 8 * 4 * 16 / 1e9;

        double inference = ConvolutionWork.GigaOperations(() =>
        {
            using var noGrad = no_grad();
            transposed.forward(layer.forward(zeros(2, 3, 16, 16)));
        });
        // Training: the first layer's input needs no gradient (forward + weight gradient), the second's does.
        double training = ConvolutionWork.GigaOperations(() => transposed.forward(layer.forward(zeros(2, 3, 16, 16))).sum().backward());

        Assert.Equal(convolution + transpose, inference, 12);
        Assert.Equal(2 * convolution + 3 * transpose, training, 12);
    }
}
