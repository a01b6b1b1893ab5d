namespace TextInpaint.Models;

/// <summary>What decides which kernels libtorch uses for a convolution, apart from the input's batch and size.</summary>
public sealed record ConvolutionShape(
    int InChannels, int OutChannels, int Kernel, int Stride, int Padding, int Dilation, bool Transposed, int OutputPadding)
{
    /// <summary>Output side for an input side (of a convolution; transposed ones are not asked).</summary>
    public long OutputSide(long inputSide) => (inputSide + 2 * Padding - Dilation * (Kernel - 1) - 1) / Stride + 1;

    public override string ToString() =>
        $"{(Transposed ? "transposed " : "")}{InChannels}->{OutChannels} k{Kernel} s{Stride} p{Padding} d{Dilation}{(Transposed ? $" op{OutputPadding}" : "")}";
}
