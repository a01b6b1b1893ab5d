using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TextInpaint.Models;

/// <summary>
/// A 2-D convolution or transposed convolution whose input gradient is always right. libtorch's
/// oneDNN kernels compute the forward pass and the weight gradient of every configuration the
/// presets use correctly, but the input gradient of some configurations wrongly
/// (<see cref="OneDnnConvolutions"/>). Where oneDNN's input gradient is wrong and one is needed,
/// a stride-1 convolution with too few output channels runs on oneDNN widened to
/// <see cref="OneDnnConvolutions.StrideOneMinimumOutputs"/> outputs, the added ones with zero
/// weights and dropped from the result (which leaves every gradient of the real outputs as it
/// is); any other computes as a matrix product of unfolded patches, whose backward pass uses no
/// oneDNN kernel. Its weights and state-dict keys (<c>weight</c>,
/// <c>bias</c>) and their initial values are those of TorchSharp's Conv2d and ConvTranspose2d.
/// </summary>
public sealed class Convolution : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly Parameter? bias;
    private readonly bool worksAroundOneDnn;

    private Convolution(ConvolutionShape shape, Parameter weight, Parameter? bias) : base(nameof(Convolution))
    {
        Shape = shape;
        this.weight = weight;
        this.bias = bias;
        worksAroundOneDnn = !OneDnnConvolutions.InputGradientIsRight(shape);
        RegisterComponents();
    }

    /// <summary>A convolution initialised as TorchSharp's <c>nn.Conv2d</c> initialises one.</summary>
    public static Convolution Conv2d(int inChannels, int outChannels, int kernel, int stride = 1, int padding = 0, int dilation = 1, bool bias = true)
    {
        using var template = nn.Conv2d(inChannels, outChannels, kernel, stride: stride, padding: padding, dilation: dilation, bias: bias);
        return new Convolution(
            new ConvolutionShape(inChannels, outChannels, kernel, stride, padding, dilation, Transposed: false, OutputPadding: 0),
            Copy(template.weight!), template.bias is { } b ? Copy(b) : null);
    }

    /// <summary>A transposed convolution initialised as TorchSharp's <c>nn.ConvTranspose2d</c> initialises one.</summary>
    public static Convolution Transposed(int inChannels, int outChannels, int kernel, int stride = 1, int padding = 0, int outputPadding = 0)
    {
        using var template = nn.ConvTranspose2d(inChannels, outChannels, kernel, stride: stride, padding: padding, output_padding: outputPadding);
        return new Convolution(
            new ConvolutionShape(inChannels, outChannels, kernel, stride, padding, 1, Transposed: true, outputPadding),
            Copy(template.weight!), template.bias is { } b ? Copy(b) : null);
    }

    public ConvolutionShape Shape { get; }

    public Parameter Weight => weight;

    public Parameter? Bias => bias;

    /// <summary>Whether oneDNN gets this layer's input gradient wrong, so that it is computed another way (widened or unfolded) when needed.</summary>
    public bool WorksAroundOneDnn => worksAroundOneDnn;

    /// <summary>
    /// Called with every convolution's shape, input and weight (through <see cref="Apply"/>), on
    /// the calling thread; for checking and counting the convolutions a model runs.
    /// </summary>
    [ThreadStatic] internal static Action<ConvolutionShape, Tensor, Tensor>? Observer;

    /// <summary>input [B,Cin,H,W] -> [B,Cout,H',W'].</summary>
    public override Tensor forward(Tensor input) => Apply(Shape, input, weight, bias, worksAroundOneDnn);

    /// <summary>
    /// The convolution of <paramref name="shape"/> with the given weight (e.g. a normalised one),
    /// through unfolded patches where oneDNN's input gradient would be wrong and is needed.
    /// </summary>
    public static Tensor Apply(ConvolutionShape shape, Tensor input, Tensor weight, Tensor? bias) =>
        Apply(shape, input, weight, bias, !OneDnnConvolutions.InputGradientIsRight(shape));

    private static Tensor Apply(ConvolutionShape s, Tensor input, Tensor weight, Tensor? bias, bool worksAroundOneDnn)
    {
        Observer?.Invoke(s, input, weight);
        if (worksAroundOneDnn && is_grad_enabled() && input.requires_grad)
            return s is { Stride: 1, Transposed: false } ? Widened(s, input, weight, bias) : Unfolded(s, input, weight, bias);
        return s.Transposed
            ? nn.functional.conv_transpose2d(input, weight, bias, strides: [s.Stride, s.Stride], padding: [s.Padding, s.Padding],
                output_padding: [s.OutputPadding, s.OutputPadding], dilation: [s.Dilation, s.Dilation])
            : nn.functional.conv2d(input, weight, bias, strides: [s.Stride, s.Stride], padding: [s.Padding, s.Padding],
                dilation: [s.Dilation, s.Dilation]);
    }

    // The same convolution with zero-weight outputs added up to the count oneDNN gets right, then dropped.
    private static Tensor Widened(ConvolutionShape s, Tensor input, Tensor weight, Tensor? bias)
    {
        long added = OneDnnConvolutions.StrideOneMinimumOutputs - s.OutChannels;
        var wide = s with { OutChannels = OneDnnConvolutions.StrideOneMinimumOutputs };
        var wideWeight = nn.functional.pad(weight, [0, 0, 0, 0, 0, 0, 0, added]);
        var wideBias = bias is null ? null : nn.functional.pad(bias, [0, added]);
        return Apply(wide, input, wideWeight, wideBias, worksAroundOneDnn: false).narrow(1, 0, s.OutChannels);
    }

    // The same convolution as weight [Cout, Cin*k*k] times the patches [B, Cin*k*k, H'*W'].
    private static Tensor Unfolded(ConvolutionShape s, Tensor input, Tensor weight, Tensor? bias)
    {
        if (s.Transposed)
            throw new InvalidOperationException($"no unfolded form of a transposed convolution ({s}).");
        long outHeight = s.OutputSide(input.shape[2]), outWidth = s.OutputSide(input.shape[3]);
        var patches = nn.functional.unfold(input, s.Kernel, s.Dilation, s.Padding, s.Stride);
        var output = weight.reshape(s.OutChannels, -1).matmul(patches);
        if (bias is not null) output = output + bias.reshape(1, -1, 1);
        return output.reshape(input.shape[0], s.OutChannels, outHeight, outWidth);
    }

    private static Parameter Copy(Tensor tensor) => new(tensor.detach().clone());
}
