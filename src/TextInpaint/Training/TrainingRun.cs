using TextInpaint.Storage;

namespace TextInpaint.Training;

/// <summary>
/// What every training run shares: its folder (a new one, or one whose latest checkpoint it
/// resumes), its lock, its metrics log and loss curves, and checkpoints that hold the random
/// state and the run's options beside the networks. <see cref="MmflTrainer"/> and
/// <see cref="DamsmTrainer"/> fill in the networks.
/// </summary>
internal sealed class TrainingRun : IDisposable
{
    private RunLock? runLock;

    /// <param name="job">The command, as the folder's record names it (<see cref="OutputFolder"/>).</param>
    /// <param name="configFile">The file that marks a folder as a run of this kind (also one written before folders had a record).</param>
    /// <param name="weightsFile">A file that only a run that reached a checkpoint has written.</param>
    /// <param name="otherEntries">What else the run writes at the top of its folder, beside the entries every run writes.</param>
    public TrainingRun(string folder, string job, string configFile, string weightsFile, params string[] otherEntries)
    {
        // A run writes only into a new folder or one an earlier run of the same command wrote; there it resumes or starts again.
        Output = OutputFolder.Claim(folder, job, overwrite: null, madeBeforeRecords: f => File.Exists(Path.Combine(f, configFile)));
        Folder = folder;
        Store = new CheckpointStore(folder);
        Recovered = Recover(folder, configFile);
        ResumeFrom = LatestCheckpoint(folder, configFile);
        // A folder with trained weights but no checkpoint is a finished model, such as a shipped one, and is never trained over.
        if (ResumeFrom is null && File.Exists(Path.Combine(folder, weightsFile)))
            throw new UserInputException($"{folder}: holds a trained model with no checkpoint to resume from; a new run would replace it, so choose another --out.");
        entries = [configFile, weightsFile, RunLayout.CheckpointsFolder, RunLayout.MetricsFile, RunLayout.LossCurvesFile, RunLayout.SamplesFolder, RunLock.FileName, .. otherEntries];
    }

    private readonly string[] entries;

    /// <summary>The run's folder under the output-folder rule.</summary>
    public OutputFolder Output { get; }

    public string Folder { get; }

    public CheckpointStore Store { get; }

    /// <summary>The line saying what an interrupted checkpoint left and how it was cleared, or null.</summary>
    public string? Recovered { get; }

    /// <summary>Clears what a run killed while it saved a checkpoint left in <paramref name="folder"/>
    /// (see <see cref="CheckpointStore.Recover"/>); returns the line saying so, or null.</summary>
    public static string? Recover(string folder, string configFile) =>
        File.Exists(Path.Combine(folder, configFile)) ? new CheckpointStore(folder).Recover() : null;

    /// <summary>The checkpoint the run resumes from; null for a new run.</summary>
    public string? ResumeFrom { get; }

    /// <summary>The step the run starts at: 0, or the resumed checkpoint's.</summary>
    public long StartStep => ResumeFrom is null ? 0 : CheckpointStore.ReadStep(ResumeFrom);

    /// <summary>The step a run in <paramref name="folder"/> would resume from, or null when it would start afresh.</summary>
    public static long? ResumeStep(string folder, string configFile) =>
        LatestCheckpoint(folder, configFile) is { } latest ? CheckpointStore.ReadStep(latest) : null;

    private static string? LatestCheckpoint(string folder, string configFile) =>
        File.Exists(Path.Combine(folder, configFile)) ? new CheckpointStore(folder).Latest() : null;

    /// <summary>Takes the folder's lock for the rest of the run and records what the run writes there, before it writes it.</summary>
    public void Lock()
    {
        runLock = RunLock.Acquire(Folder);
        Output.Record(entries);
    }

    /// <summary>The run options saved in the resumed checkpoint.</summary>
    public T ResumedOptions<T>() => ModelFiles.LoadJson<T>(Path.Combine(ResumeFrom!, RunLayout.RunOptionsFile));

    /// <summary>Restores torch's random state from the resumed checkpoint.</summary>
    public void RestoreRandomState() => ModelFiles.LoadRngState(Path.Combine(ResumeFrom!, RunLayout.RngFile));

    /// <summary>
    /// The run's metrics log, without the rows logged after <paramref name="done"/>: a resumed run
    /// reads the copy its checkpoint holds (a run from before checkpoints held one, the folder's),
    /// and the folder's log is rewritten from it.
    /// </summary>
    public MetricsLog OpenLog(long done)
    {
        var path = Path.Combine(Folder, MetricsLog.FileName);
        if (ResumeFrom is null) return new MetricsLog(path, resumeFromStep: done);
        var own = Path.Combine(ResumeFrom, RunLayout.MetricsFile);
        var log = new MetricsLog(path, File.Exists(own) ? own : path, resumeFromStep: done);
        log.Save();
        return log;
    }

    /// <summary>
    /// Writes a checkpoint at step <paramref name="done"/> as one unit: <paramref name="writeNetworks"/> fills it,
    /// the random state, <paramref name="options"/> and the metrics rows up to this step are added; then <paramref name="writeLatest"/>
    /// updates the folder's own weights, and the log and loss curves are saved.
    /// </summary>
    public void Checkpoint<TOptions>(long done, TOptions options, MetricsLog log, Action<string> writeNetworks, Action writeLatest)
    {
        Store.Save(done, checkpoint =>
        {
            writeNetworks(checkpoint);
            ModelFiles.SaveRngState(Path.Combine(checkpoint, RunLayout.RngFile));
            ModelFiles.SaveJson(options, Path.Combine(checkpoint, RunLayout.RunOptionsFile));
            log.SaveTo(Path.Combine(checkpoint, RunLayout.MetricsFile));
        });
        writeLatest();
        log.Save();
        LossCurves.Save(log, Path.Combine(Folder, RunLayout.LossCurvesFile));
    }

    public void Dispose() => runLock?.Dispose();
}
