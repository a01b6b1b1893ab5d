using System.Numerics;
using System.Text.Json.Serialization;

namespace TextInpaint.Models.Mmfl;

/// <summary>
/// The sizes of one MMFL network: image size, channel widths, where text enters the coarse
/// U-Net, and the text branch's dimensions. The number of U-Net levels is not stored: it is
/// log2(ImageSize), so that the encoders always reach a 1x1 bottleneck, and no value derived from
/// the others is saved. The design switches (<see cref="FusesRegionWords"/>, <see cref="FusedSkip"/>,
/// ...) read as false from a model.json written before they existed, so such a model is rebuilt as
/// it was trained. How a network is trained is not here: that is the training recipe.
/// </summary>
/// <param name="Name">The name the preset is looked up by.</param>
/// <param name="ImageSize">Side of the square input and output images, a power of two.</param>
/// <param name="WordDim">Size D of the text encoder's word and sentence features.</param>
/// <param name="CoarseBaseWidth">Channels of the coarse encoder's first level; each level doubles it.</param>
/// <param name="CoarseMaxWidth">Channel cap of the coarse encoder (the paper's 512).</param>
/// <param name="FusionLevel">Coarse encoder level (1 = first, at half the image size) whose output is concatenated with the text feature.</param>
/// <param name="RefineBaseWidth">Channels of the refine encoder's first level; each level doubles it.</param>
/// <param name="RefineMaxWidth">Channel cap of the refine encoder.</param>
/// <param name="ConditionDim">Size of the conditioning-augmentation code c (the paper's 100).</param>
/// <param name="NoiseDim">Size of the noise vector z (the paper's 100).</param>
/// <param name="TextBranchWidth">Channels of the text branch at a quarter of the image size (AttnGAN's gf_dim).</param>
/// <param name="TextResidualBlocks">GLU residual blocks in each of the text branch's two attention stages.</param>
/// <param name="DiscriminatorBaseWidth">Channels of the discriminator's first layer; the next three double it.</param>
public sealed record MmflPreset(
    string Name,
    int ImageSize,
    int WordDim,
    int CoarseBaseWidth,
    int CoarseMaxWidth,
    int FusionLevel,
    int RefineBaseWidth,
    int RefineMaxWidth,
    int ConditionDim,
    int NoiseDim,
    int TextBranchWidth,
    int TextResidualBlocks,
    int DiscriminatorBaseWidth)
{
    /// <summary>
    /// Whether the fusion level also gets a word context read by the masked image itself: every
    /// region of the coarse encoder's fusion-level feature attends over the (demand-weighted) words,
    /// and the attended words are concatenated beside the image and text features.
    /// <para>
    /// A departure from MMFL, whose only text input is the text-to-image branch: that branch draws
    /// from the sentence and noise without seeing the masked image, so it cannot know where the
    /// hidden crown is. Trained on SynthBirds with colours drawn per bird, the paper's fusion alone
    /// had not started to read the caption after 2,300 steps (the same hole PSNR and colour
    /// agreement with the true and with another image's caption), while regions of the masked image
    /// do know where each part lies, and DAMSM's region-word attention already binds colour words
    /// to the parts they name. Off for the <see cref="Paper"/> preset.
    /// </para>
    /// </summary>
    public bool FusesRegionWords { get; init; }

    /// <summary>
    /// Whether the coarse decoder's skip connection at the fusion level carries the fused feature
    /// (image, text and, with <see cref="FusesRegionWords"/>, the regions' word context) rather than
    /// the image-only feature. In MMFL's U-Net the skip is taken before the text is concatenated, so
    /// text reaches the decoder only through the levels below, which lose where each word belongs.
    /// </summary>
    public bool FusedSkip { get; init; }

    /// <summary>
    /// Whether the Word Demand Module gives each word its own gate in [0, 1] that scales the word
    /// (see <see cref="WordDemandModule"/>) instead of a softmax over the words added as a residual
    /// with a learned scale. The softmax form, trained on SynthBirds, put 0.98 of the demand on one
    /// word and its scale stayed near 0: the module did nothing.
    /// </summary>
    public bool IndependentWordGates { get; init; }

    /// <summary>
    /// Whether the word demands are shares of the caption rather than independent gates: a softmax
    /// over the caption's real words times their count, so that they average 1 and raising one
    /// word's demand lowers the others' (see <see cref="WordDemandModule"/>). Independent sigmoid
    /// gates, trained on SynthBirds, all ended near 1 (demand entropy 1.00): nothing made passing
    /// every word whole cost anything, so the module told the words apart no more than the
    /// identity. Needs <see cref="IndependentWordGates"/> (words are scaled, no residual).
    /// </summary>
    public bool WordDemandShares { get; init; }

    /// <summary>
    /// Whether the Word Demand Module also reads each word's match with the masked picture, as the
    /// frozen DAMSM encoders measure it (<see cref="GeneratorCaption.ShownMatch"/>), so that a word
    /// whose part is in view can lose demand and one whose part is hidden gain it (see
    /// <see cref="WordDemandModule"/>). Without it the module sees only the generator's features.
    /// </summary>
    public bool WordDemandReadsShownMatch { get; init; }

    /// <summary>
    /// Whether the text-guided attention map A is the demand-weighted second word attention,
    /// normalised to a mean of 1 over the image and not trained by the loss it weights (see
    /// <see cref="TextAttentionMap"/>), instead of MMFL's free 3x3 convolution, which that loss
    /// trains towards 0.
    /// </summary>
    public bool NormalisedTextAttention { get; init; }

    /// <summary>
    /// Whether the discriminator's convolutions are spectrally normalised (Miyato et al. 2018), so
    /// that it cannot win outright and the adversarial term stays in play.
    /// </summary>
    public bool SpectralNormDiscriminator { get; init; }

    /// <summary>
    /// Whether the coarse U-Net and the text branch's stride-2 encoder use pre-activation blocks,
    /// as MMFL's released code does: each level is LeakyReLU(0.2) (ReLU in the decoder), then the
    /// convolution, then instance norm, and the first encoder level is the convolution alone (no
    /// norm, no activation). The skips carry the normalised features before their activation.
    /// Off: conv, instance norm, activation at every level (see <see cref="UNetBlocks"/>).
    /// </summary>
    public bool PreActivationBlocks { get; init; }

    /// <summary>
    /// Whether the refine U-Net is laid out as in MMFL's released code (see <see cref="RefineGenerator"/>):
    /// a full-resolution 3x3 convolution first, encoder levels of a dilated 4x4 stride-2
    /// convolution that keeps the channels then a 3x3 convolution that changes them, a plain 4x4
    /// stride-2 level down to 1x1, decoder levels of a 3x3 stride-1 and a 4x4 stride-2 transposed
    /// convolution, pre-activation blocks and no tanh at the image. Off: one convolution pair and
    /// one transposed convolution per level, post-activation, tanh.
    /// </summary>
    public bool ReleasedRefineLayout { get; init; }

    /// <summary>
    /// Whether the Word Demand Module takes the released code's form where it can: a SAGAN-style
    /// (HW x HW) softmax affinity of the fusion-level feature applied to the (D x L) word matrix,
    /// gamma * A * T + T (see <see cref="RegionAffinityWordDemand"/>). That product needs
    /// HW = D (16x16 = 256 for the paper at 256x256); at any other size the module stays the
    /// per-word gate of <see cref="WordDemandModule"/> (<see cref="UsesRegionAffinityWordDemand"/>).
    /// </summary>
    public bool ReleasedWordDemand { get; init; }

    /// <summary>The preset used when none is named: a 64x64 network sized for two CPU cores.</summary>
    public const string DefaultName = "synth64";

    /// <summary>
    /// MMFL's released generator at 256x256 (146.4 M parameters); heavy, meant for a GPU (its
    /// training recipe, batch 4 and random grayscale 0.1, is <c>MmflRecipe.For("paper")</c>). The released Word Demand Module needs the
    /// 16x16 fusion map of a 256x256 image; at another size this preset uses the per-word gate.
    /// </summary>
    public static MmflPreset Paper { get; } = new(
        "paper", ImageSize: 256, WordDim: 256,
        CoarseBaseWidth: 64, CoarseMaxWidth: 512, FusionLevel: 4,
        RefineBaseWidth: 64, RefineMaxWidth: 512,
        ConditionDim: 100, NoiseDim: 100, TextBranchWidth: 32, TextResidualBlocks: 3,
        DiscriminatorBaseWidth: 64)
    { PreActivationBlocks = true, ReleasedRefineLayout = true, ReleasedWordDemand = true };

    /// <summary>
    /// 64x64 on two CPU cores. Text enters at level 3 (8x8, 1/8 of the input) instead of the
    /// paper's 1/16: at 64x64 the paper's choice would leave a 4x4 map, too coarse for word
    /// attention to place a colour on a part (docs/method.md section 7); the text branch's word
    /// attention still runs at two resolutions (16x16 and 32x32). Widths are a quarter of the
    /// paper's (half for the U-Nets' first levels) and the text branch is the narrowest part,
    /// because at full image size it costs most: a training step of G and D at batch 16 stays
    /// within a few hundred milliseconds.
    /// </summary>
    public static MmflPreset Synth64 { get; } = new(
        "synth64", ImageSize: 64, WordDim: 256,
        CoarseBaseWidth: 16, CoarseMaxWidth: 128, FusionLevel: 3,
        RefineBaseWidth: 16, RefineMaxWidth: 128,
        ConditionDim: 64, NoiseDim: 64, TextBranchWidth: 8, TextResidualBlocks: 1,
        DiscriminatorBaseWidth: 16)
    {
        FusesRegionWords = true, FusedSkip = true, IndependentWordGates = true, WordDemandReadsShownMatch = true,
        NormalisedTextAttention = true, SpectralNormDiscriminator = true,
    };

    /// <summary>Very small widths at 32x32, for tests.</summary>
    public static MmflPreset Tiny { get; } = new(
        "tiny", ImageSize: 32, WordDim: 16,
        CoarseBaseWidth: 8, CoarseMaxWidth: 32, FusionLevel: 2,
        RefineBaseWidth: 8, RefineMaxWidth: 32,
        ConditionDim: 8, NoiseDim: 8, TextBranchWidth: 8, TextResidualBlocks: 1,
        DiscriminatorBaseWidth: 8)
    { FusesRegionWords = true, FusedSkip = true, IndependentWordGates = true, NormalisedTextAttention = true, SpectralNormDiscriminator = true };

    /// <summary>The presets to train with; earlier designs, kept to repeat measurements, are <see cref="HistoricalPresets.All"/>.</summary>
    public static IReadOnlyList<MmflPreset> All { get; } = [Paper, Synth64, Tiny];

    /// <summary>Looks a preset, live or historical, up by name (case-insensitive).</summary>
    public static MmflPreset Named(string name)
    {
        var preset = All.Concat(HistoricalPresets.All).FirstOrDefault(p => string.Equals(p.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));
        return preset ?? throw new UserInputException(
            $"model preset '{name}': unknown; the presets are {string.Join(", ", All.Concat(HistoricalPresets.All).Select(p => p.Name))}.");
    }

    /// <summary>Looks a preset up by name and sets its image size, which must suit it (see <see cref="WithImageSize"/>).</summary>
    public static MmflPreset Named(string name, int imageSize) => Named(name).WithImageSize(imageSize);

    /// <summary>
    /// The same widths at another image size; the U-Nets get log2(size) levels. The size must be
    /// a power of two of at least <see cref="MinimumImageSize"/>.
    /// </summary>
    public MmflPreset WithImageSize(int imageSize)
    {
        if (imageSize <= 0 || !BitOperations.IsPow2(imageSize) || imageSize < MinimumImageSize)
            throw new UserInputException(
                $"image size {imageSize}: the '{Name}' model preset needs a power of two of at least {MinimumImageSize} (it is built for {ImageSize}).");
        return this with { ImageSize = imageSize };
    }

    /// <summary>
    /// The smallest image size this preset can take: the text branch starts at 4x4 and must
    /// reach a quarter of the image size, the fusion level must leave at least one encoder
    /// level below it, and the discriminator's patches must keep a positive size.
    /// </summary>
    [JsonIgnore]
    public int MinimumImageSize => Math.Max(32, 1 << (FusionLevel + 1));

    /// <summary>Encoder levels of each U-Net, down to a 1x1 bottleneck.</summary>
    [JsonIgnore]
    public int Depth => BitOperations.Log2((uint)ImageSize);

    /// <summary>
    /// Whether the Word Demand Module is the released region-affinity form: asked for, and the fusion map has as many
    /// positions as a word has features.
    /// </summary>
    [JsonIgnore]
    public bool UsesRegionAffinityWordDemand => ReleasedWordDemand && FusionSize * FusionSize == WordDim;

    /// <summary>Side of the coarse encoder's feature map where text enters.</summary>
    [JsonIgnore]
    public int FusionSize => ImageSize >> FusionLevel;

    /// <summary>Channels of the coarse encoder's feature map where text enters (the text feature has as many).</summary>
    [JsonIgnore]
    public int FusionChannels => CoarseWidth(FusionLevel);

    /// <summary>Output channels of coarse encoder level <paramref name="level"/> (1-based).</summary>
    public int CoarseWidth(int level) => Math.Min(CoarseBaseWidth << (level - 1), CoarseMaxWidth);

    /// <summary>Output channels of refine encoder level <paramref name="level"/> (1-based).</summary>
    public int RefineWidth(int level) => Math.Min(RefineBaseWidth << (level - 1), RefineMaxWidth);
}
