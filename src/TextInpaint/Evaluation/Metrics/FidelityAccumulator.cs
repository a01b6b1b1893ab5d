namespace TextInpaint.Evaluation.Metrics;

/// <summary>
/// The fill-fidelity figures of a split: the output's edge strength over the truth's, averaged over
/// the holes whose truth has edges; the output's colour spread inside the truth's regions over the
/// truth's, pooled; and the mean share of far hole pixels.
/// </summary>
public sealed class FidelityAccumulator
{
    private double edgeRatio, outputSpread, truthSpread, far;
    private int edgeImages, spreadImages, images;

    public void Add(HoleFidelity fidelity)
    {
        images++;
        far += fidelity.FarShare;
        if (fidelity.TruthEdges >= HoleFidelity.MinimumEdges)
        {
            edgeRatio += fidelity.OutputEdges / fidelity.TruthEdges;
            edgeImages++;
        }
        if (!double.IsNaN(fidelity.TruthSpread))
        {
            outputSpread += fidelity.OutputSpread;
            truthSpread += fidelity.TruthSpread;
            spreadImages++;
        }
    }

    public FidelitySummary? Compute() => images == 0 ? null : new FidelitySummary(
        edgeImages > 0 ? edgeRatio / edgeImages : double.NaN, edgeImages,
        spreadImages > 0 && truthSpread > 0 ? outputSpread / truthSpread : double.NaN,
        far / images);
}
