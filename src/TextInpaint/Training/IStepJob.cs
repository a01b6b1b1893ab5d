using TextInpaint.Storage;

namespace TextInpaint.Training;

/// <summary>
/// A training run as <see cref="TrainingLoop"/> drives it: the data order and schedule, how a
/// step's batch is made and trained, and what a checkpoint and a sample sheet write.
/// </summary>
/// <typeparam name="TBatch">A step's batch before it becomes tensors.</typeparam>
internal interface IStepJob<TBatch>
{
    /// <summary>The name progress is reported under (e.g. "train").</summary>
    string Stage { get; }

    EpochOrder Order { get; }

    StepSchedule Schedule { get; }

    MetricsLog Log { get; }

    /// <summary>
    /// Makes the batch of entries <paramref name="indices"/> in <paramref name="epoch"/>. It runs
    /// on a worker thread while the previous step trains, so it must not touch torch: images,
    /// holes and words only, decided by (seed, epoch, index) alone.
    /// </summary>
    TBatch Prepare(int epoch, int[] indices);

    /// <summary>Trains one step on a batch inside the loop's step scope; returns its figures as numbers.</summary>
    IReadOnlyDictionary<string, double> Train(int epoch, TBatch batch);

    /// <summary>Writes a checkpoint at step <paramref name="done"/>.</summary>
    void Checkpoint(long done);

    /// <summary>Draws a sample sheet at step <paramref name="done"/> (between checkpoints; nothing for runs without one).</summary>
    void SampleSheet(long done);
}
