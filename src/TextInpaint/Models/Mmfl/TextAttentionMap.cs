using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace TextInpaint.Models.Mmfl;

/// <summary>
/// The text-guided attention map A of MMFL's TGA loss (section 3): the first 16 word channels of
/// the second word-attention maps (zero-padded when the caption tensor has fewer), a 3x3
/// convolution to one channel, upsampled (nearest) to the image size.
/// </summary>
public sealed class TextAttentionMap : Module<Tensor, Tensor>
{
    /// <summary>Word channels the map is made from (the released code's caption length cap).</summary>
    public const int WordChannels = 16;

    private readonly Convolution combine;
    private readonly long imageSize;

    public TextAttentionMap(int imageSize) : base(nameof(TextAttentionMap))
    {
        this.imageSize = imageSize;
        combine = Convolution.Conv2d(WordChannels, 1, 3, padding: 1);
        RegisterComponents();
    }

    /// <summary>attention [B,L,h,w] -> A [B,1,S,S].</summary>
    public override Tensor forward(Tensor attention)
    {
        long words = attention.shape[1];
        var channels = words >= WordChannels
            ? attention[.., ..WordChannels]
            : functional.pad(attention, [0, 0, 0, 0, 0, WordChannels - words]);
        return functional.interpolate(combine.forward(channels), size: [imageSize, imageSize], mode: InterpolationMode.Nearest);
    }
}
