using TextInpaint.Imaging;
using TextInpaint.Losses;
using TextInpaint.Models.Pretrained;
using TextInpaint.Storage;
using TorchSharp;
using static TorchSharp.torch;

namespace TextInpaint.Evaluation.Metrics;

/// <summary>
/// Reads outputs and their truths with the ImageNet ResNet-18 of the NuGet package
/// (<see cref="ResNet18Package"/>), each resized to the network's 224×224 (linear filtering with
/// mipmaps), for FID (ResNet-18) and the feature distance. Each batch's truths are read once for every method.
/// </summary>
public sealed class FeatureScorer(ResNet18Features network) : IDisposable
{
    /// <summary>A scorer with the package's network on <paramref name="device"/>.</summary>
    public static FeatureScorer Load(Device device) => new(ResNet18Package.Load(device));

    /// <summary>
    /// The figures of every output: <paramref name="outputs"/>[m][k] is method m's output for
    /// <paramref name="truths"/>[k]; the result is indexed the same way.
    /// </summary>
    public FeatureScore[][] Score(IReadOnlyList<RgbImage> truths, IReadOnlyList<IReadOnlyList<RgbImage>> outputs)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var truthStages = Read(truths);
        var truthPooled = Rows(truthStages.Pooled);
        return outputs.Select(images =>
        {
            using var methodScope = NewDisposeScope();
            var stages = Read(images);
            var pooled = Rows(stages.Pooled);
            var distances = FeatureDistance.Between(stages, truthStages).cpu().to(ScalarType.Float64).data<double>().ToArray();
            return pooled.Select((features, k) => new FeatureScore(features, truthPooled[k], distances[k])).ToArray();
        }).ToArray();
    }

    private ResNet18Stages Read(IReadOnlyList<RgbImage> images)
    {
        var resized = new RgbImage[images.Count];
        Parallel.For(0, images.Count, k => resized[k] = ImageOps.Resize(images[k], ResNet18Features.ImageSize, ResNet18Features.ImageSize));
        var batch = stack(resized.Select(TensorImages.ToTensor)).to(network.parameters().First().device);
        return network.forward(batch);
    }

    private static float[][] Rows(Tensor matrix)
    {
        var values = matrix.cpu().contiguous().data<float>().ToArray();
        int width = (int)matrix.shape[1];
        return Enumerable.Range(0, (int)matrix.shape[0]).Select(r => values.AsSpan(r * width, width).ToArray()).ToArray();
    }

    public void Dispose() => network.Dispose();
}
