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
/// (HW x HW) affinity with the (256 x L) word matrix, which only type-checks when HW = 256; a
/// preset that asks for that form (<see cref="MmflPreset.ReleasedWordDemand"/>) gets it where it
/// type-checks (<see cref="RegionAffinityWordDemand"/>) and this module at every other size.
/// </para>
/// <para>
/// With independent gates (<see cref="MmflPreset.IndependentWordGates"/>) each word's demand is a
/// sigmoid of its score, and the words are scaled by it, words' = demand (x) words, with no
/// residual and no gamma. A departure from the paper's residual form: trained on SynthBirds, the
/// softmax put 0.98 of the demand on one word and gamma ended near 0, so every word passed
/// through unchanged; a gate per word lets several words count and makes the text branch and the
/// regions' word reading depend on it from the first step.
/// </para>
/// <para>
/// As shares (<see cref="MmflPreset.WordDemandShares"/>) the demand is a softmax over the real
/// words times their count, so the demands average 1 and the words compete for them; the words are
/// scaled by it as with independent gates. It starts near 1 for every word (the identity).
/// </para>
/// <para>
/// Reading the shown match (<see cref="MmflPreset.WordDemandReadsShownMatch"/>), each word's score
/// also gets its match with the masked picture, as the frozen DAMSM encoders measure it, times a
/// weight read from the word (a linear map that starts at zero, so the module starts as without
/// it, scaled by <see cref="ShownMatchGain"/> so that Adam's steps of about the learning rate move
/// the weight by units within a few hundred steps, not tens of thousands). Not in MMFL, whose
/// module sees only the generator's own features: trained on those, the module learned which
/// words matter in general, not which of them the hole hides (docs/method.md section 12).
/// </para>
/// </summary>
public sealed class WordDemandModule : Module<Tensor, Tensor, Tensor, Tensor?, (Tensor Words, Tensor Demand)>
{
    private readonly Convolution localProjection;
    private readonly Convolution globalProjection;
    private readonly Linear? shownMatchWeight;
    private readonly Parameter? gamma;
    private readonly double scale;
    private readonly bool independentGates;
    private readonly bool shares;

    /// <summary>The factor on the word weight of the shown match (see the class remarks).</summary>
    public const double ShownMatchGain = 20;

    public WordDemandModule(int imageChannels, int wordDim, bool independentGates = false, bool shares = false, bool readsShownMatch = false)
        : base(nameof(WordDemandModule))
    {
        if (shares && !independentGates)
            throw new ArgumentException("word demand shares scale the words as independent gates do; they need independent gates.", nameof(shares));
        this.independentGates = independentGates;
        this.shares = shares;
        localProjection = Convolution.Conv2d(imageChannels, wordDim, 1);
        globalProjection = Convolution.Conv2d(imageChannels, wordDim, 1);
        if (readsShownMatch)
        {
            shownMatchWeight = Linear(wordDim, 1);
            init.zeros_(shownMatchWeight.weight);
            init.zeros_(shownMatchWeight.bias!);
        }
        gamma = independentGates ? null : Parameter(zeros(1));
        scale = 1.0 / Math.Sqrt(wordDim);
        RegisterComponents();
    }

    /// <summary>The residual scale gamma (a one-element tensor); null with independent gates, which have none.</summary>
    public Tensor? Gamma => gamma;

    /// <summary>
    /// image [B,C,h,w] (the masked image's fusion-level feature), words [B,D,L], realWords [B,L]
    /// -> re-weighted words [B,D,L] and the demand weights [B,L] (0 on padding; with softmax demand
    /// they sum to 1 over the real words, with independent gates each lies in (0, 1), as shares
    /// they average 1 over the real words). shownMatch [B,L]: each word's match with the masked
    /// image, read only by a module built to read it (which then needs it).
    /// </summary>
    public override (Tensor Words, Tensor Demand) forward(Tensor image, Tensor words, Tensor realWords, Tensor? shownMatch = null)
    {
        var local = localProjection.forward(image).flatten(2);                                   // [B,D,hw]
        var global = globalProjection.forward(functional.adaptive_avg_pool2d(image, 1)).flatten(1); // [B,D]
        var localScore = local.transpose(1, 2).bmm(words).amax(1);                               // [B,L]
        var globalScore = global.unsqueeze(1).bmm(words).squeeze(1);                             // [B,L]
        var scores = (localScore + globalScore) * scale;
        if (shownMatchWeight is not null)
        {
            if (shownMatch is null)
                throw new ArgumentNullException(nameof(shownMatch), "this Word Demand Module reads each word's match with the masked image");
            scores = scores + ShownMatchGain * shownMatchWeight.forward(words.transpose(1, 2)).squeeze(2) * shownMatch;   // [B,L]
        }
        if (shares)
        {
            var realCount = realWords.to(scores.dtype).sum(1, keepdim: true);                        // [B,1]
            var demandShares = functional.softmax(scores.masked_fill(realWords.logical_not(), double.NegativeInfinity), 1) * realCount;
            return (words * demandShares.unsqueeze(1), demandShares);
        }
        if (independentGates)
        {
            var gates = functional.sigmoid(scores).masked_fill(realWords.logical_not(), 0);
            return (words * gates.unsqueeze(1), gates);
        }
        var demand = functional.softmax(scores.masked_fill(realWords.logical_not(), double.NegativeInfinity), 1);
        var reweighted = words + gamma! * (words * demand.unsqueeze(1));
        return (reweighted, demand);
    }
}
