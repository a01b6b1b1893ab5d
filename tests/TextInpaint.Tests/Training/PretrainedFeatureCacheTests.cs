using TextInpaint.Data;
using TextInpaint.Data.Batching;
using TextInpaint.Losses;
using TextInpaint.Models.Damsm;
using TextInpaint.Models.Pretrained;
using TextInpaint.Runtime;
using TextInpaint.Tests.TestData;
using TextInpaint.Text;
using TextInpaint.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace TextInpaint.Tests.Training;

/// <summary>
/// DAMSM steps on the kept features of the frozen ResNet-18 (random weights here, so that no package is read):
/// the same steps as on the images, each sample and side read once.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class PretrainedFeatureCacheTests
{
    public PretrainedFeatureCacheTests() => TorchRuntime.Initialize();

    private sealed class Setup : IDisposable
    {
        public Setup(CaptionedImageDataset data, Func<Device, ResNet18Features>? load = null)
        {
            manual_seed(11);
            Text = new TextEncoder(new TextEncoderOptions(VocabularyOf(data.Data).Count, EmbeddingSize: 16, HiddenPerDirection: 8));
            Image = new ResNet18ImageEncoder(new ImageEncoderOptions(FeatureSize: 16, Network: ImageEncoderNetwork.ResNet18, InputSize: 32),
                load ?? (_ => Network()));
            Step = new DamsmTrainingStep(Text, Image, new DamsmTrainingOptions());
            Cache = new PretrainedFeatureCache(Image, data.Count);
        }

        public TextEncoder Text { get; }
        public ResNet18ImageEncoder Image { get; }
        public DamsmTrainingStep Step { get; }
        public PretrainedFeatureCache Cache { get; }

        public IEnumerable<Tensor> Parameters => Text.parameters().Concat(Image.parameters());

        public void Dispose()
        {
            Cache.Dispose();
            Step.Dispose();
            Image.Dispose();
            Text.Dispose();
        }
    }

    private static ResNet18Features Network()
    {
        manual_seed(7);
        return new ResNet18Features();
    }

    private static Vocabulary VocabularyOf(CaptionedDataset data) => TextInpaint.Text.Vocabulary.Build(data.Entries.SelectMany(e => e.Captions));

    private static CaptionedImageDataset Toy(TempFolder temp)
    {
        ToyColourSquares.Write(temp.Combine("data"), trainCount: 8, testCount: 0);
        var data = DatasetLoader.Open(temp.Combine("data"), Split.Train, DatasetLoader.Auto);
        return new CaptionedImageDataset(data, new CaptionEncoder(VocabularyOf(data)), new CaptionedImageOptions(32, Seed: 3));
    }

    [Fact]
    public void Steps_on_the_kept_features_are_the_steps_on_the_images()
    {
        using var temp = new TempFolder();
        var data = Toy(temp);
        using var onImages = new Setup(data);
        using var onFeatures = new Setup(data);
        int[] indices = [0, 1, 2, 3, 4, 5, 6, 7];
        using (StepScope.Open())
            onImages.Image.Read(zeros(1, 3, 32, 32)); // both networks are read, and seeded, before the steps draw their dropout

        for (int epoch = 0; epoch < 3; epoch++)
        {
            using var scope = StepScope.Open();
            var samples = data.Samples(epoch, indices);
            var batch = CaptionedImageBatch.Of(samples, CPU);
            var features = onFeatures.Cache.Read(samples, batch.Images);
            manual_seed(100 + epoch);
            var expected = onImages.Step.Train(batch.Captions, batch.CaptionLengths, batch.Images, batch.ClassIds);
            manual_seed(100 + epoch);
            var actual = onFeatures.Step.Train(batch.Captions, batch.CaptionLengths, features, batch.ClassIds);
            Assert.Equal(expected.Total, actual.Total, 4);
        }

        foreach (var (a, b) in onImages.Parameters.Zip(onFeatures.Parameters))
            Assert.True(a.allclose(b, rtol: 1e-4, atol: 1e-5));
    }

    [Fact]
    public void Each_sample_and_side_is_read_once_and_then_steps_leave_no_tensors_alive()
    {
        using var temp = new TempFolder();
        var data = Toy(temp);
        int reads = 0;
        using var setup = new Setup(data, _ =>
        {
            reads++;
            return Network();
        });
        int[] indices = [0, 1, 2, 3, 4, 5, 6, 7];
        var seen = new HashSet<(int, bool)>();
        var statistics = DisposeScopeManager.Statistics;
        long? live = null;

        for (int epoch = 0; epoch < 8; epoch++)
        {
            var samples = data.Samples(epoch % 4, indices);
            seen.UnionWith(samples.Select(s => (s.Index, s.Flipped)));
            DamsmLossValues values;
            using (StepScope.Open())
            {
                var batch = CaptionedImageBatch.Of(samples, CPU);
                values = setup.Step.Train(batch.Captions, batch.CaptionLengths, setup.Cache.Read(samples, batch.Images), batch.ClassIds);
            }
            Assert.True(double.IsFinite(values.Total));
            Assert.Equal(seen.Count, setup.Cache.Count);
            // The first four epochs keep every sample the last four draw again; Adam makes its state in the first steps.
            if (epoch == 4) live = statistics.ThreadTotalLiveCount;
        }

        Assert.Equal(live, statistics.ThreadTotalLiveCount);
        Assert.Equal(1, reads);
        Assert.Contains(seen, key => key.Item2);
    }

    [Fact]
    public void An_encoder_trained_from_scratch_has_no_features_to_train_on()
    {
        using var text = new TextEncoder(new TextEncoderOptions(4, EmbeddingSize: 4, HiddenPerDirection: 4));
        using var image = new ScratchImageEncoder(new ImageEncoderOptions(FeatureSize: 8, BaseWidth: 4));
        using var step = new DamsmTrainingStep(text, image, new DamsmTrainingOptions());
        using var scope = NewDisposeScope();

        Assert.Throws<InvalidOperationException>(() => step.Train(zeros(1, 2, dtype: ScalarType.Int64), ones(1, dtype: ScalarType.Int64),
            new PretrainedImageFeatures(zeros(1, 256, 2, 2), zeros(1, 512, 1, 1)), zeros(1, dtype: ScalarType.Int64)));
    }
}
