namespace TextInpaint.Training;

/// <summary>
/// How often a run logs its figures, checkpoints, and draws sample sheets, in steps; 0: never
/// on schedule (the last step is still logged and checkpointed, and a stopped run checkpoints).
/// </summary>
internal sealed record StepSchedule
{
    public StepSchedule(int logEvery, int checkpointEvery, int sampleEvery = 0)
    {
        foreach (var (name, value) in new[] { ("--log-every", logEvery), ("--checkpoint-every", checkpointEvery), ("--sample-every", sampleEvery) })
            if (value < 0)
                throw new UserInputException($"{name} {value}: give a number of steps, or 0 for never.");
        (LogEvery, CheckpointEvery, SampleEvery) = (logEvery, checkpointEvery, sampleEvery);
    }

    public int LogEvery { get; }
    public int CheckpointEvery { get; }
    public int SampleEvery { get; }

    /// <summary>Whether step <paramref name="done"/> falls on an interval (never for interval 0).</summary>
    public static bool Due(long done, int every) => every > 0 && done % every == 0;
}
