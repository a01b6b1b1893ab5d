using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace TextInpaint.Models.Mmfl;

/// <summary>
/// MMFL's generator (docs/method.md section 2): the coarse U-Net with text fused at one encoder level, the
/// text-to-image branch with word attention, the Word Demand Module (in the released code's form
/// where the preset asks for it and it type-checks, <see cref="RegionAffinityWordDemand"/>,
/// otherwise the per-word gate, <see cref="WordDemandModule"/>), the refine U-Net and the
/// TGA attention map, and (where the preset says so) the masked image's own reading of the words
/// at the fusion level (<see cref="MmflPreset.FusesRegionWords"/>). Runs on the device of its inputs.
/// <para>
/// Without the Word Demand Module (the paper's "w/o WDM" ablation) the text branch gets the
/// plain word features and the reported demand is uniform over the caption's words.
/// </para>
/// </summary>
public sealed class MmflGenerator : Module<Tensor, Tensor, GeneratorCaption, GeneratorNoise, MmflOutput>
{
    private readonly CoarseGenerator coarse;
    private readonly Module<Tensor, Tensor, Tensor, Tensor?, (Tensor Words, Tensor Demand)>? wordDemand;
    private readonly TextToFeature text;
    private readonly RefineGenerator refine;
    private readonly TextAttentionMap textAttention;
    private readonly WordAttention? regionWords;

    public MmflGenerator(MmflPreset preset, bool useWordDemand = true) : base(nameof(MmflGenerator))
    {
        Preset = preset;
        coarse = new CoarseGenerator(preset);
        wordDemand = !useWordDemand ? null
            : preset.UsesRegionAffinityWordDemand ? new RegionAffinityWordDemand(preset.FusionChannels)
            : new WordDemandModule(preset.FusionChannels, preset.WordDim, preset.IndependentWordGates, preset.WordDemandShares,
                preset.WordDemandReadsShownMatch);
        text = new TextToFeature(preset);
        refine = new RefineGenerator(preset);
        textAttention = new TextAttentionMap(preset.ImageSize, preset.NormalisedTextAttention);
        regionWords = preset.FusesRegionWords ? new WordAttention(preset.FusionChannels, preset.WordDim) : null;
        RegisterComponents();
    }

    public MmflPreset Preset { get; }

    public bool UsesWordDemand => wordDemand is not null;

    /// <summary>The name under which the Word Demand Module's weights are saved.</summary>
    public const string WordDemandBlock = nameof(wordDemand);

    /// <summary>Whether the caption must carry each word's match with the masked picture (<see cref="GeneratorCaption.ShownMatch"/>).</summary>
    public bool ReadsShownMatch => wordDemand is WordDemandModule && Preset.WordDemandReadsShownMatch;

    /// <summary>
    /// maskedImage [B,3,S,S] in [-1, 1] with the hole zeroed, mask [B,1,S,S] (1 = hole), the
    /// captions' features (<see cref="GeneratorCaption"/>), noise.
    /// </summary>
    public override MmflOutput forward(Tensor maskedImage, Tensor mask, GeneratorCaption caption, GeneratorNoise noise)
    {
        var (words, sentence, lengths) = (caption.Words, caption.Sentence, caption.Lengths);
        CheckShapes(maskedImage, mask, words, sentence, lengths);
        if (ReadsShownMatch && caption.ShownMatch is null)
            throw new ArgumentException($"the '{Preset.Name}' generator's Word Demand Module reads each word's match with the masked image; "
                + "the caption carries none.", nameof(caption));
        var realWords = WordAttention.RealWords(lengths, words.shape[2], words.device);

        var fusionFeatures = coarse.EncodeToFusion(maskedImage);
        var (demandedWords, demand) = wordDemand is not null
            ? wordDemand.forward(fusionFeatures[^1], words, realWords, caption.ShownMatch)
            : (words, realWords.to(words.dtype) / lengths.unsqueeze(1).to(words.dtype));
        var textFeature = text.forward(new TextBranchInput(words, demandedWords, sentence, realWords, noise));
        var regionContext = regionWords?.forward(fusionFeatures[^1], demandedWords, realWords);
        var coarseImage = coarse.Complete(fusionFeatures, textFeature.Feature, regionContext?.Context);
        var compositedCoarse = HoleComposite.Fill(maskedImage, coarseImage, mask);

        var finalImage = refine.forward(cat([compositedCoarse, maskedImage], 1));
        var compositedFinal = HoleComposite.Fill(maskedImage, finalImage, mask);

        return new MmflOutput(
            coarseImage, finalImage, compositedCoarse, compositedFinal, demand,
            textFeature.FirstAttention, textFeature.SecondAttention,
            textAttention.forward(textFeature.SecondAttention, demand), textFeature.ConditioningKl, regionContext?.Attention)
        {
            ShownMatch = caption.ShownMatch,
        };
    }

    private void CheckShapes(Tensor maskedImage, Tensor mask, Tensor words, Tensor sentence, Tensor lengths)
    {
        long size = Preset.ImageSize, batch = maskedImage.shape[0];
        if (maskedImage.Dimensions != 4 || maskedImage.shape[1] != 3 || maskedImage.shape[2] != size || maskedImage.shape[3] != size)
            throw new ArgumentException($"the '{Preset.Name}' generator expects images of shape [B,3,{size},{size}], got "
                + $"[{string.Join(",", maskedImage.shape)}].", nameof(maskedImage));
        if (!mask.shape.SequenceEqual([batch, 1, size, size]))
            throw new ArgumentException($"expected a mask of shape [{batch},1,{size},{size}], got [{string.Join(",", mask.shape)}].", nameof(mask));
        if (words.Dimensions != 3 || words.shape[0] != batch || words.shape[1] != Preset.WordDim)
            throw new ArgumentException($"expected word features of shape [{batch},{Preset.WordDim},L], got [{string.Join(",", words.shape)}].", nameof(words));
        if (!sentence.shape.SequenceEqual([batch, Preset.WordDim]))
            throw new ArgumentException($"expected a sentence feature of shape [{batch},{Preset.WordDim}], got [{string.Join(",", sentence.shape)}].",
                nameof(sentence));
        if (!lengths.shape.SequenceEqual([batch]))
            throw new ArgumentException($"expected caption lengths of shape [{batch}], got [{string.Join(",", lengths.shape)}].", nameof(lengths));
    }
}
