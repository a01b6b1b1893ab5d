using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace TextInpaint.Models.Mmfl;

/// <summary>
/// The fine stage (MMFL section 2): a U-Net on concat(coarse result composited into the known
/// pixels, masked image) (6 channels) down to a 1x1 bottleneck, with a skip at every level.
/// (The released code's unused contextual attention layer is left out.) Two layouts:
/// <list type="bullet">
/// <item>The released one (<see cref="MmflPreset.ReleasedRefineLayout"/>, counted layer by layer
/// from MMFL's released code): a 3x3 convolution at full resolution (no norm); log2(S) - 1 levels
/// of a dilated 4x4 stride-2 convolution that keeps the channels then a 3x3 convolution that
/// changes them (<see cref="PreActivationBlocks.DilatedDown"/>); a plain 4x4 stride-2 level to
/// 1x1. Decoder: a 4x4 stride-2 transposed convolution from the bottleneck, then per level a 3x3
/// stride-1 and a 4x4 stride-2 transposed convolution on concat(decoded, skip)
/// (<see cref="PreActivationBlocks.TwoStepUp"/>), and a 3x3 transposed convolution to the image
/// with no tanh. All blocks are pre-activation.</item>
/// <item>The earlier port: log2(S) levels of a dilated 4x4 stride-2 convolution then a 3x3
/// convolution, each with instance norm and LeakyReLU(0.2); per decoder level one 3x3 stride-2
/// transposed convolution with the skip, instance norm and ReLU; tanh at the image.</item>
/// </list>
/// Both keep their layers in <c>encoder</c> and <c>decoder</c> lists read by one forward: encoder
/// entry i's output is the skip of decoder entry i, and the last decoder entry takes the bottleneck.
/// </summary>
public sealed class RefineGenerator : Module<Tensor, Tensor>
{
    private readonly ModuleList<Sequential> encoder = new();
    private readonly ModuleList<Sequential> decoder = new();

    public RefineGenerator(MmflPreset preset) : base(nameof(RefineGenerator))
    {
        if (preset.ReleasedRefineLayout)
            BuildReleasedLayout(preset);
        else
            BuildPortLayout(preset);
        RegisterComponents();
    }

    private void BuildReleasedLayout(MmflPreset preset)
    {
        int depth = preset.Depth;
        encoder.Add(Sequential(Convolution.Conv2d(6, preset.RefineWidth(1), 3, padding: 1)));
        for (int level = 1; level < depth; level++)
            encoder.Add(PreActivationBlocks.DilatedDown(preset.RefineWidth(level), preset.RefineWidth(level + 1), preset.ImageSize >> level));
        int bottleneck = preset.RefineWidth(depth);
        encoder.Add(Sequential(LeakyReLU(0.2), Convolution.Conv2d(bottleneck, bottleneck, 4, stride: 2, padding: 1)));

        // decoder[i] takes concat(decoded, encoder[i]'s output), except the last, which takes the bottleneck.
        decoder.Add(Sequential(ReLU(), Convolution.Transposed(2 * preset.RefineWidth(1), 3, 3, padding: 1)));
        for (int level = 1; level < depth; level++)
            decoder.Add(PreActivationBlocks.TwoStepUp(2 * preset.RefineWidth(level + 1), preset.RefineWidth(level)));
        decoder.Add(Sequential(ReLU(), Convolution.Transposed(bottleneck, bottleneck, 4, stride: 2, padding: 1), InstanceNorm2d(bottleneck)));
    }

    private void BuildPortLayout(MmflPreset preset)
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
    }

    /// <summary>
    /// Maps concat(composited coarse, masked image) [B,6,S,S] to the refined image [B,3,S,S]: in
    /// [-1, 1] through tanh, or unbounded with the released layout, which has none (only its
    /// pixels in the hole are used).
    /// </summary>
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
