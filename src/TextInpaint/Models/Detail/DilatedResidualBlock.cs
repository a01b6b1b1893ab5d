using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace TextInpaint.Models.Detail;

/// <summary>
/// A pre-activation residual block of two 3x3 convolutions, the first dilated: x + conv(act(conv_d(act(x)))).
/// Stacked at quarter resolution with dilations 1, 2, 4, 8, four blocks see about 150 pixels of the
/// full-resolution window for a few convolutions' cost (the dilated blocks of DeepFill and
/// Iizuka et al.'s completion network, without their normalisation: the generator trains on crops
/// and runs on whole windows, whose statistics differ).
/// </summary>
public sealed class DilatedResidualBlock : Module<Tensor, Tensor>
{
    private readonly Convolution dilated;
    private readonly Convolution plain;

    public DilatedResidualBlock(int channels, int dilation) : base(nameof(DilatedResidualBlock))
    {
        dilated = Convolution.Conv2d(channels, channels, 3, padding: dilation, dilation: dilation);
        plain = Convolution.Conv2d(channels, channels, 3, padding: 1);
        RegisterComponents();
    }

    /// <summary>[B,C,H,W] -> [B,C,H,W].</summary>
    public override Tensor forward(Tensor input) =>
        input + plain.forward(functional.leaky_relu(dilated.forward(functional.leaky_relu(input, 0.2)), 0.2));
}
