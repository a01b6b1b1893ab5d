using TextInpaint.Losses;
using TextInpaint.Models.Damsm;
using TextInpaint.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace TextInpaint.Tests.Losses;

[Collection(TorchCollection.Name)]
public sealed class DamsmLossTests
{
    public DamsmLossTests() => TorchRuntime.Initialize();

    /// <summary>
    /// Expected values printed by tests/reference/damsm_reference.py (an independent float64
    /// reference written from the formulas, caption by caption, run with Debian's PyTorch 1.13:
    /// `/usr/bin/python3 tests/reference/damsm_reference.py`), on the same formula-made inputs.
    /// Case A has fewer regions than channels, case B more (the two ways of computing |c|).
    /// </summary>
    [Theory]
    [InlineData(new long[] { 4, 6, 5, 4 }, new long[] { 4, 2, 1, 3 }, new long[] { 1, 2, 1, 3 }, 5.0,
        new[] { 10.28940091, 8.28407340, 0.80745373, 0.45765498 })]
    [InlineData(new long[] { 3, 4, 7, 3 }, new long[] { 3, 1, 2 }, new long[] { 1, 1, 2 }, 4.0,
        new[] { 2.04089382, 1.19742194, 0.01740876, 0.77426005 })]
    public void Loss_terms_match_an_independent_reference_implementation(long[] sizes, long[] lengths, long[] classIds, double gamma1, double[] expected)
    {
        using var scope = NewDisposeScope();
        var (B, D, R, T) = (sizes[0], sizes[1], sizes[2], sizes[3]);
        var regions = Formula([B, D, R], 0.37, 0.11, Math.Sin);
        var globalImage = Formula([B, D], 0.53, 0.30, Math.Sin);
        var words = Formula([B, D, T], 0.29, 0.07, Math.Cos);  // padding positions hold values: they must be ignored
        var sentence = Formula([B, D], 0.41, 0.20, Math.Cos);

        var terms = new DamsmLoss(new DamsmMatchingOptions(Gamma1: gamma1, Gamma2: 5, Gamma3: 10))
            .Compute(regions, globalImage, words, tensor(lengths), sentence, tensor(classIds));

        Assert.Equal(expected[0], terms.WordImageToText.ToDouble(), 1e-4);
        Assert.Equal(expected[1], terms.WordTextToImage.ToDouble(), 1e-4);
        Assert.Equal(expected[2], terms.SentenceImageToText.ToDouble(), 1e-4);
        Assert.Equal(expected[3], terms.SentenceTextToImage.ToDouble(), 1e-4);
        Assert.Equal(expected.Sum(), terms.Total.ToDouble(), 1e-3);
        Assert.Equal(expected.Sum(), terms.ToValues().Total, 1e-3);
    }

    [Fact]
    public void Words_past_a_captions_length_do_not_change_the_loss()
    {
        using var scope = NewDisposeScope();
        var (regions, globalImage, words, lengths, sentence, classIds) = RandomBatch(batch: 5, length: 7, seed: 3);
        var loss = new DamsmLoss(new DamsmMatchingOptions());
        var positions = arange(7).unsqueeze(0).unsqueeze(0);
        var padding = positions.ge(lengths.unsqueeze(1).unsqueeze(2));
        var otherPadding = words.masked_fill(padding, 123.0f);

        var before = loss.Compute(regions, globalImage, words, lengths, sentence, classIds).Total.ToDouble();
        var after = loss.Compute(regions, globalImage, otherPadding, lengths, sentence, classIds).Total.ToDouble();

        Assert.Equal(before, after, 5);
    }

    [Fact]
    public void A_batch_of_one_has_no_negatives_and_a_loss_of_zero()
    {
        using var scope = NewDisposeScope();
        var (regions, globalImage, words, lengths, sentence, classIds) = RandomBatch(batch: 1, length: 4, seed: 5);

        var terms = new DamsmLoss(new DamsmMatchingOptions()).Compute(regions, globalImage, words, lengths, sentence, classIds);
        terms.Total.backward();

        Assert.Equal(0.0, terms.Total.ToDouble(), 6);
        AssertFiniteGradients(regions, globalImage, words, sentence);
    }

