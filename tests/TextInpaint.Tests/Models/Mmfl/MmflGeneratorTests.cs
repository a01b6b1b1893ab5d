using TextInpaint.Models.Mmfl;
using TextInpaint.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace TextInpaint.Tests.Models.Mmfl;

[Collection(TorchCollection.Name)]
public sealed class MmflGeneratorTests
{
    public MmflGeneratorTests() => TorchRuntime.Initialize();

    public static TheoryData<string, int> TrainablePresets => new() { { "tiny", 32 }, { "tiny", 64 }, { "synth64", 64 } };

    [Theory]
    [MemberData(nameof(TrainablePresets))]
    public void Every_output_has_the_documented_shape(string presetName, int imageSize)
    {
        using var scope = NewDisposeScope();
        manual_seed(11);
        var preset = MmflPreset.Named(presetName, imageSize);
        using var generator = new MmflGenerator(preset);
        var batch = MmflTestBatch.Make(preset, batch: 2, seed: 1);

        var output = batch.Run(generator);

        long s = imageSize, l = MmflTestBatch.WordCount;
        foreach (var image in new[] { output.Coarse, output.Final, output.CompositedCoarse, output.CompositedFinal })
            Assert.Equal([2, 3, s, s], image.shape);
        Assert.Equal([2, l], output.WordDemand.shape);
        Assert.Equal([2, l, s / 4, s / 4], output.FirstWordAttention.shape);
        Assert.Equal([2, l, s / 2, s / 2], output.SecondWordAttention.shape);
        Assert.Equal([2, 1, s, s], output.TextAttention.shape);
        Assert.Empty(output.ConditioningKl.shape);
        Assert.True(output.Final.abs().max().ToDouble() <= 1);
        long f = preset.FusionSize;
        Assert.Equal([2, l, f, f], output.RegionWordAttention!.shape);
        Assert.True((output.RegionWordAttention.sum(1) - 1).abs().max().ToDouble() < 1e-5);
    }

    [Fact]
    public void The_paper_preset_keeps_the_papers_fusion_alone()
    {
        Assert.False(MmflPreset.Paper.FusesRegionWords);
        Assert.True(MmflPreset.Synth64.FusesRegionWords);
    }

    [Fact]
    public void Known_pixels_are_never_altered()
    {
        using var scope = NewDisposeScope();
        manual_seed(13);
        var preset = MmflPreset.Tiny;
        using var generator = new MmflGenerator(preset);
        var batch = MmflTestBatch.Make(preset, batch: 2, seed: 3);

        var output = batch.Run(generator);

        var known = batch.Mask.eq(0).expand_as(batch.Image);
        var hole = known.logical_not();
        foreach (var (composited, generated) in new[] { (output.CompositedCoarse, output.Coarse), (output.CompositedFinal, output.Final) })
        {
            Assert.True(composited.masked_select(known).eq(batch.Image.masked_select(known)).all().ToBoolean());
            Assert.True(composited.masked_select(hole).eq(generated.masked_select(hole)).all().ToBoolean());
        }
    }

    [Fact]
    public void The_same_noise_gives_the_same_inpainting_and_other_noise_another()
    {
        using var scope = NewDisposeScope();
        manual_seed(14);
        var preset = MmflPreset.Tiny;
        using var generator = new MmflGenerator(preset);
        generator.eval();
        var batch = MmflTestBatch.Make(preset, batch: 2, seed: 4);
        using var noGrad = no_grad();

        var first = generator.forward(batch.MaskedImage, batch.Mask, batch.Caption(generator),
            GeneratorNoise.Sample(preset, 2, CPU, new Generator(99)));
        var again = generator.forward(batch.MaskedImage, batch.Mask, batch.Caption(generator),
            GeneratorNoise.Sample(preset, 2, CPU, new Generator(99)));
        var other = generator.forward(batch.MaskedImage, batch.Mask, batch.Caption(generator),
            GeneratorNoise.Sample(preset, 2, CPU, new Generator(100)));

        Assert.True(first.CompositedFinal.eq(again.CompositedFinal).all().ToBoolean());
        Assert.False(first.CompositedFinal.eq(other.CompositedFinal).all().ToBoolean());
    }

    [Fact]
    public void Images_of_another_size_than_the_preset_are_refused_with_the_expected_shape()
    {
        using var scope = NewDisposeScope();
        var preset = MmflPreset.Tiny;
        using var generator = new MmflGenerator(preset);
        var batch = MmflTestBatch.Make(preset.WithImageSize(64), batch: 1, seed: 5);

        var error = Assert.Throws<ArgumentException>(() => batch.Run(generator));
        Assert.Contains("[B,3,32,32]", error.Message);
        Assert.Contains("[1,3,64,64]", error.Message);
    }

    [Fact]
    public void Without_the_word_demand_module_every_word_gets_an_equal_share_and_no_module_weights_exist()
    {
        using var scope = NewDisposeScope();
        manual_seed(15);
        var preset = MmflPreset.Tiny;
        using var generator = new MmflGenerator(preset, useWordDemand: false);
        using var full = new MmflGenerator(preset);
        var batch = MmflTestBatch.Make(preset, batch: 2, seed: 6);

        var output = batch.Run(generator);

        Assert.DoesNotContain(generator.named_parameters(), p => p.name.Contains("wordDemand"));
        Assert.Contains(full.named_parameters(), p => p.name.Contains("wordDemand"));
        for (int b = 0; b < 2; b++)
        {
            long words = batch.Lengths[b].ToInt64();
            for (int l = 0; l < output.WordDemand.shape[1]; l++)
                Assert.Equal(l < words ? 1.0 / words : 0.0, output.WordDemand[b, l].ToDouble(), 6);
        }
    }
}
