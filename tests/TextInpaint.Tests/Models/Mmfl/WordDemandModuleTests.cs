using TextInpaint.Models.Mmfl;
using TextInpaint.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace TextInpaint.Tests.Models.Mmfl;

[Collection(TorchCollection.Name)]
public sealed class WordDemandModuleTests
{
    public WordDemandModuleTests() => TorchRuntime.Initialize();

    [Fact]
    public void It_starts_as_the_identity_because_gamma_starts_at_zero()
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        using var module = new WordDemandModule(imageChannels: 16, wordDim: 10);
        var words = randn(3, 10, 6);
        var realWords = WordAttention.RealWords(tensor(new long[] { 6, 4, 1 }), 6, CPU);

        var (reweighted, _) = module.forward(randn(3, 16, 4, 4), words, realWords);

        Assert.Equal(0, module.Gamma!.ToDouble());
        Assert.True(reweighted.eq(words).all().ToBoolean());
    }

    [Fact]
    public void Demand_weights_sum_to_one_over_real_words_and_are_zero_on_padding()
    {
        using var scope = NewDisposeScope();
        manual_seed(6);
        using var module = new WordDemandModule(imageChannels: 16, wordDim: 10);
        var realWords = WordAttention.RealWords(tensor(new long[] { 6, 4, 1 }), 6, CPU);

        var (_, demand) = module.forward(randn(3, 16, 4, 4), randn(3, 10, 6), realWords);

        Assert.Equal([3, 6], demand.shape);
        Assert.Equal(0, demand[1, 4..].abs().sum().ToDouble());
        Assert.Equal(0, demand[2, 1..].abs().sum().ToDouble());
        Assert.Equal(1, demand[2, 0].ToDouble(), 6);
        Assert.True(demand[0].min().ToDouble() > 0);
        Assert.True(allclose(demand.sum(1), ones(3), rtol: 0, atol: 1e-5));
    }

    [Fact]
    public void With_a_nonzero_gamma_words_are_scaled_by_their_demand()
    {
        using var scope = NewDisposeScope();
        manual_seed(7);
        using var module = new WordDemandModule(imageChannels: 16, wordDim: 10);
        using (no_grad()) module.Gamma!.fill_(2);
        var words = randn(2, 10, 5);
        var realWords = WordAttention.RealWords(tensor(new long[] { 5, 2 }), 5, CPU);

        var (reweighted, demand) = module.forward(randn(2, 16, 4, 4), words, realWords);

        var expected = words * (1 + 2 * demand.unsqueeze(1));
        Assert.True(allclose(reweighted, expected, rtol: 0, atol: 1e-5));
        Assert.True(reweighted[1, .., 2..].eq(words[1, .., 2..]).all().ToBoolean());
    }

    [Fact]
    public void Independent_gates_scale_each_word_by_its_own_demand_and_zero_padding()
    {
        using var scope = NewDisposeScope();
        manual_seed(8);
        using var module = new WordDemandModule(imageChannels: 16, wordDim: 10, independentGates: true);
        var words = randn(2, 10, 5);
        var realWords = WordAttention.RealWords(tensor(new long[] { 5, 2 }), 5, CPU);

        var (reweighted, demand) = module.forward(randn(2, 16, 4, 4), words, realWords);

        Assert.Null(module.Gamma);
        Assert.Equal(0, demand[1, 2..].abs().sum().ToDouble());
        Assert.True(demand[0].min().ToDouble() > 0 && demand[0].max().ToDouble() < 1);
        Assert.True(allclose(reweighted, words * demand.unsqueeze(1), rtol: 0, atol: 1e-6));
        Assert.False(allclose(demand[0], demand[0, 0].expand(5), rtol: 0, atol: 1e-4), "the words' gates should differ");
    }

    [Fact]
    public void Independent_gates_depend_on_the_image()
    {
        using var scope = NewDisposeScope();
        manual_seed(9);
        using var module = new WordDemandModule(imageChannels: 16, wordDim: 10, independentGates: true);
        var words = randn(1, 10, 4);
        var realWords = WordAttention.RealWords(tensor(new long[] { 4 }), 4, CPU);
        var image = randn(1, 16, 4, 4);
        var masked = image.clone();
        masked[.., .., ..2, ..2] = zeros(1, 16, 2, 2);

        var (_, before) = module.forward(image, words, realWords);
        var (_, after) = module.forward(masked, words, realWords);

        Assert.True((before - after).abs().max().ToDouble() > 1e-3);
    }

    [Fact]
    public void Demand_shares_average_one_over_the_real_words_and_scale_them()
    {
        using var scope = NewDisposeScope();
        manual_seed(10);
        using var module = new WordDemandModule(imageChannels: 16, wordDim: 10, independentGates: true, shares: true);
        var words = randn(3, 10, 6);
        var realWords = WordAttention.RealWords(tensor(new long[] { 6, 4, 1 }), 6, CPU);

        var (reweighted, demand) = module.forward(randn(3, 16, 4, 4), words, realWords);

        Assert.True(allclose(demand.sum(1), tensor(new[] { 6f, 4f, 1f }), rtol: 0, atol: 1e-5));
        Assert.Equal(0, demand[1, 4..].abs().sum().ToDouble());
        Assert.Equal(1, demand[2, 0].ToDouble(), 5);
        Assert.True(allclose(reweighted, words * demand.unsqueeze(1), rtol: 0, atol: 1e-6));
        Assert.False(allclose(demand[0], ones(6), rtol: 0, atol: 1e-4), "the words' shares should differ");
    }

    [Fact]
    public void With_shares_raising_one_words_demand_lowers_the_others()
    {
        using var scope = NewDisposeScope();
        manual_seed(11);
        using var module = new WordDemandModule(imageChannels: 16, wordDim: 10, independentGates: true, shares: true);
        var words = randn(1, 10, 4);
        var realWords = WordAttention.RealWords(tensor(new long[] { 4 }), 4, CPU);
        var image = randn(1, 16, 4, 4);
        var louder = words.clone();
        // A word's score is a dot product with it, so scaling the word up raises the score's size.
        louder[.., .., 0] = words[.., .., 0] * 4;

        var (_, before) = module.forward(image, words, realWords);
        var (_, after) = module.forward(image, louder, realWords);

        Assert.True(allclose(after.sum(), before.sum(), rtol: 0, atol: 1e-5));
        var change = (after - before)[0];
        Assert.True(change[0].abs().ToDouble() > 1e-3);
        Assert.True((change[1..] * change[0].sign()).max().ToDouble() < 0, "the other words should move the other way");
    }

    [Fact]
    public void Reading_the_shown_match_starts_from_the_same_demand_and_can_lower_a_word_the_image_shows()
    {
        using var scope = NewDisposeScope();
        manual_seed(12);
        using var plain = new WordDemandModule(imageChannels: 16, wordDim: 10, independentGates: true);
        manual_seed(12);
        using var reading = new WordDemandModule(imageChannels: 16, wordDim: 10, independentGates: true, readsShownMatch: true);
        var image = randn(1, 16, 4, 4);
        var words = randn(1, 10, 3);
        var realWords = WordAttention.RealWords(tensor(new long[] { 3 }), 3, CPU);
        var shownMatch = tensor(new float[] { 0.9f, 0.1f, 0.1f }).unsqueeze(0);   // the image shows word 0

        var (_, plainDemand) = plain.forward(image, words, realWords);
        var (_, startDemand) = reading.forward(image, words, realWords, shownMatch);
        Assert.True(allclose(startDemand, plainDemand, rtol: 0, atol: 1e-6), "the added weight starts at zero");

        var weight = reading.named_parameters().Single(p => p.name == "shownMatchWeight.bias").parameter;
        using (no_grad()) weight.fill_(-4 / WordDemandModule.ShownMatchGain);
        var (_, demand) = reading.forward(image, words, realWords, shownMatch);

        // Each gate's logit moves by the word's weight times its match: -3.6 for the shown word, -0.4 for the others.
        var shift = demand.logit() - plainDemand.logit();
        Assert.True(allclose(shift, tensor(new float[] { -3.6f, -0.4f, -0.4f }).unsqueeze(0), rtol: 0, atol: 1e-3),
            $"logit shifts {string.Join(", ", shift.data<float>().ToArray().Select(v => v.ToString("F3")))}");
        Assert.Throws<ArgumentNullException>(() => reading.forward(image, words, realWords));
    }

    [Fact]
    public void Shares_without_independent_gates_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new WordDemandModule(imageChannels: 16, wordDim: 10, independentGates: false, shares: true));

        Assert.Contains("independent gates", error.Message);
    }
}

