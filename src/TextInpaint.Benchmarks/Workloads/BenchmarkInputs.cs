using TextInpaint.Data.Batching;
using TextInpaint.Models.Damsm;
using TextInpaint.Models.Mmfl;
using TextInpaint.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace TextInpaint.Benchmarks.Workloads;

/// <summary>Random inputs of the right shapes for the benchmarks, drawn from a seeded generator.</summary>
public static class BenchmarkInputs
{
    public const int CaptionLength = 16, ShortestCaption = 8;

    /// <summary>Images [B,3,S,S] uniform in [-1, 1].</summary>
    public static Tensor Images(int batch, int size, Generator random) =>
        rand([batch, 3, size, size], generator: random) * 2 - 1;

    /// <summary>Holes [B,1,S,S]: the centre square of half the side (a quarter of the image).</summary>
    public static Tensor CentreHoles(int batch, int size)
    {
        var masks = zeros(batch, 1, size, size);
        masks[.., .., (size / 4)..(3 * size / 4), (size / 4)..(3 * size / 4)] = 1;
        return masks;
    }

    /// <summary>Token ids [B,16] of random words (ids 2 and up) with 8 to 16 real words each, padded with 0, and the lengths [B].</summary>
    public static (Tensor Tokens, Tensor Lengths) Captions(int batch, int vocabularySize, Generator random)
    {
        var lengths = randint(ShortestCaption, CaptionLength + 1, [batch], dtype: ScalarType.Int64, generator: random);
        var words = randint(Vocabulary.UnknownIndex + 1, vocabularySize, [batch, CaptionLength], dtype: ScalarType.Int64, generator: random);
        var real = arange(CaptionLength, dtype: ScalarType.Int64).unsqueeze(0) < lengths.unsqueeze(1);
        return (words * real, lengths);
    }

    /// <summary>One class per pair, so every other pair of a batch is a negative in the DAMSM loss.</summary>
    public static Tensor DistinctClasses(int batch) => arange(batch, dtype: ScalarType.Int64);

    /// <summary>A vocabulary of <paramref name="count"/> entries (the two special tokens and made-up words).</summary>
    public static Vocabulary MadeUpVocabulary(int count) =>
        Vocabulary.Build([string.Join(' ', Enumerable.Range(0, count - 2).Select(i => $"w{i}"))]);

    public static InpaintingBatch InpaintingBatch(MmflPreset preset, int batch, int vocabularySize, Generator random)
    {
        var (tokens, lengths) = Captions(batch, vocabularySize, random);
        return new InpaintingBatch(Images(batch, preset.ImageSize, random), CentreHoles(batch, preset.ImageSize), tokens, lengths, DistinctClasses(batch));
    }

    /// <summary>A model of <paramref name="preset"/> with untrained weights and untrained DAMSM encoders, on the CPU.</summary>
    public static MmflModel UntrainedModel(MmflPreset preset, BenchmarkDamsmSizes damsmSizes) => new(
        new MmflConfig(preset, UsesText: true),
        DamsmEncoders.Create(damsmSizes.ConfigFor(preset), MadeUpVocabulary(damsmSizes.VocabularySize)),
        new MmflGenerator(preset),
        CPU);

    public static void Dispose(InpaintingBatch batch)
    {
        foreach (var tensor in new[] { batch.Images, batch.Masks, batch.Captions, batch.CaptionLengths, batch.ClassIds })
            tensor.Dispose();
    }
}
