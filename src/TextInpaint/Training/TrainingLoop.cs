using System.Diagnostics;
using TextInpaint.Runtime;
using TextInpaint.Storage;

namespace TextInpaint.Training;

/// <summary>
/// The step loop every training run shares: from step <c>done</c> to <c>total</c>, each step
/// trains, in one <see cref="StepScope"/>, on the batch <see cref="EpochOrder"/> assigns to it,
/// made on a worker thread while the step before it trained; figures are logged, checkpoints
/// written on schedule and at the end, progress reported. A run whose loss is not finite for
/// <see cref="MaxSkippedInARow"/> steps in a row stops with a checkpoint. On cancellation a
/// checkpoint is written (unless the step was just saved) and <see cref="JobStoppedException"/> thrown.
/// </summary>
internal static class TrainingLoop
{
    /// <summary>The figure a step reports (as 1) when its loss was not finite and it was not applied.</summary>
    public const string SkippedStep = "skipped_not_finite";

    /// <summary>After this many skipped steps in a row the run stops, with a checkpoint of the last good weights.</summary>
    public const int MaxSkippedInARow = 5;

    public static long Run<TBatch>(IStepJob<TBatch> job, long done, long total, IProgress<JobProgress>? progress, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        long stepsThisSession = 0, lastSaved = done;
        int skippedInARow = 0;
        var next = done < total ? PrepareAsync(job, done) : null;
        while (done < total)
        {
            var (epoch, batch) = next!.Value.Location;
            var prepared = next.Value.Batch.GetAwaiter().GetResult();
            if (cancel.IsCancellationRequested)
            {
                if (lastSaved != done) job.Checkpoint(done);
                throw new JobStoppedException($"stopped at step {done}; the checkpoint is saved and the same command resumes it.");
            }
            next = done + 1 < total ? PrepareAsync(job, done + 1) : null;
            IReadOnlyDictionary<string, double> figures;
            using (StepScope.Open())
                figures = job.Train(epoch, prepared);
            done++;
            stepsThisSession++;
            skippedInARow = figures.ContainsKey(SkippedStep) ? skippedInARow + 1 : 0;
            if (skippedInARow == MaxSkippedInARow)
            {
                job.Checkpoint(done);
                throw new UserInputException(
                    $"{job.Stage}: the loss was not finite in {MaxSkippedInARow} steps in a row (up to step {done}), which were not applied; the "
                        + $"checkpoint holds the last good weights. Lower the learning rate or check the data.");
            }

            if (StepSchedule.Due(done, job.Schedule.LogEvery) || done == total)
                job.Log.Append(done, figures);
            if (StepSchedule.Due(done, job.Schedule.CheckpointEvery) || done == total)
            {
                job.Checkpoint(done);
                lastSaved = done;
            }
            else if (StepSchedule.Due(done, job.Schedule.SampleEvery))
            {
                job.SampleSheet(done);
            }
            progress?.Report(new JobProgress(job.Stage, done, total, new Dictionary<string, double>(figures)
            {
                ["images_per_s"] = stepsThisSession * job.Order.BatchSize / Math.Max(1e-9, clock.Elapsed.TotalSeconds),
                ["epoch"] = epoch + 1,
            }));
        }
        return done;
    }

    /// <summary>Starts making the batch of step <paramref name="step"/> on a worker thread.</summary>
    private static ((int Epoch, int Batch) Location, Task<TBatch> Batch)? PrepareAsync<TBatch>(IStepJob<TBatch> job, long step)
    {
        var location = job.Order.Locate(step);
        var indices = job.Order.Batch(location.Epoch, location.Batch);
        return (location, Task.Run(() => job.Prepare(location.Epoch, indices)));
    }
}