[Collection(TorchCollection.Name)]
public sealed class RegionAffinityWordDemandTests
{
    public RegionAffinityWordDemandTests() => TorchRuntime.Initialize();

    private static Tensor RealWords() => WordAttention.RealWords(tensor(new long[] { 5, 3 }), 5, CPU);

    [Fact]
    public void It_starts_as_the_identity_with_a_uniform_demand()
    {
        using var scope = NewDisposeScope();
        manual_seed(7);
        using var module = new RegionAffinityWordDemand(imageChannels: 16);
        var words = randn(2, 16, 5);

        var (reweighted, demand) = module.forward(randn(2, 16, 4, 4), words, RealWords());

        Assert.True(reweighted.eq(words).all().ToBoolean());
        Assert.True(demand[0].allclose(full(5, 0.2f)));
        Assert.True(demand[1].allclose(tensor(new[] { 1 / 3f, 1 / 3f, 1 / 3f, 0, 0 })));
    }

    [Fact]
    public void The_affinity_mixes_each_words_features_by_rows_that_sum_to_one()
    {
        using var scope = NewDisposeScope();
        manual_seed(8);
        using var module = new RegionAffinityWordDemand(imageChannels: 16);
        using (no_grad()) module.Gamma.fill_(0.5);
        // Word l has every feature equal to l + 1: a row-stochastic mix leaves it so, and
        // gamma * A * T + T makes it 1.5 (l + 1).
        var words = (arange(5, dtype: ScalarType.Float32) + 1).expand(2, 16, 5).contiguous();

        var (reweighted, demand) = module.forward(randn(2, 16, 4, 4), words, RealWords());

        Assert.True(reweighted.allclose(words * 1.5, atol: 1e-5));
        // The change is 0.5 (l + 1) on all 16 features: its size grows with l.
        Assert.True(demand[0].allclose(tensor(new[] { 1, 2, 3, 4, 5f }) / 15, atol: 1e-6));
        Assert.Equal(0, demand[1, 3..].abs().sum().ToDouble());
    }

    [Fact]
    public void A_map_whose_positions_do_not_match_the_word_features_is_refused()
    {
        using var scope = NewDisposeScope();
        using var module = new RegionAffinityWordDemand(imageChannels: 16);

        var error = Assert.Throws<ArgumentException>(() => module.forward(randn(2, 16, 8, 8), randn(2, 16, 5), RealWords()));

        Assert.Contains("8x8", error.Message);
    }
}
