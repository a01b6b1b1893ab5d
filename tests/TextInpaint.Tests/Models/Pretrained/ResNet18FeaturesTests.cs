using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using TextInpaint.Runtime;
using TextInpaint.Storage;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace TextInpaint.Tests.Models.Pretrained;

[Collection(TorchCollection.Name)]
public sealed class ResNet18FeaturesTests
{
    private const int Side = 224;
    private readonly ITestOutputHelper output;

    public ResNet18FeaturesTests(ITestOutputHelper output)
    {
        TorchRuntime.Initialize();
        this.output = output;
    }

    [Fact]
    public void Pooled_features_equal_onnx_runtimes_on_the_package_graphs()
    {
        var images = Enumerable.Range(0, 3).Select(TestImage).ToArray();
        using var preprocessing = new InferenceSession(ResNet18Package.PreprocessingFile);
        using var network = new InferenceSession(ResNet18Package.NetworkFile);
        var expected = images.Select(pixels =>
        {
            var input = new DenseTensor<float>(pixels.Select(p => (float)p).ToArray(), [1, 3, Side, Side]);
            using var prepared = preprocessing.Run([NamedOnnxValue.CreateFromTensor("OriginalInput", input)]);
            var bgr = prepared.First().AsTensor<float>().ToDenseTensor();
            using var pooled = network.Run([NamedOnnxValue.CreateFromTensor("Input247", bgr)]);
            return pooled.First().AsTensor<float>().ToArray();
        }).ToArray();

        using var scope = NewDisposeScope();
        var batch = stack(images.Select(p => tensor(p.Select(v => v / 127.5f - 1f).ToArray(), [3, Side, Side])));
        float[] actual;
        using (no_grad())
            actual = PretrainedResNet.Shared.forward(batch).Pooled.contiguous().data<float>().ToArray();

        var expectedAll = expected.SelectMany(e => e).ToArray();
        var largest = expectedAll.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        output.WriteLine($"max |TorchSharp - ONNX Runtime| = {largest:E2} over {actual.Length} features (largest feature {expectedAll.Max():F3})");
        Assert.Equal(expectedAll.Length, actual.Length);
        Assert.True(largest <= 1e-4, $"max abs difference {largest:E2}");
    }

    [Fact]
    public void Stages_halve_the_map_and_any_even_side_works()
    {
        using var scope = NewDisposeScope();
        var images = rand(2, 3, 64, 96) * 2 - 1;
        using var _ = no_grad();
        var stages = PretrainedResNet.Shared.forward(images);
        Assert.Equal([2L, 64, 16, 24], stages.Layer1.shape);
        Assert.Equal([2L, 128, 8, 12], stages.Layer2.shape);
        Assert.Equal([2L, 256, 4, 6], stages.Layer3.shape);
        Assert.Equal([2L, 512, 2, 3], stages.Layer4.shape);
        Assert.Equal([2L, 512], stages.Pooled.shape);
    }

    [Fact]
    public void The_network_is_frozen_but_passes_gradients_to_its_input()
    {
        var network = PretrainedResNet.Shared;
        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        using (var scope = NewDisposeScope())
        {
            var images = (rand(1, 3, 64, 64) * 2 - 1).requires_grad_();
            network.forward(images).Pooled.sum().backward();

            Assert.All(network.parameters(), p => Assert.False(p.requires_grad));
            Assert.All(network.parameters(), p => Assert.True(p.grad is null));
            Assert.True(images.grad is { } grad && grad.abs().sum().item<float>() > 0);
            Assert.False(network.training);
        }
        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void A_missing_package_file_is_one_clear_line()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}.onnx");
        var error = Assert.Throws<UserInputException>(() => ResNet18Package.Load(missing, ResNet18Package.PreprocessingFile, CPU));
        Assert.Contains(missing, error.Message);
        Assert.Contains(ResNet18Package.Id, error.Message);
    }

    [Fact]
    public void Only_the_feature_figures_of_eval_the_perceptual_terms_and_the_damsm_encoder_on_it_load_the_network()
    {
        var source = Path.Combine(Repository.Root, "src");
        var built = $"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}";
        var loaders = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(built) && File.ReadAllText(f).Contains("ResNet18Package.Load("))
            .Select(f => Path.GetRelativePath(source, f).Replace(Path.DirectorySeparatorChar, '/')).Order().ToArray();

        // DamsmFolder hands the loader to a ResNet-18 DAMSM image encoder, which reads the network on its first image.
        Assert.Equal(["TextInpaint/Evaluation/Metrics/FeatureScorer.cs", "TextInpaint/Storage/DamsmFolder.cs",
            "TextInpaint/Training/DetailTrainingStep.cs", "TextInpaint/Training/MmflTrainingStep.cs"], loaders);
    }

    /// <summary>An RGB image [3, 224, 224] of bytes, planar: a colour gradient with seeded noise and a bright square.</summary>
    private static byte[] TestImage(int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[3 * Side * Side];
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < Side; y++)
                for (int x = 0; x < Side; x++)
                {
                    double value = 255.0 * (c == 0 ? x : c == 1 ? y : x + y) / (c == 2 ? 2 * Side : Side) + random.Next(-40, 41);
                    if (x > 60 + 20 * seed && x < 140 + 20 * seed && y > 50 && y < 120) value = 240 - 60 * c;
                    pixels[(c * Side + y) * Side + x] = (byte)Math.Clamp(value, 0, 255);
                }
        return pixels;
    }
}
