using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace TextInpaint.Models.Mmfl;

/// <summary>Layer stacks shared by the two U-Nets and the text branch.</summary>
internal static class UNetBlocks
{
    /// <summary>
    /// Instance normalisation, or nothing where the map is 1x1 (the bottleneck): there it would
    /// set every value to 0 (and libtorch refuses it while training).
    /// </summary>
    public static Module<Tensor, Tensor> InstanceNormUnlessSinglePixel(int channels, int outputSize) =>
        outputSize > 1 ? InstanceNorm2d(channels) : Identity();

    /// <summary>4x4 stride-2 convolution, instance norm, LeakyReLU(0.2): halves the size.</summary>
    public static Sequential Down(int inChannels, int outChannels, int outputSize) => Sequential(
        Convolution.Conv2d(inChannels, outChannels, 4, stride: 2, padding: 1),
        InstanceNormUnlessSinglePixel(outChannels, outputSize),
        LeakyReLU(0.2));

    /// <summary>4x4 stride-2 transposed convolution, then instance norm and ReLU, or tanh for the image layer.</summary>
    public static Sequential Up(int inChannels, int outChannels, bool isImageLayer) => isImageLayer
        ? Sequential(Convolution.Transposed(inChannels, outChannels, 4, stride: 2, padding: 1), Tanh())
        : Sequential(Convolution.Transposed(inChannels, outChannels, 4, stride: 2, padding: 1), InstanceNorm2d(outChannels), ReLU());
}
