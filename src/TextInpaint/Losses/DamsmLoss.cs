using TextInpaint.Models.Damsm;
using static TorchSharp.torch;

namespace TextInpaint.Losses;

/// <summary>
/// AttnGAN's Deep Attentional Multimodal Similarity Model loss (docs/method.md section 4) for a batch of B
/// matched (image, caption) pairs, as cross-entropy against the diagonal of two B × B score
/// matrices, word-level and sentence-level, in both directions. Entries pairing an image with the
/// caption of another image of the same class are not negatives: they are set to −∞ first.
/// </summary>
public sealed class DamsmLoss(DamsmMatchingOptions options)
{
    public DamsmMatchingOptions Options { get; } = options;

    /// <param name="regions">Region features v, [B, D, R].</param>
    /// <param name="globalImage">Global image features v̄, [B, D].</param>
    /// <param name="words">Word features e, [B, D, T]; positions at or past a caption's length are ignored.</param>
    /// <param name="lengths">Real words per caption, int64 [B], each in 1..T.</param>
    /// <param name="sentence">Sentence features ē, [B, D].</param>
    /// <param name="classIds">Class of each pair, int64 [B].</param>
    public DamsmLossTerms Compute(Tensor regions, Tensor globalImage, Tensor words, Tensor lengths, Tensor sentence, Tensor classIds)
    {
        var batch = regions.shape[0];
        var sameClassOther = SameClassOtherPairs(classIds.to(regions.device));
        var realWords = WordMatching.RealWordMask(lengths.to(regions.device), words.shape[2]);

        var wordScores = WordScores(regions, words, realWords);
        var sentenceScores = Options.Gamma3 * WordMatching.Cosine(globalImage.unsqueeze(1), sentence.unsqueeze(0), dim: 2);

        var diagonal = arange(batch, dtype: ScalarType.Int64, device: regions.device);
        var (wordImageToText, wordTextToImage) = BothDirections(wordScores, sameClassOther, diagonal);
        var (sentenceImageToText, sentenceTextToImage) = BothDirections(sentenceScores, sameClassOther, diagonal);
        return new DamsmLossTerms(wordImageToText, wordTextToImage, sentenceImageToText, sentenceTextToImage);
    }

    /// <summary>
    /// scores[j, i] = γ3 · log Σ_t exp(γ2 · cos(e_it, c_jit)) over caption i's real words, where
    /// c_jit is word t's attention-weighted context in image j. AttnGAN's func_attention order:
    /// s = vᵀe; softmax over the words of each region; times γ1; softmax over the regions of each
    /// word. All B × B pairs at once instead of AttnGAN's loop over captions.
    /// With c_t = Σ_r α_rt v_r, e_t·c_t = Σ_r α_rt s_rt, so only |c_t| needs more than s and α.
    /// </summary>
    private Tensor WordScores(Tensor regions, Tensor words, Tensor realWords)
    {
        long batch = regions.shape[0], regionCount = regions.shape[2], wordCount = words.shape[2];
        // s as [image j, caption i, word t, region r]
        var similarity = einsum("jdr,idt->jitr", regions, words);
        var padding = realWords.logical_not().unsqueeze(0).unsqueeze(3);  // [1, i, t, 1]
        var overWords = similarity.masked_fill(padding, double.NegativeInfinity).softmax(2);
        var overRegions = (Options.Gamma1 * overWords).softmax(3);       // α

        var wordContextDot = (overRegions * similarity).sum(3);           // [j, i, t]
        var contextSquaredNorm = ContextSquaredNorm(regions, overRegions.reshape(batch, batch * wordCount, regionCount)).reshape(batch, batch, wordCount);
        var wordSquaredNorm = words.square().sum(1).unsqueeze(0);         // [1, i, t]
        var cosine = WordMatching.CosineFromParts(wordContextDot, wordSquaredNorm * contextSquaredNorm);

        var wordPadding = realWords.logical_not().unsqueeze(0);           // [1, i, t]
        return Options.Gamma3 * (Options.Gamma2 * cosine).masked_fill(wordPadding, double.NegativeInfinity).logsumexp(2);
    }

    /// <summary>
    /// |c|² for every (image j, caption word) row of the attention α [j, N, R]. With fewer regions
    /// than feature channels it is cheaper as α (vᵀv) α (R × R per word) than by building the
    /// context vectors (D × R per word); both give the same values.
    /// </summary>
    private static Tensor ContextSquaredNorm(Tensor regions, Tensor attention)
    {
        if (regions.shape[2] < regions.shape[1])
        {
            var regionGram = regions.transpose(1, 2).bmm(regions);  // [j, r, q] = v_rᵀ v_q
            return (attention.bmm(regionGram) * attention).sum(2);
        }
        return attention.bmm(regions.transpose(1, 2)).square().sum(2);  // c as [j, N, D]
    }

    // Rows are images, columns captions: cross-entropy over rows picks a caption for each image,
    // over columns an image for each caption.
    private static (Tensor ImageToText, Tensor TextToImage) BothDirections(Tensor scores, Tensor sameClassOther, Tensor diagonal)
    {
        var masked = scores.masked_fill(sameClassOther, double.NegativeInfinity);
        return (nn.functional.cross_entropy(masked, diagonal), nn.functional.cross_entropy(masked.t(), diagonal));
    }

    /// <summary>[B, B]: true where j ≠ i and pairs i and j have the same known class. Class 0 means
    /// "no class" (a data set without class lists): such pairs are always each other's negatives.</summary>
    private static Tensor SameClassOtherPairs(Tensor classIds)
    {
        var same = classIds.unsqueeze(1).eq(classIds.unsqueeze(0));
        var self = eye(classIds.shape[0], dtype: ScalarType.Bool, device: classIds.device);
        var known = classIds.gt(0).unsqueeze(1);
        return same.logical_and(self.logical_not()).logical_and(known);
    }
}
