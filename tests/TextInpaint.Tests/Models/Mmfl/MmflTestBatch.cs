using TextInpaint.Models.Mmfl;
using static TorchSharp.torch;

namespace TextInpaint.Tests.Models.Mmfl;

/// <summary>A small seeded batch for the generator: images with a centre hole, random word features and captions of different lengths.</summary>
internal sealed record MmflTestBatch(
    Tensor Image, Tensor MaskedImage, Tensor Mask, Tensor Words, Tensor Sentence, Tensor Lengths, GeneratorNoise Noise)
{
    public const int WordCount = 6;

    public static MmflTestBatch Make(MmflPreset preset, int batch, int seed)
    {
        var generator = new Generator((ulong)seed);
        int size = preset.ImageSize;
        var image = rand([batch, 3, size, size], generator: generator) * 2 - 1;
        var mask = zeros(batch, 1, size, size);
        mask[.., .., (size / 4)..(3 * size / 4), (size / 4)..(3 * size / 4)] = 1;
        var words = randn([batch, preset.WordDim, WordCount], generator: generator);
        var sentence = randn([batch, preset.WordDim], generator: generator);
        // Caption lengths WordCount, WordCount - 2, WordCount - 4, ... (at least 1).
        var lengths = tensor(Enumerable.Range(0, batch).Select(i => (long)Math.Max(1, WordCount - 2 * i)).ToArray());
        return new MmflTestBatch(image, image * (1 - mask), mask, words, sentence, lengths,
            GeneratorNoise.Sample(preset, batch, CPU, generator));
    }

    public MmflOutput Run(MmflGenerator generator) =>
        generator.forward(MaskedImage, Mask, Caption(generator), Noise);

    /// <summary>The batch's captions as the generator takes them; a made-up match with the masked image where the generator reads one.</summary>
    public GeneratorCaption Caption(MmflGenerator generator) =>
        new(Words, Sentence, Lengths, generator.ReadsShownMatch ? Words[.., 0, ..].sigmoid() : null);
}
