using static TorchSharp.torch;
using TextInpaint.Runtime;

namespace TextInpaint.Evaluation;

/// <summary>
/// Text-image retrieval scores on DAMSM features, ranking by cosine similarity. Ties are counted
/// by their expected value under a random tie-break: an item tied with t others at the top
/// scores 1/(1 + t) for top-1, so that identical features score like a fair guess.
/// </summary>
public static class RetrievalMetrics
{
    /// <summary>
    /// AttnGAN's R-precision: for each image, its own caption competes with
    /// <paramref name="candidates"/> − 1 captions of images of other classes, drawn at random
    /// without replacement; the score is the rate at which the own caption has the highest cosine
    /// with the image's global feature. Repeated for <paramref name="draws"/> seeded draws.
    /// </summary>
    /// <param name="imageFeatures">Global image features [N, D].</param>
    /// <param name="sentenceFeatures">Sentence features [N, D] of each image's caption.</param>
    /// <param name="classIds">Class of each image (N values).</param>
    /// <param name="captionIsTrueOf">Optional ground truth: whether caption c (of image c) is true of image i.
    /// When given, the oracle ceiling is computed over the same draws.</param>
    public static RPrecisionResult RPrecision(
        Tensor imageFeatures,
        Tensor sentenceFeatures,
        IReadOnlyList<long> classIds,
        int seed = 0,
        int candidates = 100,
        int draws = 10,
        Func<int, int, bool>? captionIsTrueOf = null)
    {
        var count = CheckPairs(imageFeatures, sentenceFeatures);
        if (classIds.Count != count) throw new ArgumentException($"Expected {count} class ids, one per image; got {classIds.Count}.", nameof(classIds));
        if (candidates < 2) throw new ArgumentOutOfRangeException(nameof(candidates), "At least one distractor is needed.");
        if (draws < 1) throw new ArgumentOutOfRangeException(nameof(draws), "At least one draw is needed.");

        var random = new Random(seed);
        var otherClassPools = OtherClassPools(classIds);
        var totals = new double[draws];
        var oracleTotals = new double[draws];
        var fewestCandidates = int.MaxValue;
        ForEachSimilarityRow(imageFeatures, sentenceFeatures, (i, similarities) =>
        {
            var own = similarities[i];
            for (var draw = 0; draw < draws; draw++)
            {
                var distractors = DrawWithoutReplacement(otherClassPools[i], candidates - 1, random);
                fewestCandidates = Math.Min(fewestCandidates, distractors.Length + 1);
                int higher = 0, tied = 0, trueDistractors = 0;
                foreach (var c in distractors)
                {
                    if (similarities[c] > own) higher++;
                    else if (similarities[c] == own) tied++;
                    if (captionIsTrueOf is not null && captionIsTrueOf(i, c)) trueDistractors++;
                }
                totals[draw] += TopKChance(higher, tied, 1);
                oracleTotals[draw] += 1.0 / (1 + trueDistractors);
            }
        });

        var scores = totals.Select(t => t / count).ToArray();
        var oracleScores = oracleTotals.Select(t => t / count).ToArray();
        return captionIsTrueOf is null
            ? new RPrecisionResult(scores.Average(), StandardDeviation(scores), draws, fewestCandidates, null, null)
            : new RPrecisionResult(scores.Average(), StandardDeviation(scores), draws, fewestCandidates, oracleScores.Average(),
                StandardDeviation(oracleScores));
    }

    /// <summary>
    /// Retrieval over the whole set: each caption ranks all N images (text to image) and each image
    /// ranks all N captions (image to text) by cosine; a hit is the matched partner within the top 1 or 5.
    /// </summary>
    public static RetrievalAccuracy Retrieval(Tensor imageFeatures, Tensor sentenceFeatures)
    {
        var count = CheckPairs(imageFeatures, sentenceFeatures);
        var (textTop1, textTop5) = RankPartners(sentenceFeatures, imageFeatures);
        var (imageTop1, imageTop5) = RankPartners(imageFeatures, sentenceFeatures);
        return new RetrievalAccuracy(textTop1 / count, textTop5 / count, imageTop1 / count, imageTop5 / count, count);
    }

