using static TorchSharp.torch;

namespace TextInpaint.Models.Damsm;

/// <summary>
/// How DAMSM matches each word of a caption with the regions of its own image (AttnGAN's
/// func_attention for the matched pairs): what the loss's word-level score, the text-guided maps,
/// the Word Demand Module's target and the module's reading of the masked image share.
/// </summary>
public static class WordMatching
{
    // AttnGAN's cosine: dot / max(|a||b|, eps).
    private const double CosineEpsilon = 1e-8;

    /// <summary>[B, T]: true at positions before each caption's length.</summary>
    public static Tensor RealWordMask(Tensor lengths, long maxLength) =>
        arange(maxLength, dtype: ScalarType.Int64, device: lengths.device).unsqueeze(0).lt(lengths.unsqueeze(1));

    /// <summary>
    /// Each caption's word attention over the regions of its own image, α of the word-level score
    /// for the matched pairs: [B, T, R], row t sums to 1 over the regions, rows of padding words
    /// are zero. regions [B, D, R] (R is the image encoder's grid in row-major order: reshape to
    /// [B, T, side, side] to draw it), words [B, D, T], lengths [B].
    /// </summary>
    public static Tensor OwnWordAttention(this DamsmMatchingOptions matching, Tensor regions, Tensor words, Tensor lengths)
    {
        var padding = RealWordMask(lengths.to(regions.device), words.shape[2]).logical_not().unsqueeze(2);  // [B, T, 1]
        var similarity = einsum("bdr,bdt->btr", regions, words);
        var overWords = similarity.masked_fill(padding, double.NegativeInfinity).softmax(1);
        return (matching.Gamma1 * overWords).softmax(2).masked_fill(padding, 0);
    }

    /// <summary>
    /// How well each word of each caption finds itself in its own image: R(c_t, e_t) =
    /// cos(e_t, c_t), with c_t word t's attention-weighted context over the image's regions
    /// (<see cref="OwnWordAttention"/>), as DAMSM's word-level score reads it; [B, T], 0 on padding.
    /// regions [B, D, R], words [B, D, T], lengths [B].
    /// </summary>
    public static Tensor OwnWordRelevance(this DamsmMatchingOptions matching, Tensor regions, Tensor words, Tensor lengths)
    {
        var attention = matching.OwnWordAttention(regions, words, lengths);    // [B, T, R]
        var context = attention.bmm(regions.transpose(1, 2));                  // [B, T, D]
        var cosine = Cosine(context, words.transpose(1, 2), dim: 2);           // [B, T]
        var padding = RealWordMask(lengths.to(regions.device), words.shape[2]).logical_not();
        return cosine.masked_fill(padding, 0);
    }

    // The norm product is clamped under the square root, so an all-zero vector (a padding word)
    // gives cosine 0 and a zero gradient rather than NaN.
    internal static Tensor Cosine(Tensor a, Tensor b, long dim) =>
        CosineFromParts((a * b).sum(dim), a.square().sum(dim) * b.square().sum(dim));

    internal static Tensor CosineFromParts(Tensor dot, Tensor productOfSquaredNorms) =>
        dot / productOfSquaredNorms.clamp_min(CosineEpsilon * CosineEpsilon).sqrt();
}
