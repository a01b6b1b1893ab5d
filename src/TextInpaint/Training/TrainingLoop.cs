using System.Diagnostics;
using TextInpaint.Data.Batching;

namespace TextInpaint.Training;

/// <summary>How often a run logs its figures, checkpoints, and draws sample sheets (0: never), in steps.</summary>
internal sealed record StepSchedule(int BatchSize, int LogEvery, int CheckpointEvery, int SampleEvery = 0);

/// <summary>
/// The step loop the trainers share: from step <c>done</c> to <c>total</c>, each step trains on
/// the batch <see cref="EpochOrder"/> assigns to it; figures are logged, checkpoints written on
/// schedule and at the end, progress reported. A run whose loss is not finite for
/// <see cref="MaxSkippedInARow"/> steps in a row stops with a checkpoint. On cancellation a checkpoint is written (unless
/// the step was just saved) and <see cref="JobStoppedException"/> thrown.
/// </summary>
internal static class TrainingLoop
{
    /// <summary>The figure a step reports (as 1) when its loss was not finite and it was not applied.</summary>
    public const string SkippedStep = "skipped_not_finite";

    /// <summary>After this many skipped steps in a row the run stops, with a checkpoint of the last good weights.</summary>
    public const int MaxSkippedInARow = 5;

    public static long Run(string stage, EpochOrder order, InpaintingDataset samples, long done, long total, StepSchedule schedule,
        MetricsLog log, Func<int[], IReadOnlyDictionary<string, double>> trainOne, Action<long> checkpoint, Action<long>? sampleSheet,
        IProgress<JobProgress>? progress, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        long stepsThisSession = 0, lastSaved = done;
        int skippedInARow = 0;
        while (done < total)
        {
            if (cancel.IsCancellationRequested)
            {
                if (lastSaved != done) checkpoint(done);
                throw new JobStoppedException($"stopped at step {done}; the checkpoint is saved and the same command resumes it.");
            }
            var (epoch, batch) = order.Locate(done);
            samples.Epoch = epoch;
            var figures = trainOne(order.Batch(epoch, batch));
            done++;
            stepsThisSession++;
            skippedInARow = figures.ContainsKey(SkippedStep) ? skippedInARow + 1 : 0;
            if (skippedInARow == MaxSkippedInARow)
            {
                checkpoint(done);
                throw new UserInputException(
                    $"{stage}: the loss was not finite in {MaxSkippedInARow} steps in a row (up to step {done}), which were not applied; the checkpoint holds the last good weights. Lower the learning rate or check the data.");
            }

            if (done % schedule.LogEvery == 0 || done == total)
                log.Append(done, figures);
            if (done % schedule.CheckpointEvery == 0 || done == total)
            {
                checkpoint(done);
                lastSaved = done;
            }
            else if (sampleSheet is not null && schedule.SampleEvery > 0 && done % schedule.SampleEvery == 0)
            {
                sampleSheet(done);
            }
            progress?.Report(new JobProgress(stage, done, total, new Dictionary<string, double>(figures)
            {
                ["images_per_s"] = stepsThisSession * schedule.BatchSize / Math.Max(1e-9, clock.Elapsed.TotalSeconds),
                ["epoch"] = epoch + 1,
            }));
        }
        return done;
    }
}
