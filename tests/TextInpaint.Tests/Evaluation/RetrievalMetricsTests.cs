using TextInpaint.Evaluation;
using TextInpaint.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace TextInpaint.Tests.Evaluation;

[Collection(TorchCollection.Name)]
public sealed class RetrievalMetricsTests
{
    public RetrievalMetricsTests() => TorchRuntime.Initialize();

    [Fact]
    public void Perfect_features_give_r_precision_and_retrieval_of_one()
    {
        using var scope = NewDisposeScope();
        var features = eye(64);  // pair i: the same unit vector for image and caption, orthogonal to all others
        var classIds = Enumerable.Range(0, 64).Select(i => (long)(i % 8)).ToArray();

        var precision = RetrievalMetrics.RPrecision(features, features.clone(), classIds, seed: 1);
        var retrieval = RetrievalMetrics.Retrieval(features, features.clone());

        Assert.Equal(1.0, precision.Mean);
        Assert.Equal(0.0, precision.StandardDeviation);
        Assert.Equal(10, precision.Draws);
        Assert.Equal(1.0, retrieval.TextToImageTop1);
        Assert.Equal(1.0, retrieval.ImageToTextTop1);
        Assert.Equal(1.0, retrieval.ImageToTextTop5);
        Assert.Equal(64, retrieval.Count);
    }

    [Fact]
    public void With_fewer_than_a_hundred_other_class_captions_all_of_them_are_used_and_counted()
    {
        using var scope = NewDisposeScope();
        var features = eye(64);
        var classIds = Enumerable.Range(0, 64).Select(i => (long)(i % 8)).ToArray();

        var precision = RetrievalMetrics.RPrecision(features, features.clone(), classIds);

        Assert.Equal(57, precision.CandidatesUsed);  // own caption + the 56 captions of the 7 other classes
    }

    [Fact]
    public void Random_features_give_r_precision_near_one_in_a_hundred()
    {
        using var scope = NewDisposeScope();
        manual_seed(4);
        var images = randn(2000, 32);
        var captions = randn(2000, 32);
        var classIds = Enumerable.Range(0, 2000).Select(i => (long)(i % 20)).ToArray();

        var precision = RetrievalMetrics.RPrecision(images, captions, classIds, seed: 2);
        var retrieval = RetrievalMetrics.Retrieval(images, captions);

        Assert.Equal(100, precision.CandidatesUsed);
        Assert.InRange(precision.Mean, 0.005, 0.015);
        Assert.True(precision.StandardDeviation > 0);
        Assert.InRange(retrieval.TextToImageTop1, 0, 0.005);
        Assert.InRange(retrieval.ImageToTextTop5, 0, 0.01);
    }

    [Fact]
    public void Captions_of_the_images_own_class_are_never_distractors()
    {
        using var scope = NewDisposeScope();
        // Every image and caption of a class is the class's one-hot vector: a same-class caption would tie.
        var classIds = Enumerable.Range(0, 40).Select(i => (long)(i % 4) + 1).ToArray();
        var features = nn.functional.one_hot(tensor(classIds) - 1, 4).to(ScalarType.Float32);

        var precision = RetrievalMetrics.RPrecision(features, features.clone(), classIds);

        Assert.Equal(1.0, precision.Mean);
    }

    [Fact]
    public void Images_without_a_class_take_every_other_caption_as_a_distractor()
    {
        using var scope = NewDisposeScope();
        var classIds = new long[40];
        var features = eye(40);

        var precision = RetrievalMetrics.RPrecision(features, features.clone(), classIds, candidates: 100);

        Assert.Equal(40, precision.CandidatesUsed);
        Assert.Equal(1.0, precision.Mean);
    }

    [Fact]
    public void Ties_count_as_a_fair_guess()
    {
        using var scope = NewDisposeScope();
        var features = ones(500, 8);
        var classIds = Enumerable.Range(0, 500).Select(i => (long)(i % 5)).ToArray();

        var precision = RetrievalMetrics.RPrecision(features, features.clone(), classIds);
        var retrieval = RetrievalMetrics.Retrieval(features, features.clone());

        Assert.Equal(0.01, precision.Mean, 9);
        Assert.Equal(1.0 / 500, retrieval.TextToImageTop1, 9);
        Assert.Equal(5.0 / 500, retrieval.ImageToTextTop5, 9);
    }

    [Fact]
    public void The_oracle_is_one_when_no_distractor_is_true_and_one_in_a_hundred_when_all_are()
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        var images = randn(300, 16);
        var captions = randn(300, 16);
        var classIds = Enumerable.Range(0, 300).Select(i => (long)(i % 10)).ToArray();

        var noneTrue = RetrievalMetrics.RPrecision(images, captions, classIds, captionIsTrueOf: (i, c) => i == c);
        var allTrue = RetrievalMetrics.RPrecision(images, captions, classIds, captionIsTrueOf: (_, _) => true);
        var withoutOracle = RetrievalMetrics.RPrecision(images, captions, classIds);

        Assert.Equal(1.0, noneTrue.OracleMean);
        Assert.Equal(0.0, noneTrue.OracleStandardDeviation);
        Assert.Equal(0.01, allTrue.OracleMean!.Value, 9);
        Assert.Null(withoutOracle.OracleMean);
        Assert.Equal(withoutOracle.Mean, noneTrue.Mean);  // the oracle does not change the draws
    }

    [Fact]
    public void The_oracle_counts_true_distractors_in_the_same_draws()
    {
        using var scope = NewDisposeScope();
        // Classes 0..9, ten images each; a caption is "true" of an image when their classes differ by 5:
        // 10 of the 90 other-class captions, so a 99-caption draw holds all 10 and the oracle is 1/11.
        var classIds = Enumerable.Range(0, 100).Select(i => (long)(i / 10)).ToArray();
        var features = randn(100, 8);

        var precision = RetrievalMetrics.RPrecision(features, features.clone(), classIds,
            captionIsTrueOf: (i, c) => i == c || Math.Abs(classIds[i] - classIds[c]) == 5);

        Assert.Equal(91, precision.CandidatesUsed);
        Assert.Equal(1.0 / 11, precision.OracleMean!.Value, 9);
    }

    [Fact]
    public void The_same_seed_gives_the_same_draws_and_another_seed_other_draws()
    {
        using var scope = NewDisposeScope();
        manual_seed(6);
        var images = randn(400, 4);
        var captions = randn(400, 4);
        var classIds = Enumerable.Range(0, 400).Select(i => (long)(i % 4)).ToArray();

        var first = RetrievalMetrics.RPrecision(images, captions, classIds, seed: 7);
        var again = RetrievalMetrics.RPrecision(images, captions, classIds, seed: 7);
        var other = RetrievalMetrics.RPrecision(images, captions, classIds, seed: 8);

        Assert.Equal(first, again);
        Assert.NotEqual(first.Mean, other.Mean);
    }
}
