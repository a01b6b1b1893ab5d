using TextInpaint.Evaluation;
using TextInpaint.Losses;
using TextInpaint.Models.Damsm;
using TextInpaint.Runtime;
using TextInpaint.Training;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace TextInpaint.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class DamsmTrainingStepTests
{
    private readonly ITestOutputHelper output;

    public DamsmTrainingStepTests(ITestOutputHelper output)
    {
        TorchRuntime.Initialize();
        this.output = output;
    }

    [Fact]
    public void A_step_at_learning_rate_zero_leaves_the_weights_as_they_were()
    {
        manual_seed(3);
        using var text = new TextEncoder(new TextEncoderOptions(VocabularySize: ToySquares.VocabularySize, EmbeddingSize: 16, HiddenPerDirection: 16));
        using var image = new ScratchImageEncoder(new ImageEncoderOptions(FeatureSize: 32, BaseWidth: 8));
        using var step = new DamsmTrainingStep(text, image, new DamsmTrainingOptions());
        using var batch = ToySquares.Make(count: 8, seed: 4);
        step.Train(batch.Tokens, batch.Lengths, batch.Images, batch.ClassIds);
        var before = text.parameters().Concat(image.parameters()).Select(p => p.detach().clone()).ToList();

        step.LearningRate = 0;
        step.Train(batch.Tokens, batch.Lengths, batch.Images, batch.ClassIds);

        Assert.Equal(0, step.LearningRate);
        foreach (var (was, now) in before.Zip(text.parameters().Concat(image.parameters())))
            Assert.True(was.allclose(now, rtol: 0, atol: 0));
        step.LearningRate = 1e-3;
        step.Train(batch.Tokens, batch.Lengths, batch.Images, batch.ClassIds);
        Assert.Contains(before.Zip(text.parameters()), pair => !pair.First.allclose(pair.Second, rtol: 0, atol: 0));
    }

    [Fact]
    public void Training_and_evaluation_steps_leave_no_tensors_alive()
    {
        manual_seed(1);
        using var text = new TextEncoder(new TextEncoderOptions(VocabularySize: ToySquares.VocabularySize, EmbeddingSize: 16, HiddenPerDirection: 16));
        using var image = new ScratchImageEncoder(new ImageEncoderOptions(FeatureSize: 32, BaseWidth: 8));
        using var step = new DamsmTrainingStep(text, image, new DamsmTrainingOptions());
        using var batch = ToySquares.Make(count: 8, seed: 2);
        var statistics = DisposeScopeManager.Statistics;

        long? liveAfterWarmUp = null;
        for (var i = 0; i < 30; i++)
        {
            DamsmLossValues values;
            using (StepScope.Open())
                values = step.Train(batch.Tokens, batch.Lengths, batch.Images, batch.ClassIds);
            step.Evaluate(batch.Tokens, batch.Lengths, batch.Images, batch.ClassIds);
            Assert.True(double.IsFinite(values.Total));
            // Adam makes its state tensors during the first steps; from then on the count must stay flat.
            if (i == 4) liveAfterWarmUp = statistics.ThreadTotalLiveCount;
        }

        Assert.Equal(liveAfterWarmUp, statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void A_batch_whose_loss_is_not_finite_leaves_the_weights_as_they_were()
    {
        manual_seed(4);
        using var text = new TextEncoder(new TextEncoderOptions(VocabularySize: ToySquares.VocabularySize, EmbeddingSize: 16, HiddenPerDirection: 16));
        using var image = new ScratchImageEncoder(new ImageEncoderOptions(FeatureSize: 32, BaseWidth: 8));
        using var step = new DamsmTrainingStep(text, image, new DamsmTrainingOptions());
        using var batch = ToySquares.Make(count: 8, seed: 2);
        using var broken = batch.Images.clone();
        broken[0, 0, 0, 0] = tensor(float.NaN);
        var before = image.parameters().Concat(text.parameters()).Select(p => p.detach().clone()).ToArray();

        var values = step.Train(batch.Tokens, batch.Lengths, broken, batch.ClassIds);

        Assert.False(double.IsFinite(values.Total));
        var after = image.parameters().Concat(text.parameters()).ToArray();
        Assert.All(before.Zip(after), pair => Assert.True(pair.First.eq(pair.Second).all().ToBoolean()));
        Assert.True(double.IsFinite(step.Train(batch.Tokens, batch.Lengths, batch.Images, batch.ClassIds).Total));
        foreach (var tensor in before) tensor.Dispose();
    }

    [Fact]
    public void Text_gradients_are_clipped_to_the_configured_norm()
    {
        manual_seed(3);
        using var text = new TextEncoder(new TextEncoderOptions(VocabularySize: ToySquares.VocabularySize, EmbeddingSize: 16, HiddenPerDirection: 16));
        using var image = new ScratchImageEncoder(new ImageEncoderOptions(FeatureSize: 32, BaseWidth: 8));
        using var step = new DamsmTrainingStep(text, image, new DamsmTrainingOptions(LearningRate: 0, TextGradientClip: 1e-3));
        using var batch = ToySquares.Make(count: 8, seed: 4);

        step.Train(batch.Tokens, batch.Lengths, batch.Images, batch.ClassIds);

        using var scope = NewDisposeScope();
        var squaredNorm = text.parameters().Select(p => p.grad!.square().sum().ToDouble()).Sum();
        Assert.InRange(Math.Sqrt(squaredNorm), 1e-4, 1.001e-3);
    }

    [Fact]
    public void A_short_training_run_on_coloured_squares_lifts_r_precision_far_above_chance()
    {
        manual_seed(5);
        using var text = new TextEncoder(new TextEncoderOptions(VocabularySize: ToySquares.VocabularySize, EmbeddingSize: 32, HiddenPerDirection: 32));
        using var image = new ScratchImageEncoder(new ImageEncoderOptions(FeatureSize: 64, BaseWidth: 16));
        using var step = new DamsmTrainingStep(text, image, new DamsmTrainingOptions());
        using var heldOut = ToySquares.Make(count: 80, seed: 1000);

        var before = HeldOutRPrecision(text, image, heldOut);
        DamsmLossValues? first = null, last = null;
        for (var i = 0; i < 60; i++)
        {
            using var batch = ToySquares.Make(count: 32, seed: i);
            last = step.Train(batch.Tokens, batch.Lengths, batch.Images, batch.ClassIds);
            first ??= last;
        }
        var after = HeldOutRPrecision(text, image, heldOut);
        output.WriteLine($"R-precision {before.Mean:F3} before training, {after.Mean:F3} after; " +
            $"loss {first!.Total:F3} at the first step, {last!.Total:F3} at the last");

        // 80 held-out pairs, 10 per class: each image's caption competes with the 70 of other classes (chance 1/71).
        Assert.Equal(71, after.CandidatesUsed);
        Assert.True(after.Mean > 0.6, $"R-precision {before.Mean:F3} before training, {after.Mean:F3} after");
        Assert.True(after.Mean > before.Mean + 0.3, $"R-precision {before.Mean:F3} before training, {after.Mean:F3} after");
        Assert.True(last!.Total < first!.Total, $"loss {first.Total:F3} at the first step, {last.Total:F3} at the last");
    }

    private static RPrecisionResult HeldOutRPrecision(TextEncoder text, ImageEncoder image, ToySquares heldOut)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        text.eval();
        image.eval();
        var sentences = text.forward(heldOut.Tokens, heldOut.Lengths).Sentence;
        var globals = image.forward(heldOut.Images).Global;
        return RetrievalMetrics.RPrecision(globals, sentences, heldOut.ClassIds.data<long>().ToArray(), seed: 1);
    }

    /// <summary>
    /// 32×32 images of a square of one colour on a background of another, captioned
    /// "red square on blue" and so on: 8 classes (colour pairs) over a 6-word vocabulary.
    /// </summary>
    private sealed class ToySquares : IDisposable
    {
        public const int VocabularySize = 7;  // 0 padding, square, on, and four colours
        private const long Square = 1, On = 2;
        private static readonly float[][] Colours = [[1, -1, -1], [-1, 1, -1], [-1, -1, 1], [1, 1, -1]];  // red, green, blue, yellow
        private static readonly (int Square, int Background)[] Classes = [(0, 2), (2, 0), (1, 3), (3, 1), (0, 1), (1, 0), (2, 3), (3, 2)];

        private ToySquares(Tensor tokens, Tensor lengths, Tensor images, Tensor classIds) =>
            (Tokens, Lengths, Images, ClassIds) = (tokens, lengths, images, classIds);

        public Tensor Tokens { get; }
        public Tensor Lengths { get; }
        public Tensor Images { get; }
        public Tensor ClassIds { get; }

        /// <summary>count pairs, classes in turn, with seeded square positions and sizes and pixel noise.</summary>
        public static ToySquares Make(int count, int seed)
        {
            const int size = 32;
            var random = new Random(seed);
            var pixels = new float[count * 3 * size * size];
            var tokens = new long[count * 4];
            var classIds = new long[count];
            for (var n = 0; n < count; n++)
            {
                var classId = n % Classes.Length;
                var (square, background) = Classes[classId];
                classIds[n] = classId;
                tokens[4 * n] = 3 + square;
                tokens[4 * n + 1] = Square;
                tokens[4 * n + 2] = On;
                tokens[4 * n + 3] = 3 + background;
                var side = random.Next(10, 17);
                var (top, left) = (random.Next(0, size - side), random.Next(0, size - side));
                for (var c = 0; c < 3; c++)
                    for (var y = 0; y < size; y++)
                        for (var x = 0; x < size; x++)
                        {
                            var inside = y >= top && y < top + side && x >= left && x < left + side;
                            var colour = Colours[inside ? square : background][c];
                            pixels[((n * 3 + c) * size + y) * size + x] = colour * 0.8f + (float)(random.NextDouble() - 0.5) * 0.2f;
                        }
            }
            return new ToySquares(
                tensor(tokens).reshape(count, 4),
                full(count, 4L, dtype: ScalarType.Int64),
                tensor(pixels).reshape(count, 3, size, size),
                tensor(classIds));
        }

        public void Dispose()
        {
            Tokens.Dispose();
            Lengths.Dispose();
            Images.Dispose();
            ClassIds.Dispose();
        }
    }
}
