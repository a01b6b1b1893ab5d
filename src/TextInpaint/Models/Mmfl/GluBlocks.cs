using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace TextInpaint.Models.Mmfl;

/// <summary>AttnGAN's gated (GLU) building blocks of the text-to-image branch.</summary>
internal static class GluBlocks
{
    /// <summary>Nearest x2 upsampling, 3x3 convolution, batch norm, GLU: doubles the size.</summary>
    public static Sequential Upsample(int inChannels, int outChannels) => Sequential(
        nn.Upsample(scale_factor: [2.0, 2.0], mode: UpsampleMode.Nearest),
        Convolution.Conv2d(inChannels, 2 * outChannels, 3, padding: 1, bias: false),
        BatchNorm2d(2 * outChannels),
        GLU(1));
}
