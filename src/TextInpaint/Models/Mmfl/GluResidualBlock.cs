using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace TextInpaint.Models.Mmfl;

/// <summary>AttnGAN's residual block: x + BN(conv(GLU(BN(conv(x))))), at constant size and width.</summary>
internal sealed class GluResidualBlock : Module<Tensor, Tensor>
{
    private readonly Sequential body;

    public GluResidualBlock(int channels) : base(nameof(GluResidualBlock))
    {
        body = Sequential(
            Convolution.Conv2d(channels, 2 * channels, 3, padding: 1, bias: false),
            BatchNorm2d(2 * channels),
            GLU(1),
            Convolution.Conv2d(channels, channels, 3, padding: 1, bias: false),
            BatchNorm2d(channels));
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => input + body.forward(input);
}
