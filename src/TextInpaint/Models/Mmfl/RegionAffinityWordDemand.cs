using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace TextInpaint.Models.Mmfl;

/// <summary>
/// The Word Demand Module in the form of MMFL's released code (<see cref="MmflPreset.ReleasedWordDemand"/>):
/// a SAGAN-style self-attention whose value is the word matrix. Two 1x1 convolutions f and g
/// (C -> C/8) of the fusion-level feature give an (HW x HW) affinity, softmax-normalised over its
/// last axis; it multiplies the (D x L) word matrix T, and words' = gamma * A * T + T, with gamma
/// learned from 0. The product treats each word's D features as if they were the HW positions,
/// so it only type-checks when HW = D (16x16 = 256 at 256x256): every word's features are mixed
/// the same way, whatever the word. At other sizes the preset uses <see cref="WordDemandModule"/>.
/// <para>
/// The released form gives no weight per word. The demand it reports, for the figures that show
/// one, is each real word's share of the change the module makes, |gamma * (A T)_l| over the
/// words' sum, and uniform while the change is zero (gamma = 0, as at the start).
/// </para>
/// </summary>
public sealed class RegionAffinityWordDemand : Module<Tensor, Tensor, Tensor, Tensor?, (Tensor Words, Tensor Demand)>
{
    private readonly Convolution f;
    private readonly Convolution g;
    private readonly Parameter gamma;

    public RegionAffinityWordDemand(int imageChannels) : base(nameof(RegionAffinityWordDemand))
    {
        f = Convolution.Conv2d(imageChannels, imageChannels / 8, 1);
        g = Convolution.Conv2d(imageChannels, imageChannels / 8, 1);
        gamma = Parameter(zeros(1));
        // As released: Xavier-uniform projections with zero biases.
        foreach (var projection in new[] { f, g })
        {
            init.xavier_uniform_(projection.Weight);
            init.zeros_(projection.Bias!);
        }
        RegisterComponents();
    }

    /// <summary>The residual scale gamma (a one-element tensor).</summary>
    public Tensor Gamma => gamma;

    /// <summary>
    /// image [B,C,h,w] with h*w = D, words [B,D,L], realWords [B,L] -> re-weighted words [B,D,L]
    /// and the demand [B,L] (0 on padding, sum 1 over the real words). The words' match with the
    /// masked image is not read by the released form.
    /// </summary>
    public override (Tensor Words, Tensor Demand) forward(Tensor image, Tensor words, Tensor realWords, Tensor? shownMatch = null)
    {
        long positions = image.shape[2] * image.shape[3];
        if (positions != words.shape[1])
            throw new ArgumentException($"the released word demand module needs as many image positions as word features: got a "
                + $"{image.shape[2]}x{image.shape[3]} map and {words.shape[1]}-d words.", nameof(image));
        var query = f.forward(image).flatten(2);                                  // [B,C/8,HW]
        var key = g.forward(image).flatten(2);                                    // [B,C/8,HW]
        var affinity = functional.softmax(query.transpose(1, 2).bmm(key), -1);    // [B,HW,HW]
        var change = gamma * affinity.bmm(words);                                 // [B,D,L]

        var real = realWords.to(words.dtype);
        var size = change.norm(1) * real;                                          // [B,L]
        var total = size.sum(1, keepdim: true);
        var uniform = real / real.sum(1, keepdim: true);
        var demand = where(total.gt(0), size / total.clamp_min(1e-12), uniform);
        return (words + change, demand);
    }
}
