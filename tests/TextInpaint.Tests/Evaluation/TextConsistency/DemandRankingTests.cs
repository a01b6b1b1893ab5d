using TextInpaint.Data.SynthBirds;
using TextInpaint.Evaluation.TextConsistency;
using TextInpaint.Imaging;

namespace TextInpaint.Tests.Evaluation.TextConsistency;

public sealed class DemandRankingTests
{
    private const string Text = "a red crown and blue wings";

    // Tokens: a, red, crown, and, blue, wings. The left half of an 8x8 image is the crown, the right half the wing.
    private static readonly BirdCaption Caption = new(Text,
        [new TraitMention(BirdTrait.CrownColor, "red", Text.IndexOf("red"), 3), new TraitMention(BirdTrait.WingColor, "blue", Text.IndexOf("blue"), 4)]);

    private static PartLabelMap Parts()
    {
        var labels = new byte[64];
        for (int i = 0; i < 64; i++)
            labels[i] = (byte)(i % 8 < 4 ? BirdPart.Crown : BirdPart.Wing);
        return new PartLabelMap(8, 8, labels);
    }

    [Fact]
    public void Hidden_and_visible_words_are_compared_on_their_own_demand_and_on_their_shares_of_their_captions_demand()
    {
        var ranking = new DemandRanking();
        // The crown hidden: red 0.5 (share 0.83), blue in view 0.1 (0.17).
        ranking.Add(Caption, Parts(), Mask.Box(8, 8, 0, 0, 4, 8), [0, 0.5, 0, 0, 0.1, 0]);
        // The wing hidden: blue 0.95 (share 0.18), red in view 0.6 (0.12); the other words take most of the demand.
        ranking.Add(Caption, Parts(), Mask.Box(8, 8, 4, 0, 4, 8), [0.9, 0.6, 0.9, 0.9, 0.95, 0.9]);

        Assert.Equal(4, ranking.Pairs);
        Assert.Equal(0.75, ranking.Ranking, 12);        // 0.5 is below the visible red's 0.6; the other three pairs are won
        Assert.Equal(1.0, ranking.ShareRanking, 12);    // every hidden share is above every visible one
        Assert.Equal(2, ranking.Captions);
        var entropies = new[] { DemandRanking.Entropy([0, 0.5, 0, 0, 0.1, 0]), DemandRanking.Entropy([0.9, 0.6, 0.9, 0.9, 0.95, 0.9]) };
        Assert.Equal(entropies.Average(), ranking.MeanEntropy, 12);
    }

    [Fact]
    public void Ties_count_half_and_a_partly_hidden_part_is_neither_hidden_nor_in_view()
    {
        var ranking = new DemandRanking();
        ranking.Add(Caption, Parts(), Mask.Box(8, 8, 0, 0, 4, 8), [0, 0.5, 0, 0, 0.5, 0]);
        ranking.Add(Caption, Parts(), Mask.Box(8, 8, 0, 0, 6, 8), [0, 0.9, 0, 0, 0.1, 0]);   // half the wing hidden

        Assert.Equal(2, ranking.Pairs);                 // the crown twice against the blue in view once
        Assert.Equal(0.75, ranking.Ranking, 12);        // 0.5 against 0.5 counts half, 0.9 against 0.5 once
        Assert.Equal(0.75, ranking.ShareRanking, 12);
    }

    [Fact]
    public void Without_pairs_the_rankings_are_not_a_number()
    {
        var ranking = new DemandRanking();
        ranking.Add(Caption, Parts(), Mask.Box(8, 8, 0, 0, 1, 1), [0.2, 0.5, 0.1, 0.1, 0.5, 0.3]);

        Assert.Equal(0, ranking.Pairs);
        Assert.True(double.IsNaN(ranking.Ranking) && double.IsNaN(ranking.ShareRanking));
        Assert.Equal(1, ranking.Captions);
    }
}
