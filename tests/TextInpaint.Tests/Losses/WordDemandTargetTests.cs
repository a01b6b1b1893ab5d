using TextInpaint.Losses;
using TextInpaint.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace TextInpaint.Tests.Losses;

[Collection(TorchCollection.Name)]
public sealed class WordDemandTargetTests
{
    public WordDemandTargetTests() => TorchRuntime.Initialize();

    [Fact]
    public void The_target_shares_out_what_the_hole_took_from_each_words_match_and_ignores_gains_and_padding()
    {
        using var scope = NewDisposeScope();
        var truth = tensor(new float[,] { { 0.9f, 0.8f, 0.5f, 0.7f }, { 0.6f, 0.6f, 0f, 0f } });
        var masked = tensor(new float[,] { { 0.3f, 0.8f, 0.6f, 0.5f }, { 0.6f, 0.6f, 0f, 0f } });
        var real = tensor(new[,] { { true, true, true, false }, { true, true, false, false } });

        var target = WordDemandTarget.From(truth, masked, real);

        // Row 1: word 0 lost 0.6, word 1 nothing, word 2 gained (counts as nothing), word 3 is padding.
        Assert.Equal(new[] { 1f, 0f, 0f, 0f }, target[0].data<float>().ToArray());
        // Row 2: the hole took nothing away: every real word alike.
        Assert.Equal(new[] { 0.5f, 0.5f, 0f, 0f }, target[1].data<float>().ToArray());
    }

    [Fact]
    public void A_floor_spreads_evenly_what_a_hole_takes_when_it_takes_little_and_keeps_the_peak_when_it_takes_much()
    {
        using var scope = NewDisposeScope();
        // Row 1 loses 0.6 of one word's match, row 2 only 0.02 of one word's (noise).
        var truth = tensor(new float[,] { { 0.9f, 0.8f, 0.5f, 0.5f }, { 0.6f, 0.6f, 0.6f, 0.6f } });
        var masked = tensor(new float[,] { { 0.3f, 0.8f, 0.5f, 0.5f }, { 0.58f, 0.6f, 0.6f, 0.6f } });
        var real = ones(2, 4, ScalarType.Bool);

        var without = WordDemandTarget.From(truth, masked, real).data<float>().ToArray();
        var with = WordDemandTarget.From(truth, masked, real, floor: 0.2).data<float>().ToArray();

        // Without a floor both rows single out their word; with it, (lost + 0.05) / (total + 0.2) each.
        float[] expectedWithout = [1, 0, 0, 0, 1, 0, 0, 0], expectedWith = [0.8125f, 0.0625f, 0.0625f, 0.0625f, 0.3182f, 0.2273f, 0.2273f, 0.2273f];
        for (int i = 0; i < 8; i++)
        {
            Assert.Equal(expectedWithout[i], without[i], 4);
            Assert.Equal(expectedWith[i], with[i], 4);
        }
    }

    [Fact]
    public void Sharpness_raises_the_shares_of_what_the_hole_takes_to_its_power_before_the_floor_is_mixed_in()
    {
        using var scope = NewDisposeScope();
        // The hole takes 0.6 and 0.2 of two words' match: shares 0.75 and 0.25, squared and renormalised 0.9 and 0.1.
        var truth = tensor(new float[,] { { 0.9f, 0.8f, 0.5f, 0.5f } });
        var masked = tensor(new float[,] { { 0.3f, 0.6f, 0.5f, 0.5f } });
        var real = ones(1, 4, ScalarType.Bool);

        var sharpened = WordDemandTarget.From(truth, masked, real, sharpness: 2).data<float>().ToArray();
        var sharpenedWithFloor = WordDemandTarget.From(truth, masked, real, floor: 0.2, sharpness: 2).data<float>().ToArray();
        var floorAlone = WordDemandTarget.From(truth, masked, real, floor: 0.2).data<float>().ToArray();

        // With the floor, 0.8 / (0.8 + 0.2) of the target is the shares and the rest uniform; at power 1, (lost + 0.05) / (0.8 + 0.2).
        float[] expectedSharpened = [0.9f, 0.1f, 0, 0], expectedWithFloor = [0.77f, 0.13f, 0.05f, 0.05f], expectedFloorAlone = [0.65f, 0.25f, 0.05f, 0.05f];
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(expectedSharpened[i], sharpened[i], 4);
            Assert.Equal(expectedWithFloor[i], sharpenedWithFloor[i], 4);
            Assert.Equal(expectedFloorAlone[i], floorAlone[i], 4);
        }
    }

    [Fact]
    public void The_floors_power_keeps_a_large_loss_almost_whole_and_makes_a_small_one_almost_uniform()
    {
        using var scope = NewDisposeScope();
        // Row 1 loses 0.8 (0.6 and 0.2), row 2 only 0.02 (noise).
        var truth = tensor(new float[,] { { 0.9f, 0.8f, 0.5f, 0.5f }, { 0.6f, 0.6f, 0.6f, 0.6f } });
        var masked = tensor(new float[,] { { 0.3f, 0.6f, 0.5f, 0.5f }, { 0.58f, 0.6f, 0.6f, 0.6f } });
        var real = ones(2, 4, ScalarType.Bool);

        var target = WordDemandTarget.From(truth, masked, real, floor: 0.2, floorPower: 3).data<float>().ToArray();

        // Shares 0.75 and 0.25 weighed 0.8^3 / (0.8^3 + 0.2^3) = 0.9846 (0.8 at power 1); the noise weighed 0.001 (0.09 at power 1).
        float[] expected = [0.7423f, 0.25f, 0.0038f, 0.0038f, 0.2507f, 0.2498f, 0.2498f, 0.2498f];
        for (int i = 0; i < 8; i++)
            Assert.Equal(expected[i], target[i], 4);
    }

    [Fact]
    public void The_loss_reads_only_how_the_words_compare_and_pulls_the_demand_towards_the_target()
    {
        using var scope = NewDisposeScope();
        var real = tensor(new[,] { { true, true, true, false } });
        var target = tensor(new float[,] { { 0.6f, 0.3f, 0.1f, 0f } });
        var matching = tensor(new float[,] { { 0.6f, 0.3f, 0.1f, 0f } }) * 1.5;
        var flat = full(1, 4, 0.8f).requires_grad_(true);

        Assert.Equal(0, WordDemandTarget.Loss(matching, target, real).ToSingle(), 5);
        var loss = WordDemandTarget.Loss(flat, target, real);
        Assert.True(loss.ToSingle() > 0.05f);
        loss.backward();
        var gradient = flat.grad!.data<float>().ToArray();
        Assert.True(gradient[0] < 0 && gradient[2] > 0, $"gradient {string.Join(", ", gradient)}: the demanded word should rise, the other fall");
        Assert.Equal(0f, gradient[3]);
    }
}
