using TextInpaint.Models.Damsm;
using TextInpaint.Models.Mmfl;

namespace TextInpaint.Benchmarks.Workloads;

/// <summary>Sizes of the untrained DAMSM encoders an MMFL benchmark uses: their features have the preset's word size.</summary>
public sealed record BenchmarkDamsmSizes(int VocabularySize, int EmbeddingSize, int ImageEncoderWidth)
{
    public DamsmConfig ConfigFor(MmflPreset preset) => new(
        preset.ImageSize,
        new TextEncoderOptions(VocabularySize, EmbeddingSize, HiddenPerDirection: preset.WordDim / 2),
        new ImageEncoderOptions(FeatureSize: preset.WordDim, BaseWidth: ImageEncoderWidth),
        new DamsmMatchingOptions());
}
