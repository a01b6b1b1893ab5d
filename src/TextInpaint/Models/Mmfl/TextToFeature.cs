using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace TextInpaint.Models.Mmfl;

/// <summary>
/// The AttnGAN-style text-to-image branch that makes the coarse U-Net's text feature (MMFL
/// section 2): conditioning augmentation; concat(code, z) -> Linear + BN + GLU -> 4x4 map; GLU
/// upsampling blocks to a quarter of the image size (width <see cref="MmflPreset.TextBranchWidth"/>,
/// halving at each step from the 4x4 map); two attention stages up to the image size, the first
/// attending to the plain words, the second to the words re-weighted by the Word Demand Module;
/// then stride-2 convolutions (doubling the width, up to the fusion width) down to the fusion
/// resolution (pre-activation blocks with <see cref="MmflPreset.PreActivationBlocks"/>, the first
/// one a bare convolution, as the coarse encoder's). For the paper preset at 256: 512 channels at 4x4 -> 32 at 64x64 -> 32 at 256x256
/// -> 64, 128, 256, 512 channels down to 16x16.
/// </summary>
public sealed class TextToFeature : Module<TextBranchInput, TextFeature>
{
    private readonly ConditioningAugmentation conditioning;
    private readonly Sequential initial;
    private readonly Sequential upsample;
    private readonly AttentionStage plainWordStage;
    private readonly AttentionStage demandedWordStage;
    private readonly Sequential downsample;
    private readonly int initialChannels;

    public TextToFeature(MmflPreset preset) : base(nameof(TextToFeature))
    {
        int width = preset.TextBranchWidth;
        int upsamplings = preset.Depth - 4; // 4x4 -> S/4
        initialChannels = width << upsamplings;
        conditioning = new ConditioningAugmentation(preset.WordDim, preset.ConditionDim);
        initial = Sequential(
            Linear(preset.ConditionDim + preset.NoiseDim, 2 * initialChannels * 16, hasBias: false),
            BatchNorm1d(2 * initialChannels * 16),
            GLU(1));
        upsample = Sequential(Enumerable.Range(0, upsamplings)
            .Select(i => ($"up{i}", (Module<Tensor, Tensor>)GluBlocks.Upsample(initialChannels >> i, initialChannels >> (i + 1)))));
        plainWordStage = new AttentionStage(width, preset.WordDim, preset.TextResidualBlocks);
        demandedWordStage = new AttentionStage(width, preset.WordDim, preset.TextResidualBlocks);

        var layers = new List<(string, Module<Tensor, Tensor>)>();
        int channels = width;
        for (int level = 1; level <= preset.FusionLevel; level++)
        {
            int outChannels = level == preset.FusionLevel ? preset.FusionChannels : Math.Min(2 * channels, preset.FusionChannels);
            layers.Add(($"down{level}", preset.PreActivationBlocks
                ? PreActivationBlocks.Down(channels, outChannels, preset.ImageSize >> level, isFirstLevel: level == 1)
                : UNetBlocks.Down(channels, outChannels, preset.ImageSize >> level)));
            channels = outChannels;
        }
        downsample = Sequential(layers);
        RegisterComponents();
    }

    public override TextFeature forward(TextBranchInput input)
    {
        var (code, kl) = conditioning.forward(input.Sentence, input.Noise.ConditioningEpsilon);
        var map = initial.forward(cat([code, input.Noise.Latent], 1)).reshape(-1, initialChannels, 4, 4);
        map = upsample.forward(map);
        var (afterPlain, firstAttention) = plainWordStage.forward(map, input.Words, input.RealWords);
        var (afterDemanded, secondAttention) = demandedWordStage.forward(afterPlain, input.DemandedWords, input.RealWords);
        return new TextFeature(downsample.forward(afterDemanded), firstAttention, secondAttention, kl);
    }
}
