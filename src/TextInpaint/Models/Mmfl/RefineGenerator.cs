using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace TextInpaint.Models.Mmfl;

/// <summary>
/// The fine stage (MMFL section 2): a U-Net on concat(coarse result composited into the known
/// pixels, masked image) (6 channels) with log2(S) encoder levels down to 1x1. Encoder levels:
/// 4x4 stride-2 convolution with dilation 2, then a 3x3 convolution, each with instance norm and
/// LeakyReLU(0.2). Decoder levels: 3x3 stride-2 transposed convolution with the skip feature,
/// instance norm and ReLU; tanh at the image. (The released code's unused contextual attention
/// layer is left out.)
/// </summary>
public sealed class RefineGenerator : Module<Tensor, Tensor>
{
    private readonly ModuleList<Sequential> encoder = new();
    private readonly ModuleList<Sequential> decoder = new();

    public RefineGenerator(MmflPreset preset) : base(nameof(RefineGenerator))
    {
        int depth = preset.Depth;
        for (int level = 1; level <= depth; level++)
        {
            int inChannels = level == 1 ? 6 : preset.RefineWidth(level - 1);
            int outChannels = preset.RefineWidth(level);
            int outputSize = preset.ImageSize >> level;
            // Dilation 2 widens the 4x4 kernel to 7x7; padding 3 keeps the output at half the size.
            encoder.Add(Sequential(
                Convolution.Conv2d(inChannels, outChannels, 4, stride: 2, padding: 3, dilation: 2),
                UNetBlocks.InstanceNormUnlessSinglePixel(outChannels, outputSize),
                LeakyReLU(0.2),
                Convolution.Conv2d(outChannels, outChannels, 3, padding: 1),
                UNetBlocks.InstanceNormUnlessSinglePixel(outChannels, outputSize),
                LeakyReLU(0.2)));
        }
        for (int level = 0; level < depth; level++)
        {
            int inChannels = level == depth - 1 ? preset.RefineWidth(depth) : 2 * preset.RefineWidth(level + 1);
            var upsample = Convolution.Transposed(inChannels, level == 0 ? 3 : preset.RefineWidth(level), 3, stride: 2, padding: 1, outputPadding: 1);
            decoder.Add(level == 0
                ? Sequential(upsample, Tanh())
                : Sequential(upsample, InstanceNorm2d(preset.RefineWidth(level)), ReLU()));
        }
        RegisterComponents();
    }

    /// <summary>Maps concat(composited coarse, masked image) [B,6,S,S] to the refined image [B,3,S,S] in [-1, 1].</summary>
    public override Tensor forward(Tensor input)
    {
        var skips = new List<Tensor>(encoder.Count);
        var x = input;
        foreach (var level in encoder)
        {
            x = level.forward(x);
            skips.Add(x);
        }
        x = decoder[^1].forward(skips[^1]);
        for (int level = decoder.Count - 2; level >= 0; level--)
            x = decoder[level].forward(cat([x, skips[level]], 1));
        return x;
    }
}
