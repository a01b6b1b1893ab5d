using TextInpaint.Runtime;

namespace TextInpaint.Training;

/// <summary>A resumable training run in one output folder: DAMSM pre-training or MMFL training.</summary>
public interface ITrainingJob
{
    /// <summary>The step at which <see cref="Run"/> would resume the run in the output folder, or null when it would start one.</summary>
    long? ResumeStep();

    /// <summary>Clears what a run killed while it saved a checkpoint left in the output folder; returns the line saying so, or null.</summary>
    string? RecoverInterruptedCheckpoint();

    /// <summary>Trains until the last epoch is done or <paramref name="cancel"/> fires (then a checkpoint is saved and
    /// <see cref="OperationCanceledException"/> thrown). Returns the folder's final step.</summary>
    long Run(IProgress<JobProgress>? progress = null, CancellationToken cancel = default);
}
