using TextInpaint.Runtime;

namespace TextInpaint.Training;

/// <summary>A resumable training run in one output folder: DAMSM pre-training or MMFL training.</summary>
public interface ITrainingJob
{
    /// <summary>
    /// Trains until the last epoch is done or <paramref name="cancel"/> fires (then a checkpoint is
    /// saved and <see cref="JobStoppedException"/> thrown). A folder holding a run is resumed from
    /// its latest checkpoint; <paramref name="say"/> gets the lines a person reads before the run
    /// starts (a cleared interrupted checkpoint, the step resumed from). Returns the folder's final step.
    /// </summary>
    long Run(Action<string>? say = null, IProgress<JobProgress>? progress = null, CancellationToken cancel = default);
}
