namespace TextInpaint.Training;

/// <summary>
/// The order in which a run visits its data: a permutation per epoch that depends only on
/// (seed, epoch), cut into full batches (the last partial batch is dropped). Because nothing
/// else decides the order, a resumed run sees exactly the batches an uninterrupted one would.
/// </summary>
public sealed class EpochOrder
{
    private readonly int count;
    private readonly int seed;
    private int cachedEpoch = -1;
    private int[]? cachedOrder;

    public EpochOrder(int count, int batchSize, int seed)
    {
        if (batchSize < 1) throw new UserInputException($"--batch-size {batchSize}: must be at least 1.");
        if (count < batchSize)
            throw new UserInputException($"the data set has {count} training images, fewer than one batch of {batchSize}; use a smaller --batch-size.");
        this.count = count;
        this.seed = seed;
        BatchSize = batchSize;
        BatchesPerEpoch = count / batchSize;
    }

    public int BatchSize { get; }

    public int BatchesPerEpoch { get; }

    /// <summary>Epoch and batch within it of global step <paramref name="step"/> (0-based).</summary>
    public (int Epoch, int Batch) Locate(long step) => ((int)(step / BatchesPerEpoch), (int)(step % BatchesPerEpoch));

    /// <summary>The entry indices of batch <paramref name="batch"/> of <paramref name="epoch"/>.</summary>
    public int[] Batch(int epoch, int batch)
    {
        var order = Permutation(epoch);
        return order[(batch * BatchSize)..((batch + 1) * BatchSize)];
    }

    private int[] Permutation(int epoch)
    {
        if (cachedEpoch == epoch && cachedOrder is not null) return cachedOrder;
        var order = Enumerable.Range(0, count).ToArray();
        new Random(unchecked(seed * 1_000_003 + epoch)).Shuffle(order);
        (cachedEpoch, cachedOrder) = (epoch, order);
        return order;
    }
}
