using TextInpaint.Models.Damsm;
using static TorchSharp.torch;

namespace TextInpaint.Losses;

/// <summary>MMFL's text-guided attention loss (docs/method.md section 3).</summary>
public static class TextGuidedAttention
{
    /// <summary>
    /// The fewest interior pixels in the hole for which a part's weight keeps to its interior (as the judge's
    /// <c>PartColours.MinimumInterior</c>).
    /// </summary>
    public const int MinimumInterior = 4;

    /// <summary>
    /// L_TGA = ||A * z_hat - A * x||_1, as a mean over all values: it weights the reconstruction
    /// error where the text attends. attention A [B,1,S,S] (broadcast over channels), generated
    /// z_hat and target x [B,3,S,S].
    /// In MMFL, A comes from a learned convolution that this loss also trains, so the loss can be
    /// lowered by shrinking A towards 0; a normalised map (mean 1, detached) cannot be
    /// (see <see cref="Models.Mmfl.TextAttentionMap"/>).
    /// </summary>
    public static Tensor Loss(Tensor attention, Tensor generated, Tensor target) =>
        (attention * generated - attention * target).abs().mean();

    /// <summary>
    /// A map A of where the words the masked image needs lie in the true image
    /// (the training recipe's <c>truth</c> map): each word's DAMSM attention
    /// over the true image's regions [B,T,R] (a distribution over the regions per word, see
    /// <see cref="WordMatching.OwnWordAttention"/>), weighted by the word's demand [B,T] times the
    /// peak of its attention (a colour word sits on its part; "the", "bird" and "has" spread over
    /// the bird), upsampled (bilinear) to the hole mask's size [B,1,S,S] and divided by its mean
    /// over the hole, so that it averages 1 where the loss has error to weight. Detached: it only
    /// weights. A departure from MMFL, whose map is made from the generator's word attention: that
    /// attention is a distribution over the words at every position, so any mix of its words is
    /// nearly flat over the image and the loss becomes a second L1.
    /// </summary>
    public static Tensor MapFromTruth(Tensor wordRegionAttention, Tensor demand, Tensor holeMask)
    {
        using var noGrad = no_grad();
        long batch = wordRegionAttention.shape[0], regions = wordRegionAttention.shape[2];
        long side = (long)Math.Round(Math.Sqrt(regions));
        var weight = demand * wordRegionAttention.amax(2);                                                   // [B,T]
        var share = weight / weight.sum(1, keepdim: true).clamp_min(1e-8);
        var placed = (wordRegionAttention * share.unsqueeze(2)).sum(1).view(batch, 1, side, side);          // [B,1,g,g]
        var map = nn.functional.interpolate(placed, size: [holeMask.shape[2], holeMask.shape[3]], mode: InterpolationMode.Bilinear, align_corners: false);
        var holeMean = (map * holeMask).sum([1, 2, 3], keepdim: true) / holeMask.sum([1, 2, 3], keepdim: true).clamp_min(1);
        return map / holeMean.clamp_min(1e-8);
    }

    /// <summary>
    /// A map A of the parts the caption names (the training recipe's <c>parts</c> map),
    /// from a data set's part maps: namedParts [B,1,S,S] holds each pixel's part label where the
    /// caption states that part's colour, 0 elsewhere; holeMask [B,1,S,S] is 1 in the hole. Each of
    /// the P named parts with pixels in the hole gets an extra weight of
    /// <paramref name="partWeight"/> x (hole pixels) / P, spread over its own hidden pixels, so a
    /// beak of three pixels counts as much as a wing of a hundred; the map is then divided by
    /// 1 + partWeight, which keeps its mean over the hole at 1 (a sample without a named part in
    /// the hole gets 1 everywhere). Detached: it only weights. A departure from MMFL, whose map
    /// comes from attention: at 64x64 DAMSM's regions are 8 pixels wide, wider than a beak or an
    /// eye ring, and the text-consistency judge reads each named part's mean colour alike.
    /// With <paramref name="margin"/> m > 0 a part's extra weight covers every pixel within m of it
    /// (a (2m+1)-pixel square), on both sides of its edge: where the hole leaves the edge
    /// uncertain, the pixels on either side then weigh alike, and the part's heavier weight pays
    /// the fill less to paint the part's colour past its edge (docs/results.md, "A margin around
    /// the named parts": it moves hole PSNR from the named parts to the background).
    /// With m &lt; 0 the extra weight covers only the part's interior, the pixels whose
    /// (2|m|+1)-pixel square lies in the part: at its edge the pixels weigh as the rest of the
    /// hole, so the part's weight does not pay the fill to paint its colour where the outline is
    /// uncertain. A part with fewer than <see cref="MinimumInterior"/> interior pixels in the hole
    /// (a beak, an eye ring, a wing bar) keeps all its pixels, as the consistency judge reads them.
    /// </summary>
    public static Tensor MapFromParts(Tensor namedParts, Tensor holeMask, double partWeight, int margin = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(partWeight);
        using var noGrad = no_grad();
        var inHole = PartsInHole(namedParts, holeMask, margin);
        var hidden = inHole.sum([2, 3]);                                                                     // [B,K]
        var named = hidden.gt(0).to(holeMask.dtype).sum(1);                                                  // [B]
        var holePixels = holeMask.sum([1, 2, 3]);                                                            // [B]
        var perPart = (partWeight * holePixels / named.clamp_min(1)).unsqueeze(1) / hidden.clamp_min(1);    // [B,K]
        var extra = (inHole * perPart.unsqueeze(2).unsqueeze(3)).sum(1, keepdim: true);                      // [B,1,S,S]
        var scale = 1 + partWeight * named.gt(0).to(holeMask.dtype);                                          // [B]
        return (1 + extra) / scale.view(-1, 1, 1, 1);
    }