    [Fact]
    public void When_every_image_has_the_same_class_all_negatives_are_masked_and_the_loss_is_zero()
    {
        using var scope = NewDisposeScope();
        var (regions, globalImage, words, lengths, sentence, _) = RandomBatch(batch: 6, length: 5, seed: 7);
        var oneClass = full(6, 3L, dtype: ScalarType.Int64);

        var terms = new DamsmLoss(new DamsmMatchingOptions()).Compute(regions, globalImage, words, lengths, sentence, oneClass);
        terms.Total.backward();

        Assert.Equal(0.0, terms.Total.ToDouble(), 6);
        AssertFiniteGradients(regions, globalImage, words, sentence);
    }

    [Fact]
    public void Captions_of_one_word_with_zero_padding_give_a_finite_loss_and_finite_gradients()
    {
        using var scope = NewDisposeScope();
        var (regions, globalImage, _, _, sentence, classIds) = RandomBatch(batch: 4, length: 6, seed: 9);
        // As the text encoder gives them: word features are exactly zero at padding positions.
        var words = cat([randn(4, 16, 1), zeros(4, 16, 5)], 2).requires_grad_();
        var lengths = ones(4, dtype: ScalarType.Int64);

        var terms = new DamsmLoss(new DamsmMatchingOptions()).Compute(regions, globalImage, words, lengths, sentence, classIds);
        terms.Total.backward();

        Assert.True(double.IsFinite(terms.Total.ToDouble()));
        Assert.True(terms.Word.ToDouble() > 0);
        AssertFiniteGradients(regions, globalImage, words, sentence);
    }

    [Fact]
    public void Word_attention_maps_give_each_real_word_a_distribution_over_its_own_images_regions()
    {
        using var scope = NewDisposeScope();
        var (regions, _, words, lengths, _, _) = RandomBatch(batch: 3, length: 5, seed: 11);

        var attention = new DamsmMatchingOptions().OwnWordAttention(regions, words, lengths);

        Assert.Equal(new long[] { 3, 5, 9 }, attention.shape);
        var rowSums = attention.sum(2);
        var lengthValues = lengths.data<long>().ToArray();
        for (var b = 0; b < 3; b++)
            for (var t = 0; t < 5; t++)
                Assert.Equal(t < lengthValues[b] ? 1.0 : 0.0, rowSums[b, t].ToDouble(), 5);
    }

    [Fact]
    public void Matched_features_score_a_lower_loss_than_mismatched_ones()
    {
        using var scope = NewDisposeScope();
        var (regions, globalImage, words, lengths, _, classIds) = RandomBatch(batch: 6, length: 4, seed: 13);
        var loss = new DamsmLoss(new DamsmMatchingOptions());
        // Sentence feature equal to its own image's global feature: sentence terms near their minimum.
        var matched = loss.Compute(regions, globalImage, words, lengths, globalImage.detach().clone(), classIds);
        var shuffled = loss.Compute(regions, globalImage, words, lengths, globalImage.detach().roll(1, 0), classIds);

        Assert.True(matched.Sentence.ToDouble() < 0.01);
        Assert.True(shuffled.Sentence.ToDouble() > 10);
    }

    internal static Tensor Formula(long[] shape, double scale, double offset, Func<double, double> function)
    {
        var count = shape.Aggregate(1L, (a, b) => a * b);
        var values = new float[count];
        for (var i = 0; i < count; i++) values[i] = (float)function(scale * i + offset);
        return tensor(values).reshape(shape).requires_grad_();
    }

    private static (Tensor Regions, Tensor Global, Tensor Words, Tensor Lengths, Tensor Sentence, Tensor ClassIds) RandomBatch(int batch, int length, int seed)
    {
        manual_seed(seed);
        const int D = 16, R = 9;  // fewer regions than channels, as at 64 × 64 inputs
        var lengths = randint(1, length + 1, [batch], dtype: ScalarType.Int64);
        var classIds = arange(batch, dtype: ScalarType.Int64).remainder(3) + 1;
        return (randn(batch, D, R).requires_grad_(), randn(batch, D).requires_grad_(), randn(batch, D, length).requires_grad_(),
            lengths, randn(batch, D).requires_grad_(), classIds);
    }

    private static void AssertFiniteGradients(params Tensor[] inputs)
    {
        foreach (var input in inputs)
        {
            Assert.NotNull(input.grad);
            Assert.True(input.grad!.isfinite().all().ToBoolean(), "a gradient holds NaN or infinity");
        }
    }
}
