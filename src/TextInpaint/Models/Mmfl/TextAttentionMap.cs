using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace TextInpaint.Models.Mmfl;

/// <summary>
/// The text-guided attention map A of MMFL's TGA loss (docs/method.md, losses). As in MMFL: the
/// first 16 word channels of the second word-attention maps (zero-padded when the caption tensor
/// has fewer), a 3x3 convolution to one channel, upsampled (nearest) to the image size.
/// <para>
/// Normalised (<see cref="MmflPreset.NormalisedTextAttention"/>), a departure: MMFL's convolution
/// has no other use than the loss it weights, so training shrinks it towards 0 (on SynthBirds the
/// loss fell from 0.011 to 1.4e-5 and removing it changed nothing). The normalised map has no
/// weights: it is the second word attention weighted by each word's share of the demand, so it is
/// high where the words the masked image needs were placed, divided by its mean over the image so
/// that it averages 1, and detached, so that the loss trains the generated image only.
/// </para>
/// </summary>
public sealed class TextAttentionMap : Module<Tensor, Tensor, Tensor>
{
    /// <summary>Word channels the learned map is made from (the released code's caption length cap).</summary>
    public const int WordChannels = 16;

    private readonly Convolution? combine;
    private readonly long imageSize;

    public TextAttentionMap(int imageSize, bool normalised = false) : base(nameof(TextAttentionMap))
    {
        this.imageSize = imageSize;
        combine = normalised ? null : Convolution.Conv2d(WordChannels, 1, 3, padding: 1);
        RegisterComponents();
    }

    /// <summary>attention [B,L,h,w] (the second word attention), demand [B,L] -> A [B,1,S,S].</summary>
    public override Tensor forward(Tensor attention, Tensor demand)
    {
        if (combine is null)
        {
            using var noGrad = no_grad();
            var share = demand / demand.sum(1, keepdim: true).clamp_min(1e-8);                     // [B,L]
            var placed = (attention * share.unsqueeze(2).unsqueeze(3)).sum(1, keepdim: true);        // [B,1,h,w]
            var map = functional.interpolate(placed, size: [imageSize, imageSize], mode: InterpolationMode.Nearest);
            return map / map.mean([1, 2, 3], keepdim: true).clamp_min(1e-8);
        }
        long words = attention.shape[1];
        var channels = words >= WordChannels
            ? attention[.., ..WordChannels]
            : functional.pad(attention, [0, 0, 0, 0, 0, WordChannels - words]);
        return functional.interpolate(combine.forward(channels), size: [imageSize, imageSize], mode: InterpolationMode.Nearest);
    }
}