    // Sums over queries q of the chance that q's partner (the candidate of the same index) ranks in the top 1 and top 5.
    private static (double Top1, double Top5) RankPartners(Tensor queries, Tensor candidates)
    {
        double top1 = 0, top5 = 0;
        ForEachSimilarityRow(queries, candidates, (q, similarities) =>
        {
            var own = similarities[q];
            int higher = 0, tied = 0;
            for (var c = 0; c < similarities.Length; c++)
            {
                if (c == q) continue;
                if (similarities[c] > own) higher++;
                else if (similarities[c] == own) tied++;
            }
            top1 += TopKChance(higher, tied, 1);
            top5 += TopKChance(higher, tied, 5);
        });
        return (top1, top5);
    }

    /// <summary>
    /// Chance that an item with <paramref name="higher"/> better and <paramref name="tied"/> equal rivals lands in
    /// the top k, ties broken at random.
    /// </summary>
    private static double TopKChance(int higher, int tied, int k) => Math.Clamp((double)(k - higher) / (tied + 1), 0, 1);

    /// <summary>For each image, the indices of images of another class. Class 0 means "no class": every
    /// other image is a distractor for it.</summary>
    private static int[][] OtherClassPools(IReadOnlyList<long> classIds)
    {
        var pools = classIds.Where(c => c > 0).Distinct().ToDictionary(
            classId => classId,
            classId => Enumerable.Range(0, classIds.Count).Where(i => classIds[i] != classId).ToArray());
        return Enumerable.Range(0, classIds.Count)
            .Select(i => classIds[i] > 0 ? pools[classIds[i]] : Enumerable.Range(0, classIds.Count).Where(j => j != i).ToArray())
            .ToArray();
    }

    /// <summary>Up to <paramref name="wanted"/> distinct items of the pool, by a partial Fisher-Yates shuffle of a copy.</summary>
    private static int[] DrawWithoutReplacement(int[] pool, int wanted, Random random)
    {
        var take = Math.Min(wanted, pool.Length);
        if (take * 4 < pool.Length)
        {
            // Large pool: rejection sampling avoids copying it for every image.
            var chosen = new HashSet<int>();
            var result = new int[take];
            for (var n = 0; n < take;)
            {
                var item = pool[random.Next(pool.Length)];
                if (chosen.Add(item)) result[n++] = item;
            }
            return result;
        }
        var copy = (int[])pool.Clone();
        for (var n = 0; n < take; n++)
        {
            var swap = random.Next(n, copy.Length);
            (copy[n], copy[swap]) = (copy[swap], copy[n]);
        }
        return copy[..take];
    }

    private static int CheckPairs(Tensor imageFeatures, Tensor sentenceFeatures)
    {
        if (imageFeatures.dim() != 2 || sentenceFeatures.dim() != 2 || !imageFeatures.shape.SequenceEqual(sentenceFeatures.shape))
            throw new ArgumentException($"Expected image and sentence features of one shape [N, D]; got [{string.Join(", ", imageFeatures.shape)}] "
                + $"and [{string.Join(", ", sentenceFeatures.shape)}].");
        if (imageFeatures.shape[0] == 0) throw new ArgumentException("No pairs to score.", nameof(imageFeatures));
        return (int)imageFeatures.shape[0];
    }

    /// <summary>
    /// Calls <paramref name="visit"/> with each query's cosine similarities to all candidates, in
    /// query order. The similarity matrix is made in blocks of rows so that large sets fit in memory.
    /// </summary>
    private static void ForEachSimilarityRow(Tensor queries, Tensor candidates, Action<int, float[]> visit)
    {
        const long valuesPerBlock = 1 << 22;
        var count = queries.shape[0];
        var candidateCount = candidates.shape[0];
        var rowsPerBlock = Math.Max(1, valuesPerBlock / candidateCount);
        for (long start = 0; start < count; start += rowsPerBlock)
        {
            float[] block;
            var rows = Math.Min(rowsPerBlock, count - start);
            using (var scope = StepScope.Open())
            using (no_grad())
            {
                var similarities = UnitRows(queries.narrow(0, start, rows)).mm(UnitRows(candidates).t());
                block = similarities.contiguous().data<float>().ToArray();
            }
            for (var r = 0; r < rows; r++)
                visit((int)(start + r), block.AsSpan((int)(r * candidateCount), (int)candidateCount).ToArray());
        }
    }

    private static Tensor UnitRows(Tensor features)
    {
        var rows = features.detach().to(ScalarType.Float32, CPU);
        return rows / rows.norm(1, keepdim: true).clamp_min(1e-8);
    }

    private static double StandardDeviation(double[] values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
    }
}
