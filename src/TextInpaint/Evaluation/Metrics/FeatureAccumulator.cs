namespace TextInpaint.Evaluation.Metrics;

/// <summary>Gathers <see cref="FeatureScore"/>s one image at a time; <see cref="Compute"/> gives their <see cref="FeatureSummary"/>.</summary>
public sealed class FeatureAccumulator
{
    private readonly List<float[]> outputs = [];
    private readonly List<float[]> truths = [];
    private double distance;

    public int Count => outputs.Count;

    public void Add(FeatureScore score)
    {
        outputs.Add(score.Output);
        truths.Add(score.Truth);
        distance += score.Distance;
    }

    public FeatureSummary Compute()
    {
        if (Count == 0)
            throw new InvalidOperationException("no image has been added.");
        return new FeatureSummary(Count, FrechetDistance.Between(outputs, truths), distance / Count);
    }
}
