using TextInpaint.Storage;
using System.Diagnostics;

namespace TextInpaint.Training;

/// <summary>How often a run logs its figures, checkpoints, and draws sample sheets (0: never), in steps.</summary>
internal sealed record StepSchedule(int BatchSize, int LogEvery, int CheckpointEvery, int SampleEvery = 0);

/// <summary>
/// The step loop the trainers share: from step <c>done</c> to <c>total</c>, each step trains on
/// the batch <see cref="EpochOrder"/> assigns to it; figures are logged, checkpoints written on
/// schedule and at the end, progress reported. On cancellation a checkpoint is written (unless
/// the step was just saved) and <see cref="JobStoppedException"/> thrown.
/// </summary>
internal static class TrainingLoop
{
    public static long Run(string stage, EpochOrder order, Action<int> startEpoch, long done, long total, StepSchedule schedule,
        MetricsLog log, Func<int[], IReadOnlyDictionary<string, double>> trainOne, Action<long> checkpoint, Action<long>? sampleSheet,
        IProgress<JobProgress>? progress, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        long stepsThisSession = 0, lastSaved = done;
        while (done < total)
        {
            if (cancel.IsCancellationRequested)
            {
                if (lastSaved != done) checkpoint(done);
                throw new JobStoppedException($"stopped at step {done}; the checkpoint is saved and the same command resumes it.");
            }
            var (epoch, batch) = order.Locate(done);
            startEpoch(epoch);
            var figures = trainOne(order.Batch(epoch, batch));
            done++;
            stepsThisSession++;

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
