using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace TextInpaint.Models.Mmfl;

/// <summary>
/// A 2-D convolution whose weight is divided by its largest singular value (spectral
/// normalisation, Miyato et al. 2018), which TorchSharp does not have. The singular value is
/// estimated by one power iteration per training forward pass on the weight reshaped to
/// [out, in*k*k], carrying the left singular vector <c>u</c> from call to call (a buffer, saved
/// with the weights); in evaluation mode <c>u</c> is left as it is. The convolution itself goes
/// through <see cref="Convolution.Apply"/>, which avoids oneDNN's wrong input gradients.
/// </summary>
public sealed class SpectralNormConv2d : Module<Tensor, Tensor>
{
    private const double Epsilon = 1e-12;

    private readonly Parameter weight;
    private readonly Parameter bias;
    private readonly Tensor u;
    private readonly ConvolutionShape shape;

    public SpectralNormConv2d(int inChannels, int outChannels, int kernelSize, int stride = 1, int padding = 0)
        : base(nameof(SpectralNormConv2d))
    {
        shape = new ConvolutionShape(inChannels, outChannels, kernelSize, stride, padding, Dilation: 1, Transposed: false, OutputPadding: 0);
        using (var initial = Conv2d(inChannels, outChannels, kernelSize, stride: stride, padding: padding))
        using (no_grad())
        {
            weight = Parameter(initial.weight!.detach().clone());
            bias = Parameter(initial.bias!.detach().clone());
        }
        u = functional.normalize(randn(outChannels), p: 2, dim: 0, eps: Epsilon);
        RegisterComponents();
    }

    /// <summary>The weight's largest singular value as estimated now (a scalar, no gradient).</summary>
    public double SpectralNorm()
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        return Sigma(weight.reshape(weight.shape[0], -1)).ToDouble();
    }

    /// <summary>input [B,in,H,W] -> [B,out,H',W'], convolved with weight / sigma.</summary>
    public override Tensor forward(Tensor input)
    {
        var matrix = weight.reshape(weight.shape[0], -1);
        if (training)
        {
            using var noGrad = no_grad();
            var v = functional.normalize(matrix.t().mv(u), p: 2, dim: 0, eps: Epsilon);
            u.copy_(functional.normalize(matrix.mv(v), p: 2, dim: 0, eps: Epsilon));
        }
        return Convolution.Apply(shape, input, weight / Sigma(matrix), bias);
    }

    // sigma = u^T W v with v = W^T u / |W^T u|; u and v carry no gradient, W does. The graph
    // keeps a copy of u, because the next training call updates the buffer in place while this
    // call's graph may still wait for its backward pass (D runs twice before each backward).
    private Tensor Sigma(Tensor matrix)
    {
        Tensor left, v;
        using (no_grad())
        {
            left = u.clone();
            v = functional.normalize(matrix.t().mv(left), p: 2, dim: 0, eps: Epsilon);
        }
        return left.dot(matrix.mv(v));
    }
}