    /// <summary>
    /// The text-guided term on the named parts' mean colours: for each part the caption names
    /// (namedParts [B,1,S,S], labels as for <see cref="MapFromParts"/>) with pixels in the hole
    /// (holeMask [B,1,S,S]), |mean of generated - mean of target| over those pixels, averaged over
    /// the channels and then over every such part in the batch (0 when there is none). A departure
    /// from MMFL, whose TGA loss is per pixel: an L1 loss per pixel is least at each pixel's
    /// median colour, and a weight W on a part's pixels (<see cref="MapFromParts"/>) moves that to
    /// the part's colour wherever the part is at least 1 / (1 + W) likely, so the fill paints it
    /// past an uncertain edge; on the part's mean the loss pays for the colour the caption states
    /// of the part as a whole (docs/method.md section 10). <paramref name="margin"/> picks each part's pixels as for <see cref="MapFromParts"/>; with
    /// m &lt; 0 the mean is over the part's interior, as the judge reads it, so that the pixels at
    /// an uncertain edge are left to the L1.
    /// </summary>
    public static Tensor PartColourLoss(Tensor namedParts, Tensor holeMask, Tensor generated, Tensor target, int margin = 0)
    {
        Tensor inHole, counts;
        using (no_grad())
        {
            inHole = PartsInHole(namedParts, holeMask, margin);                                                // [B,K,S,S]
            counts = inHole.sum([2, 3]);                                                                        // [B,K]
        }
        var meanError = einsum("bkhw,bchw->bkc", inHole, generated - target) / counts.clamp_min(1).unsqueeze(2); // [B,K,C]
        var present = counts.gt(0).to(generated.dtype);
        return (meanError.abs().mean([2]) * present).sum() / present.sum().clamp_min(1);
    }

    /// <summary>
    /// One map per named part [B,K,S,S] of its pixels in the hole: the part's own (m = 0), those
    /// within m of it (m &gt; 0), or those at least |m| inside it (m &lt; 0), keeping all its
    /// pixels where fewer than <see cref="MinimumInterior"/> of those are in the hole.
    /// </summary>
    private static Tensor PartsInHole(Tensor namedParts, Tensor holeMask, int margin)
    {
        int labels = (int)namedParts.max().item<long>() + 1;
        var parts = nn.functional.one_hot(namedParts.squeeze(1), Math.Max(labels, 2)).permute(0, 3, 1, 2)[.., 1..]
            .to(holeMask.dtype);                                                                              // [B,K,S,S]
        if (margin > 0)
            parts = nn.functional.max_pool2d(parts, kernel_size: 2 * margin + 1, stride: 1, padding: margin);
        else if (margin < 0)
        {
            var interior = -nn.functional.max_pool2d(-parts, kernel_size: 1 - 2 * margin, stride: 1, padding: -margin);
            var enough = (interior * holeMask).sum([2, 3], keepdim: true).ge(MinimumInterior);               // [B,K,1,1]
            parts = where(enough, interior, parts);
        }
        return parts * holeMask;
    }
}
