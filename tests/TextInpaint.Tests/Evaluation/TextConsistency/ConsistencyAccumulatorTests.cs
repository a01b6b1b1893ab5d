using TextInpaint.Data.SynthBirds;
using TextInpaint.Evaluation.TextConsistency;

namespace TextInpaint.Tests.Evaluation.TextConsistency;

public sealed class ConsistencyAccumulatorTests
{
    [Fact]
    public void Judgments_are_split_into_fully_and_partly_hidden_parts_at_ninety_percent()
    {
        var accumulator = new ConsistencyAccumulator();
        accumulator.Add(
        [
            new ColourJudgment(BirdPart.Belly, BirdColor.Red, BirdColor.Red, ShareInHole: 1.0),
            new ColourJudgment(BirdPart.Crown, BirdColor.Red, BirdColor.Blue, ShareInHole: 0.9),
            new ColourJudgment(BirdPart.Tail, BirdColor.Grey, BirdColor.Grey, ShareInHole: 0.89),
            new ColourJudgment(BirdPart.Tail, BirdColor.Grey, BirdColor.White, ShareInHole: 0.6),
            new ColourJudgment(BirdPart.Tail, BirdColor.Grey, BirdColor.White, ShareInHole: 0.51),
        ]);

        var summary = accumulator.Compute();

        Assert.Equal(new AgreementCount(2, 1), summary.FullyHidden);
        Assert.Equal(new AgreementCount(3, 1), summary.PartlyHidden);
        Assert.Equal(5, summary.Judgments);
        Assert.Equal(2, summary.Agreements);
        accumulator.Reset();
        Assert.Equal(default, accumulator.Compute().FullyHidden);
    }
}
