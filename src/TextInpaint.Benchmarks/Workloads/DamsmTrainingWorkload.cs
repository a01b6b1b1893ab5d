using TextInpaint.Models.Damsm;
using TextInpaint.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace TextInpaint.Benchmarks.Workloads;

/// <summary>One DAMSM pre-training step (both encoders forward and backward, one Adam step) on a fixed random batch.</summary>
public sealed class DamsmTrainingWorkload : IBenchmarkWorkload
{
    private readonly TextEncoder text;
    private readonly ImageEncoder image;
    private readonly DamsmTrainingStep step;
    private readonly Tensor tokens, lengths, images, classes;

    public DamsmTrainingWorkload(int batch, int imageSize, int vocabularySize, int seed = 1)
    {
        manual_seed(seed);
        text = new TextEncoder(new TextEncoderOptions(vocabularySize));
        image = new ScratchImageEncoder(new ImageEncoderOptions());
        step = new DamsmTrainingStep(text, image, new DamsmTrainingOptions());
        var random = new Generator((ulong)seed);
        (tokens, lengths) = BenchmarkInputs.Captions(batch, vocabularySize, random);
        images = BenchmarkInputs.Images(batch, imageSize, random);
        classes = BenchmarkInputs.DistinctClasses(batch);
    }

    public void Run() => step.Train(tokens, lengths, images, classes);

    public void Dispose()
    {
        step.Dispose();
        text.Dispose();
        image.Dispose();
        foreach (var tensor in new[] { tokens, lengths, images, classes })
            tensor.Dispose();
    }
}
