using TextInpaint.Evaluation.Metrics;
using TextInpaint.Imaging;
using TextInpaint.Tests.Models.Pretrained;
using TorchSharp;
using Xunit.Abstractions;

namespace TextInpaint.Tests.Evaluation.Metrics;

[Collection(TorchCollection.Name)]
public sealed class FeatureDistancesTests(ITestOutputHelper output)
{
    private const int Side = 64;

    [Fact]
    public void Sets_that_differ_only_in_their_means_are_as_far_as_the_means_squared_distance()
    {
        var random = new Random(5);
        var first = Enumerable.Range(0, 40).Select(_ => Enumerable.Range(0, 3).Select(_ => (float)random.NextDouble()).ToArray()).ToList();
        var second = first.Select(v => new[] { v[0] + 1f, v[1] - 2f, v[2] }).ToList();

        Assert.Equal(5, FrechetDistance.Between(first, second), 4);
        Assert.Equal(0, FrechetDistance.Between(first, first), 9);
        Assert.True(double.IsNaN(FrechetDistance.Between(first.Take(1).ToList(), second)));
    }

    [Fact]
    public void Identical_sets_are_at_distance_zero_and_the_distances_grow_with_noise_and_blur()
    {
        var truths = Enumerable.Range(0, 8).Select(MadeImage).ToArray();
        var scorer = new FeatureScorer(PretrainedResNet.Shared);
        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        var scores = scorer.Score(truths, [
            truths,
            truths.Select((t, i) => Noisy(t, 12, i)).ToArray(),
            truths.Select((t, i) => Noisy(t, 40, i)).ToArray(),
            truths.Select(t => Blurred(t, 1)).ToArray(),
            truths.Select(t => Blurred(t, 3)).ToArray(),
        ]);
        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);

        var summaries = scores.Select(set =>
        {
            var accumulator = new FeatureAccumulator();
            foreach (var score in set) accumulator.Add(score);
            return accumulator.Compute();
        }).ToArray();
        foreach (var (s, name) in summaries.Zip(new[] { "same", "noise 12", "noise 40", "blur 1", "blur 3" }))
            output.WriteLine($"{name}: FID (ResNet-18) {s.Frechet:G4}, feature distance {s.Distance:G4}");

        // Rounding in the eigenvalues near zero of a rank-deficient covariance (8 images, 512 features) leaves a trace of a few 1e-5.
        Assert.InRange(summaries[0].Frechet, -1e-3, 1e-3);
        Assert.InRange(summaries[0].Distance, 0, 1e-9);
        Assert.All(summaries, s => Assert.Equal(8, s.Images));
        foreach (var (weaker, stronger) in new[] { (0, 1), (1, 2), (0, 3), (3, 4) })
        {
            Assert.True(summaries[weaker].Frechet < summaries[stronger].Frechet, $"FID: set {weaker} is not nearer than set {stronger}");
            Assert.True(summaries[weaker].Distance < summaries[stronger].Distance, $"distance: set {weaker} is not nearer than set {stronger}");
        }
    }

    /// <summary>A 64×64 picture: a two-colour gradient with a disc and a bar whose places and colours vary with the seed.</summary>
    private static RgbImage MadeImage(int seed)
    {
        var random = new Random(seed);
        var image = new RgbImage(Side, Side);
        byte[] top = [.. Enumerable.Range(0, 3).Select(_ => (byte)random.Next(256))], bottom = [.. Enumerable.Range(0, 3).Select(_ => (byte)random.Next(256))];
        byte[] disc = [.. Enumerable.Range(0, 3).Select(_ => (byte)random.Next(256))], bar = [.. Enumerable.Range(0, 3).Select(_ => (byte)random.Next(256))];
        int cx = random.Next(16, 48), cy = random.Next(16, 48), radius = random.Next(6, 14), barY = random.Next(4, 56);
        for (int y = 0; y < Side; y++)
            for (int x = 0; x < Side; x++)
                for (int c = 0; c < 3; c++)
                {
                    double value = top[c] + (bottom[c] - top[c]) * y / (Side - 1.0);
                    if ((x - cx) * (x - cx) + (y - cy) * (y - cy) < radius * radius) value = disc[c];
                    else if (Math.Abs(y - barY) < 3 && x > 8 && x < 56) value = bar[c];
                    image.Pixels[3 * (y * Side + x) + c] = (byte)value;
                }
        return image;
    }

    /// <summary>The image with seeded Gaussian noise of standard deviation <paramref name="sigma"/> (in 0-255 steps) added.</summary>
    private static RgbImage Noisy(RgbImage image, double sigma, int seed)
    {
        var random = new Random(1000 + seed);
        var pixels = image.Pixels.Select(p =>
        {
            double gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            return (byte)Math.Clamp(Math.Round(p + sigma * gaussian), 0, 255);
        }).ToArray();
        return new RgbImage(image.Width, image.Height, pixels);
    }

    /// <summary>The image after <paramref name="passes"/> passes of a 3×3 box blur (edges clamped).</summary>
    private static RgbImage Blurred(RgbImage image, int passes)
    {
        var current = image;
        for (int pass = 0; pass < passes; pass++)
        {
            var next = new RgbImage(Side, Side);
            for (int y = 0; y < Side; y++)
                for (int x = 0; x < Side; x++)
                    for (int c = 0; c < 3; c++)
                    {
                        int sum = 0;
                        for (int dy = -1; dy <= 1; dy++)
                            for (int dx = -1; dx <= 1; dx++)
                                sum += current.Pixels[3 * (Math.Clamp(y + dy, 0, Side - 1) * Side + Math.Clamp(x + dx, 0, Side - 1)) + c];
                        next.Pixels[3 * (y * Side + x) + c] = (byte)Math.Round(sum / 9.0);
                    }
            current = next;
        }
        return current;
    }
}
