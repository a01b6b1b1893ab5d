namespace TextInpaint.Models;

/// <summary>
/// Which convolutions' input gradients libtorch's oneDNN kernels compute correctly in the
/// libtorch 2.10 of TorchSharp 0.107 (docs/performance.md lists the measurements). Every forward
/// pass and every weight gradient measured was right; input gradients were wrong (off by 10-100%,
/// or NaN) for stride-1 convolutions with fewer than 16 output channels (1, 4 and 8 measured,
/// kernels 3 and 4) and for some undilated stride-2 4x4 convolutions whose input channels are
/// not a multiple of 32 (40, 48, 72 and 80 were wrong, 56 right). This answers for the shapes
/// measured right and trusted; <see cref="Convolution"/> computes the rest another way.
/// A test checks every configuration the presets use against a float64 reference.
/// </summary>
public static class OneDnnConvolutions
{
    /// <summary>The fewest output channels from which stride-1 input gradients were right.</summary>
    public const int StrideOneMinimumOutputs = 16;

    public static bool InputGradientIsRight(ConvolutionShape shape)
    {
        if (shape.Transposed) return true;
        if (shape.Stride == 1) return shape.OutChannels >= StrideOneMinimumOutputs;
        return shape.Dilation > 1 || shape.InChannels <= 32 || shape.InChannels % 32 == 0;
    }
}
