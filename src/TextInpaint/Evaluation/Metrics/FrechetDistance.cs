using static TorchSharp.torch;

namespace TextInpaint.Evaluation.Metrics;

/// <summary>
/// The Fréchet distance between two sets of feature vectors, each summarised by its mean and
/// covariance (Heusel et al. 2017): |μ1 - μ2|² + tr(S1) + tr(S2) - 2 tr((S1 S2)^½). On the pooled
/// features of <see cref="Models.Pretrained.ResNet18Features"/> it is "FID (ResNet-18)": the
/// formula of FID on another network, not comparable with FID on Inception-v3.
/// </summary>
public static class FrechetDistance
{
    /// <summary>The distance between the sets (each vector one image's features); NaN when a set has fewer than two vectors.</summary>
    public static double Between(IReadOnlyList<float[]> first, IReadOnlyList<float[]> second)
    {
        if (first.Count < 2 || second.Count < 2)
            return double.NaN;
        using var scope = NewDisposeScope();
        var (meanA, covarianceA) = Moments(first);
        var (meanB, covarianceB) = Moments(second);
        // tr((S1 S2)^½) = tr((S1^½ S2 S1^½)^½), whose argument is symmetric and positive semi-definite: its
        // eigenvalues (eigh, in double precision) are real and not negative, up to rounding, which is clamped.
        var rootA = SymmetricSquareRoot(covarianceA);
        var middle = rootA.matmul(covarianceB).matmul(rootA);
        var traceRoot = linalg.eigvalsh((middle + middle.T) / 2).clamp_min(0).sqrt().sum();
        var distance = (meanA - meanB).square().sum() + covarianceA.trace() + covarianceB.trace() - 2 * traceRoot;
        return distance.item<double>();
    }

    /// <summary>The mean [D] and the unbiased covariance [D, D] of the vectors, in double precision.</summary>
    private static (Tensor Mean, Tensor Covariance) Moments(IReadOnlyList<float[]> vectors)
    {
        var matrix = stack(vectors.Select(v => tensor(v))).to(ScalarType.Float64);
        var mean = matrix.mean([0]);
        var centred = matrix - mean;
        return (mean, centred.T.matmul(centred) / (vectors.Count - 1));
    }

    private static Tensor SymmetricSquareRoot(Tensor matrix)
    {
        var (values, vectors) = linalg.eigh(matrix);
        return (vectors * values.clamp_min(0).sqrt()).matmul(vectors.T);
    }
}
