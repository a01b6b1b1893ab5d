using System.Security.Cryptography;
using System.Text;
using TextInpaint.Models.Mmfl;
using TextInpaint.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace TextInpaint.Tests.Models.Mmfl;

[Collection(TorchCollection.Name)]
public sealed class MmflNetworkLayoutTests
{
    public MmflNetworkLayoutTests() => TorchRuntime.Initialize();

    /// <summary>
    /// The generator of MMFL's released code (InpaintNet), counted from the layer shapes of its
    /// model.py: coarse U-Net 58,603,907 (8 levels of 4x4 convolutions 64-128-256-512-512-512-512-512,
    /// the 5th taking 1024 channels, and the mirrored transposed convolutions with skips); text
    /// branch 10,155,857 (CA 102,800; the initial stage's Linear(200, 16384) without bias, BN1d and
    /// four GLU upsampling blocks, 3,646,208; two attention stages of 208,640 each; the SAGAN word
    /// demand block, two 1x1 convolutions 512 -> 64 with biases and gamma, 65,665; the four stride-2
    /// convolutions 32 -> 512, 5,924,224); refine U-Net 77,670,403 (3x3 6 -> 64; seven levels of a
    /// dilated 4x4 in -> in and a 3x3 in -> out; a 4x4 512 -> 512 to 1x1; a 4x4 transposed 512 -> 512;
    /// seven levels of a 3x3 and a 4x4 transposed convolution; a 3x3 transposed 128 -> 3); the TGA
    /// map's 3x3 convolution 16 -> 1, 145. Instance norms have no parameters.
    /// </summary>
    private const long ReleasedGeneratorParameters = 146_430_312;

    /// <summary>Every state-dict entry as "name shape", one a line, in order.</summary>
    private static string Layout(nn.Module module) => string.Join("\n",
        module.state_dict().Select(entry => $"{entry.Key} {string.Join("x", entry.Value.shape)}"));

    private static string Fingerprint(nn.Module module) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Layout(module))))[..16];

    private static long Parameters(nn.Module module) => module.parameters().Sum(p => p.numel());

    [Fact]
    public void The_paper_generator_has_the_released_generators_parameter_count()
    {
        using var generator = new MmflGenerator(MmflPreset.Paper);

        Assert.Equal(ReleasedGeneratorParameters, Parameters(generator));
        var shapes = generator.state_dict().ToDictionary(e => e.Key, e => e.Value.shape);
        Assert.Equal([64, 6, 3, 3], shapes["refine.encoder.0.0.weight"]);
        Assert.Equal([512, 512, 4, 4], shapes["refine.encoder.8.1.weight"]);
        Assert.Equal([128, 3, 3, 3], shapes["refine.decoder.0.1.weight"]);
        Assert.Equal([64, 512, 1, 1], shapes["wordDemand.f.weight"]);
    }

    [Fact]
    public void The_released_word_demand_form_is_kept_to_the_size_where_it_type_checks()
    {
        Assert.True(MmflPreset.Paper.UsesRegionAffinityWordDemand);
        Assert.False(MmflPreset.Named("paper", 128).UsesRegionAffinityWordDemand);
        // Tiny widths with the paper's switches: 4x4 positions meet 16-d words at 32x32, not at 64x64.
        using var fits = new MmflGenerator(TinyReleased);
        using var larger = new MmflGenerator(TinyReleased.WithImageSize(64));

        Assert.Contains("wordDemand.f.weight", fits.state_dict().Keys);
        Assert.Contains("wordDemand.localProjection.weight", larger.state_dict().Keys);
    }

    /// <summary>
    /// The synth64 and tiny networks as they were before the released layout's switches existed:
    /// parameter counts and a digest of their state-dict names and shapes, measured on that code.
    /// synth64 is taken without the shown-evidence block, as the shipped model's network is; the
    /// block's own test is below.
    /// </summary>
    [Theory]
    [InlineData("synth64", true, 4_310_502, "CD763FBCC2D81E13")]
    [InlineData("synth64", false, 4_277_222, "5D09122AE3AB0DB3")]
    [InlineData("tiny", true, 286_734, "B247C74ED0C6DB93")]
    [InlineData("tiny", false, 286_190, "58E7B045E15874B4")]
    public void The_synth64_and_tiny_generators_keep_their_layout(string preset, bool useWordDemand, long parameters, string fingerprint)
    {
        using var generator = new MmflGenerator(MmflPreset.Named(preset) with { WordDemandReadsShownMatch = false }, useWordDemand);

        Assert.Equal(parameters, Parameters(generator));
        Assert.Equal(fingerprint, Fingerprint(generator));
    }

    [Fact]
    public void Reading_the_shown_match_adds_one_word_weight_to_the_synth64_generator_and_changes_nothing_else()
    {
        using var without = new MmflGenerator(MmflPreset.Synth64 with { WordDemandReadsShownMatch = false });
        using var with = new MmflGenerator(MmflPreset.Synth64);

        var added = Layout(with).Split('\n').Except(Layout(without).Split('\n')).ToArray();
        Assert.Equal(Layout(without), string.Join("\n", Layout(with).Split('\n').Except(added)));
        Assert.Equal([$"wordDemand.shownMatchWeight.weight 1x{MmflPreset.Synth64.WordDim}", "wordDemand.shownMatchWeight.bias 1"], added);
    }

    [Theory]
    [InlineData("synth64", 175_857, "4D791427213420B8")]
    [InlineData("tiny", 44_921, "43AE7FB3BC48F2DC")]
    public void The_synth64_and_tiny_discriminators_keep_their_layout(string preset, long parameters, string fingerprint)
    {
        using var discriminator = new PatchDiscriminator(MmflPreset.Named(preset));

        Assert.Equal(parameters, Parameters(discriminator));
        Assert.Equal(fingerprint, Fingerprint(discriminator));
    }

    /// <summary>The paper's switches on the tiny widths, fused at 4x4 so that 16 positions meet 16-d words.</summary>
    private static MmflPreset TinyReleased => MmflPreset.Tiny with
    {
        FusionLevel = 3, FusesRegionWords = false, FusedSkip = false, NormalisedTextAttention = false,
        PreActivationBlocks = true, ReleasedRefineLayout = true, ReleasedWordDemand = true,
    };

    [Fact]
    public void The_released_layout_runs_forward_and_backward_and_keeps_known_pixels()
    {
        using var scope = NewDisposeScope();
        manual_seed(21);
        var preset = TinyReleased;
        Assert.True(preset.UsesRegionAffinityWordDemand);
        using var generator = new MmflGenerator(preset);
        var batch = MmflTestBatch.Make(preset, batch: 2, seed: 4);

        var output = batch.Run(generator);
        output.CompositedFinal.abs().mean().backward();

        Assert.Equal([2, 3, 32, 32], output.Final.shape);
        Assert.Equal([2, MmflTestBatch.WordCount], output.WordDemand.shape);
        var known = batch.Mask.eq(0).expand_as(batch.Image);
        Assert.True(output.CompositedFinal.masked_select(known).eq(batch.MaskedImage.masked_select(known)).all().item<bool>());
        foreach (var (name, parameter) in generator.named_parameters().Where(p => p.name.StartsWith("refine.") || p.name.StartsWith("coarse.")))
            Assert.True(parameter.grad is not null && parameter.grad.abs().sum().ToDouble() > 0, $"{name} got no gradient");
    }
}
