namespace TextInpaint.Evaluation.Metrics;

/// <summary>
/// FID (ResNet-18) between a set of outputs and their truths, and their mean feature distance,
/// over how many images; NaN for FID below two images.
/// </summary>
public sealed record FeatureSummary(int Images, double Frechet, double Distance);

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
