using TextInpaint.Models.Damsm;
using static TorchSharp.torch;

namespace TextInpaint.Losses;

/// <summary>
/// What the Word Demand Module is taught to say (docs/method.md section 12): the words the hole
/// needs are those whose match with the image the hole takes away. With the frozen DAMSM
/// encoders, each word's relevance to the true image and to the masked image
/// (<see cref="WordMatching.OwnWordRelevance"/>) is measured; a word of a hidden part loses its match
/// when the part goes, a word of a part in view keeps it, and a word that matches everywhere
/// ("this", "bird") loses little. The target is the share of the caption's total loss each word
/// takes. It needs neither part maps nor labels, only the data set's own captions, so it trains
/// on CUB as on SynthBirds. MMFL trains the module only through the inpainting losses; a
/// departure, since nothing in them makes passing every word whole cost anything.
/// </summary>
public static class WordDemandTarget
{
    /// <summary>
    /// The target distribution over each caption's real words [B, T] (0 on padding; each row sums
    /// to 1, or is uniform over the real words when the hole takes no word's match away) from the
    /// words' relevance to the true and to the masked image, both [B, T]. <paramref name="floor"/>
    /// is a loss of match spread evenly over the real words before the shares are taken: a hole
    /// that takes away much less than it (one over a part no word names) gets a target near
    /// uniform instead of one that singles out the words the encoders' noise moved most; a hole
    /// that takes away much more keeps its peaks. <paramref name="sharpness"/> raises the shares of
    /// what the hole takes to that power before the floor is mixed in (1: the shares as they are):
    /// the words whose match the hole takes most keep more of the target, the rest less.
    /// <paramref name="floorPower"/> sets how sharply the target turns from uniform to those shares
    /// as the hole takes more than the floor. The target is s·lost^p/Σlost^p + (1 − s)·uniform, with
    /// s = L^q / (L^q + floor^q), L = Σlost, p the sharpness and q the floor's power (both 1: the
    /// floor's plain form, (lost + floor·uniform) / (L + floor)).
    /// </summary>
    public static Tensor From(Tensor relevanceToTruth, Tensor relevanceToMasked, Tensor realWords, double floor = 0, double sharpness = 1,
        double floorPower = 1)
    {
        using var noGrad = no_grad();
        var real = realWords.to(relevanceToTruth.dtype);
        var uniform = real / real.sum(1, keepdim: true).clamp_min(1);
        var lost = (relevanceToTruth - relevanceToMasked).clamp_min(0) * real;
        var total = lost.sum(1, keepdim: true);
        var peaks = (lost / total.clamp_min(1e-6)).pow(sharpness) * real;
        var shares = peaks / peaks.sum(1, keepdim: true).clamp_min(1e-12);
        var kept = total.pow(floorPower) / (total.pow(floorPower) + Math.Pow(floor, floorPower)).clamp_min(1e-12);
        return where((total + floor).gt(1e-6), kept * shares + (1 - kept) * uniform, uniform);
    }

    /// <summary>
    /// KL(target ‖ demand share): demand [B, T] (gates or shares, 0 on padding) is read as a
    /// distribution over each caption's real words by dividing by its sum, so only how the words
    /// compare is taught, not the gates' scale. Mean over the batch.
    /// </summary>
    public static Tensor Loss(Tensor demand, Tensor target, Tensor realWords)
    {
        var real = realWords.to(demand.dtype);
        var share = demand * real / (demand * real).sum(1, keepdim: true).clamp_min(1e-8);
        var terms = target * (target.clamp_min(1e-8).log() - share.clamp_min(1e-8).log());
        return terms.sum(1).mean();
    }
}
