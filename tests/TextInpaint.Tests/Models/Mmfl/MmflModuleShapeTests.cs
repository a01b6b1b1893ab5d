using TextInpaint.Models.Mmfl;
using TextInpaint.Runtime;
using static TorchSharp.torch;

namespace TextInpaint.Tests.Models.Mmfl;

/// <summary>Each module on its own at every preset (batch 1, evaluation mode, no gradients).</summary>
[Collection(TorchCollection.Name)]
public sealed class MmflModuleShapeTests
{
    public MmflModuleShapeTests() => TorchRuntime.Initialize();

    public static TheoryData<string> Presets => new(MmflPreset.All.Select(p => p.Name));

    [Theory]
    [MemberData(nameof(Presets))]
    public void Coarse_generator_fuses_a_text_feature_of_its_fusion_size_and_returns_an_image(string presetName)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var preset = MmflPreset.Named(presetName);
        using var coarse = new CoarseGenerator(preset);
        coarse.eval();
        long s = preset.ImageSize, f = preset.FusionSize;

        var features = coarse.EncodeToFusion(zeros(1, 3, s, s));
        var regionWords = preset.FusesRegionWords ? zeros(1, preset.FusionChannels, f, f) : null;
        var image = coarse.Complete(features, zeros(1, preset.FusionChannels, f, f), regionWords);

        Assert.Equal(preset.FusionLevel, features.Count);
        Assert.Equal([1, preset.FusionChannels, f, f], features[^1].shape);
        Assert.Equal([1, 3, s, s], image.shape);
    }

    [Theory]
    [MemberData(nameof(Presets))]
    public void Text_branch_makes_a_feature_of_the_fusion_size(string presetName)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var preset = MmflPreset.Named(presetName);
        using var text = new TextToFeature(preset);
        text.eval();
        var words = randn(1, preset.WordDim, 5);

        var feature = text.forward(new TextBranchInput(words, words, randn(1, preset.WordDim),
            WordAttention.RealWords(tensor(new long[] { 4 }), 5, CPU), GeneratorNoise.Zero(preset, 1, CPU)));

        long s = preset.ImageSize, f = preset.FusionSize;
        Assert.Equal([1, preset.FusionChannels, f, f], feature.Feature.shape);
        Assert.Equal([1, 5, s / 4, s / 4], feature.FirstAttention.shape);
        Assert.Equal([1, 5, s / 2, s / 2], feature.SecondAttention.shape);
    }

    [Theory]
    [MemberData(nameof(Presets))]
    public void Refine_generator_and_attention_map_return_image_sized_maps(string presetName)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var preset = MmflPreset.Named(presetName);
        using var refine = new RefineGenerator(preset);
        using var attentionMap = new TextAttentionMap(preset.ImageSize, preset.NormalisedTextAttention);
        refine.eval();
        long s = preset.ImageSize;

        Assert.Equal([1, 3, s, s], refine.forward(zeros(1, 6, s, s)).shape);
        Assert.Equal([1, 1, s, s], attentionMap.forward(rand(1, 5, s / 2, s / 2), rand(1, 5)).shape);
        Assert.Equal([1, 1, s, s], attentionMap.forward(rand(1, 20, s / 2, s / 2), rand(1, 20)).shape);
    }

    [Theory]
    [MemberData(nameof(Presets))]
    public void Discriminator_scores_patches_of_an_eighth_of_the_image_minus_two(string presetName)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var preset = MmflPreset.Named(presetName);
        using var discriminator = new PatchDiscriminator(preset);
        long s = preset.ImageSize;

        var scores = discriminator.forward(zeros(1, 3, s, s), zeros(1, 3, s, s));

        Assert.Equal([1, 1, s / 8 - 2, s / 8 - 2], scores.shape);
    }
}
