using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace TextInpaint.Models.Mmfl;

/// <summary>
/// Image-adaptive Word Demand Module (MMFL section 2): says how much each word is needed by the
/// current masked image and re-weights the word features accordingly,
/// words' = words + gamma * (demand (x) words), with a learnable gamma that starts at 0 so the
/// module begins as the identity.
/// <para>
/// The demand of word l comes from two 1x1-convolution projections of the image's fusion-level
/// feature: a local one (per region; the word's best-matching region) and a global one (the
/// average-pooled image), each compared with the word by a dot product; a softmax over the
/// caption's real words turns the sum into weights that add up to 1 (padding words get 0).
/// This follows the paper's intent and works at any image size; the released code multiplies an
/// (HW x HW) affinity with the (256 x L) word matrix, which only type-checks when HW = 256.
/// </para>
/// </summary>
public sealed class WordDemandModule : Module<Tensor, Tensor, Tensor, (Tensor Words, Tensor Demand)>
{
    private readonly Convolution localProjection;
    private readonly Convolution globalProjection;
    private readonly Parameter gamma;
    private readonly double scale;

    public WordDemandModule(int imageChannels, int wordDim) : base(nameof(WordDemandModule))
    {
        localProjection = Convolution.Conv2d(imageChannels, wordDim, 1);
        globalProjection = Convolution.Conv2d(imageChannels, wordDim, 1);
        gamma = Parameter(zeros(1));
        scale = 1.0 / Math.Sqrt(wordDim);
        RegisterComponents();
    }

    /// <summary>The residual scale gamma (a one-element tensor).</summary>
    public Tensor Gamma => gamma;

    /// <summary>
    /// image [B,C,h,w] (the masked image's fusion-level feature), words [B,D,L], realWords [B,L]
    /// -> re-weighted words [B,D,L] and the demand weights [B,L] (sum 1 over real words, 0 on padding).
    /// </summary>
    public override (Tensor Words, Tensor Demand) forward(Tensor image, Tensor words, Tensor realWords)
    {
        var local = localProjection.forward(image).flatten(2);                                   // [B,D,hw]
        var global = globalProjection.forward(functional.adaptive_avg_pool2d(image, 1)).flatten(1); // [B,D]
        var localScore = local.transpose(1, 2).bmm(words).amax(1);                               // [B,L]
        var globalScore = global.unsqueeze(1).bmm(words).squeeze(1);                             // [B,L]
        var scores = ((localScore + globalScore) * scale)
            .masked_fill(realWords.logical_not(), double.NegativeInfinity);
        var demand = functional.softmax(scores, 1);
        var reweighted = words + gamma * (words * demand.unsqueeze(1));
        return (reweighted, demand);
    }
}
