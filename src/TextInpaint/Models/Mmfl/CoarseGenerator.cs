using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace TextInpaint.Models.Mmfl;

/// <summary>
/// The coarse stage (MMFL section 2): a U-Net on the masked image (3 channels; as in the
/// released code the mask is not an input channel) with log2(S) encoder levels down to 1x1.
/// Levels are conv, instance norm, activation, or with <see cref="MmflPreset.PreActivationBlocks"/>
/// the released code's activation, conv, instance norm with a bare first convolution.
/// Text enters at <see cref="MmflPreset.FusionLevel"/>: the image feature there is concatenated
/// with an equally sized text feature and the next encoder level maps the doubled channels back.
/// Because the text feature depends on that image feature (through the Word Demand Module), the
/// network runs in two calls: <see cref="EncodeToFusion"/>, then <see cref="Complete"/>.
/// </summary>
public sealed class CoarseGenerator : nn.Module
{
    private readonly ModuleList<Sequential> encoder = new();
    private readonly ModuleList<Sequential> decoder = new();
    private readonly int fusionLevel;
    private readonly bool fusesRegionWords;
    private readonly bool fusedSkip;

    public CoarseGenerator(MmflPreset preset) : base(nameof(CoarseGenerator))
    {
        fusionLevel = preset.FusionLevel;
        fusesRegionWords = preset.FusesRegionWords;
        fusedSkip = preset.FusedSkip;
        int depth = preset.Depth;
        int fusedChannels = preset.FusionChannels * (preset.FusesRegionWords ? 3 : 2);
        for (int level = 1; level <= depth; level++)
        {
            int inChannels = level == 1 ? 3 : preset.CoarseWidth(level - 1);
            if (level == fusionLevel + 1) inChannels = fusedChannels;
            encoder.Add(preset.PreActivationBlocks
                ? PreActivationBlocks.Down(inChannels, preset.CoarseWidth(level), preset.ImageSize >> level, isFirstLevel: level == 1)
                : UNetBlocks.Down(inChannels, preset.CoarseWidth(level), preset.ImageSize >> level));
        }
        // decoder[i] produces level i's resolution (level 0 = the image); it takes the level
        // below, concatenated with the encoder's skip feature except at the bottleneck.
        for (int level = 0; level < depth; level++)
        {
            int skipChannels = fusedSkip && level + 1 == fusionLevel ? fusedChannels : preset.CoarseWidth(level + 1);
            int inChannels = level == depth - 1 ? preset.CoarseWidth(depth) : preset.CoarseWidth(level + 1) + skipChannels;
            int outChannels = level == 0 ? 3 : preset.CoarseWidth(level);
            decoder.Add(preset.PreActivationBlocks
                ? PreActivationBlocks.Up(inChannels, outChannels, isImageLayer: level == 0)
                : UNetBlocks.Up(inChannels, outChannels, isImageLayer: level == 0));
        }
        RegisterComponents();
    }

    /// <summary>
    /// Runs the encoder on the masked image [B,3,S,S] down to the fusion level; the last entry
    /// of the result is the fusion-level feature [B, FusionChannels, FusionSize, FusionSize].
    /// </summary>
    public IReadOnlyList<Tensor> EncodeToFusion(Tensor maskedImage)
    {
        var features = new List<Tensor>(fusionLevel);
        var x = maskedImage;
        for (int level = 1; level <= fusionLevel; level++)
        {
            x = encoder[level - 1].forward(x);
            features.Add(x);
        }
        return features;
    }

    /// <summary>
    /// Concatenates the text feature (and, with <see cref="MmflPreset.FusesRegionWords"/>, the
    /// regions' word context) with the fusion-level image feature, runs the remaining encoder
    /// levels and the decoder, and returns the coarse image [B,3,S,S] in [-1, 1]. With
    /// <see cref="MmflPreset.FusedSkip"/> the decoder's skip at the fusion level is that fused feature.
    /// </summary>
    public Tensor Complete(IReadOnlyList<Tensor> fusionFeatures, Tensor textFeature, Tensor? regionWordContext = null)
    {
        if ((regionWordContext is null) == fusesRegionWords)
            throw new ArgumentException(
                fusesRegionWords ? "this preset fuses the regions' word context: pass it." : "this preset does not fuse a regions' word context.",
                nameof(regionWordContext));
        var skips = new List<Tensor>(fusionFeatures);
        var x = regionWordContext is null ? cat([skips[^1], textFeature], 1) : cat([skips[^1], textFeature, regionWordContext], 1);
        if (fusedSkip)
            skips[^1] = x;
        for (int level = fusionLevel + 1; level <= encoder.Count; level++)
        {
            x = encoder[level - 1].forward(x);
            skips.Add(x);
        }
        // skips[i] is the output of encoder level i + 1; the bottleneck has no skip.
        x = decoder[^1].forward(skips[^1]);
        for (int level = decoder.Count - 2; level >= 0; level--)
            x = decoder[level].forward(cat([x, skips[level]], 1));
        return x;
    }
}
