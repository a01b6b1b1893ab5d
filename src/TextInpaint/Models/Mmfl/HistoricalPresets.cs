namespace TextInpaint.Models.Mmfl;

/// <summary>
/// Earlier designs of the networks, kept so that the measurements of docs/log.md can be repeated
/// (`train --preset NAME`, `benchmark`); nothing trains with them by default.
/// </summary>
public static class HistoricalPresets
{
    /// <summary>
    /// <see cref="MmflPreset.Synth64"/> as the first shipped 64x64 model was designed: region words
    /// fused, but the image-only skip at the fusion level, the softmax word demand with a learned
    /// scale, the free text-attention convolution and no spectral norm in the discriminator
    /// (docs/method.md section 10). Its recipe trains the TGA loss on the generator's map.
    /// </summary>
    public static MmflPreset Synth64FirstDesign { get; } = MmflPreset.Synth64 with
    {
        Name = "synth64-v1", FusedSkip = false, IndependentWordGates = false, WordDemandShares = false, NormalisedTextAttention = false,
            SpectralNormDiscriminator = false,
    };

    /// <summary>
    /// <see cref="MmflPreset.Synth64"/> with text entering at level 2 (16x16, 1/4 of the input)
    /// instead of 8x8: measured worse on every figure at 20 epochs, the thin parts included.
    /// </summary>
    public static MmflPreset Synth64Fusion16 { get; } = MmflPreset.Synth64 with { Name = "synth64-fusion16", FusionLevel = 2 };

    /// <summary>
    /// <see cref="MmflPreset.Paper"/> before it took the released generator's layout (pre-activation
    /// blocks, the released refine U-Net and word demand module), for speed comparisons.
    /// </summary>
    public static MmflPreset PaperFirstDesign { get; } = MmflPreset.Paper with
    {
        Name = "paper-v1", PreActivationBlocks = false, ReleasedRefineLayout = false, ReleasedWordDemand = false,
    };

    public static IReadOnlyList<MmflPreset> All { get; } = [Synth64FirstDesign, Synth64Fusion16, PaperFirstDesign];
}
