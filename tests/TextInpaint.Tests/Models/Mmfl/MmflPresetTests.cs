using TextInpaint.Models.Mmfl;

namespace TextInpaint.Tests.Models.Mmfl;

public sealed class MmflPresetTests
{
    [Fact]
    public void Unknown_preset_names_are_refused_with_the_list_of_presets()
    {
        var error = Assert.Throws<UserInputException>(() => MmflPreset.Named("huge"));
        Assert.Contains("'huge'", error.Message);
        Assert.Contains("paper, synth64, tiny, synth64-v1, synth64-fusion16, paper-v1", error.Message);
    }

    [Fact]
    public void Presets_are_found_whatever_the_case()
    {
        Assert.Same(MmflPreset.Paper, MmflPreset.Named("Paper"));
        Assert.Same(MmflPreset.Synth64, MmflPreset.Named(MmflPreset.DefaultName));
    }

    [Theory]
    [InlineData(48)]
    [InlineData(16)]
    [InlineData(0)]
    public void Image_sizes_that_are_not_large_enough_powers_of_two_are_refused(int size)
    {
        var error = Assert.Throws<UserInputException>(() => MmflPreset.Named("synth64", size));
        Assert.Contains($"image size {size}", error.Message);
        Assert.Contains("power of two of at least 32", error.Message);
    }

    [Fact]
    public void The_paper_preset_fuses_text_at_a_sixteenth_of_the_image_with_512_channels()
    {
        var paper = MmflPreset.Paper;
        Assert.Equal(8, paper.Depth);
        Assert.Equal(16, paper.FusionSize);
        Assert.Equal(512, paper.FusionChannels);
        Assert.Equal([64, 128, 256, 512, 512, 512, 512, 512], Enumerable.Range(1, paper.Depth).Select(paper.CoarseWidth));
    }

    [Fact]
    public void Depth_follows_the_image_size_and_the_fusion_level_stays()
    {
        var larger = MmflPreset.Named("synth64", 128);
        Assert.Equal(7, larger.Depth);
        Assert.Equal(16, larger.FusionSize);
        Assert.Equal(MmflPreset.Synth64.FusionChannels, larger.FusionChannels);
        Assert.Equal(8, MmflPreset.Synth64.FusionSize);
    }
}

public sealed class MmflPresetFileTests
{
    [Fact]
    public void A_preset_saved_before_the_design_switches_existed_reads_them_all_as_off()
    {
        var json = """
            {"name":"synth64","imageSize":64,"wordDim":256,"coarseBaseWidth":16,"coarseMaxWidth":128,"fusionLevel":3,
             "refineBaseWidth":16,"refineMaxWidth":128,"conditionDim":64,"noiseDim":64,"textBranchWidth":8,
             "textResidualBlocks":1,"discriminatorBaseWidth":16,"fusesRegionWords":true}
            """;

        var preset = System.Text.Json.JsonSerializer.Deserialize<MmflPreset>(json, TextInpaint.Storage.ModelFiles.Json)!;

        Assert.True(preset.FusesRegionWords);
        Assert.False(preset.FusedSkip);
        Assert.False(preset.IndependentWordGates);
        Assert.False(preset.NormalisedTextAttention);
        Assert.False(preset.WordDemandShares);
        Assert.False(preset.SpectralNormDiscriminator);
        Assert.False(preset.PreActivationBlocks);
        Assert.False(preset.ReleasedRefineLayout);
        Assert.False(preset.ReleasedWordDemand);
    }

    [Fact]
    public void The_design_switches_are_saved_and_read_back()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(MmflPreset.Synth64, TextInpaint.Storage.ModelFiles.Json);

        var preset = System.Text.Json.JsonSerializer.Deserialize<MmflPreset>(json, TextInpaint.Storage.ModelFiles.Json)!;

        Assert.Equal(MmflPreset.Synth64, preset);
        Assert.True(preset.FusedSkip && preset.IndependentWordGates && preset.NormalisedTextAttention && preset.SpectralNormDiscriminator);
        Assert.False(preset.WordDemandShares);
    }

    [Fact]
    public void The_paper_presets_released_layout_is_saved_and_read_back_without_derived_values()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(MmflPreset.Paper, TextInpaint.Storage.ModelFiles.Json);

        var preset = System.Text.Json.JsonSerializer.Deserialize<MmflPreset>(json, TextInpaint.Storage.ModelFiles.Json)!;

        Assert.Equal(MmflPreset.Paper, preset);
        Assert.True(preset.PreActivationBlocks && preset.ReleasedRefineLayout && preset.ReleasedWordDemand);
        foreach (var derived in new[] { "depth", "fusionSize", "fusionChannels", "minimumImageSize", "usesRegionAffinityWordDemand" })
            Assert.DoesNotContain($"\"{derived}\"", json);
    }
}
