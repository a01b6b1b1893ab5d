using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace TextInpaint.Models.Mmfl;

/// <summary>
/// The pre-activation layer stacks of MMFL's released code (<see cref="MmflPreset.PreActivationBlocks"/>,
/// <see cref="MmflPreset.ReleasedRefineLayout"/>): activation, then convolution, then instance norm,
/// so that a block's output (and the skip a U-Net takes from it) is the normalised feature before
/// its activation. Instance norm is left out where the map is 1x1.
/// </summary>
internal static class PreActivationBlocks
{
    /// <summary>
    /// Encoder level: LeakyReLU(0.2), 4x4 stride-2 convolution, instance norm; halves the size.
    /// The first level of a U-Net is the convolution alone (no activation before, no norm after).
    /// </summary>
    public static Sequential Down(int inChannels, int outChannels, int outputSize, bool isFirstLevel) => isFirstLevel
        ? Sequential(Convolution.Conv2d(inChannels, outChannels, 4, stride: 2, padding: 1))
        : Sequential(
            LeakyReLU(0.2),
            Convolution.Conv2d(inChannels, outChannels, 4, stride: 2, padding: 1),
            UNetBlocks.InstanceNormUnlessSinglePixel(outChannels, outputSize));

    /// <summary>Decoder level: ReLU, 4x4 stride-2 transposed convolution, then instance norm, or tanh for the image layer.</summary>
    public static Sequential Up(int inChannels, int outChannels, bool isImageLayer) => Sequential(
        ReLU(),
        Convolution.Transposed(inChannels, outChannels, 4, stride: 2, padding: 1),
        isImageLayer ? Tanh() : InstanceNorm2d(outChannels));

    /// <summary>
    /// Refine encoder level of the released layout: LeakyReLU, 4x4 stride-2 convolution with
    /// dilation 2 that keeps the channels (in -> in), instance norm, LeakyReLU, 3x3 convolution
    /// in -> out, instance norm; halves the size.
    /// </summary>
    public static Sequential DilatedDown(int inChannels, int outChannels, int outputSize) => Sequential(
        LeakyReLU(0.2),
        // Dilation 2 widens the 4x4 kernel to 7x7; padding 3 keeps the output at half the size.
        Convolution.Conv2d(inChannels, inChannels, 4, stride: 2, padding: 3, dilation: 2),
        UNetBlocks.InstanceNormUnlessSinglePixel(inChannels, outputSize),
        LeakyReLU(0.2),
        Convolution.Conv2d(inChannels, outChannels, 3, padding: 1),
        UNetBlocks.InstanceNormUnlessSinglePixel(outChannels, outputSize));

    /// <summary>
    /// Refine decoder level of the released layout: ReLU, 3x3 stride-1 transposed convolution
    /// in -> out, instance norm, ReLU, 4x4 stride-2 transposed convolution out -> out, instance
    /// norm; doubles the size.
    /// </summary>
    public static Sequential TwoStepUp(int inChannels, int outChannels) => Sequential(
        ReLU(),
        Convolution.Transposed(inChannels, outChannels, 3, padding: 1),
        InstanceNorm2d(outChannels),
        ReLU(),
        Convolution.Transposed(outChannels, outChannels, 4, stride: 2, padding: 1),
        InstanceNorm2d(outChannels));
}
