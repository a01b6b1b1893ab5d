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
    public const string RngFile = "rng.bin", RunOptionsFile = "run.json", LossCurvesFile = "loss-curves.png";

    private RunLock? runLock;

    /// <param name="configFile">The file that marks a folder as a run of this kind.</param>
    /// <param name="what">The kind of run, for the message that refuses a folder holding something else.</param>
    public TrainingRun(string folder, string configFile, string what)
    {
        Folder = folder;
        Store = new CheckpointStore(folder);
        ResumeFrom = LatestCheckpoint(folder, configFile);
        if (ResumeFrom is null)
            CheckpointStore.RequireNewOrOwnFolder(folder, configFile, what);
    }

    public string Folder { get; }

    public CheckpointStore Store { get; }

    /// <summary>The checkpoint the run resumes from; null for a new run.</summary>
    public string? ResumeFrom { get; }

    /// <summary>The step the run starts at: 0, or the resumed checkpoint's.</summary>
    public long StartStep => ResumeFrom is null ? 0 : CheckpointStore.ReadStep(ResumeFrom);

    /// <summary>The step a run in <paramref name="folder"/> would resume from, or null when it would start afresh.</summary>
    public static long? ResumeStep(string folder, string configFile) =>
        LatestCheckpoint(folder, configFile) is { } latest ? CheckpointStore.ReadStep(latest) : null;

    private static string? LatestCheckpoint(string folder, string configFile) =>
        File.Exists(Path.Combine(folder, configFile)) ? new CheckpointStore(folder).Latest() : null;

    /// <summary>Takes the folder's lock for the rest of the run.</summary>
    public void Lock() => runLock = RunLock.Acquire(Folder);

    /// <summary>The run options saved in the resumed checkpoint.</summary>
    public T ResumedOptions<T>() => ModelFiles.LoadJson<T>(Path.Combine(ResumeFrom!, RunOptionsFile));

    /// <summary>Restores torch's random state from the resumed checkpoint.</summary>
    public void RestoreRandomState() => ModelFiles.LoadRngState(Path.Combine(ResumeFrom!, RngFile));

    /// <summary>The run's metrics log, without the rows logged after <paramref name="done"/>.</summary>
    public MetricsLog OpenLog(long done) => new(Path.Combine(Folder, MetricsLog.FileName), resumeFromStep: done);

    /// <summary>
    /// Writes a checkpoint at step <paramref name="done"/>: <paramref name="writeNetworks"/> fills it,
    /// the random state and <paramref name="options"/> are added; then <paramref name="writeLatest"/>
    /// updates the folder's own weights, and the log and loss curves are saved.
    /// </summary>
    public void Checkpoint<TOptions>(long done, TOptions options, MetricsLog log, Action<string> writeNetworks, Action writeLatest)
    {
        Store.Save(done, checkpoint =>
        {
            writeNetworks(checkpoint);
            ModelFiles.SaveRngState(Path.Combine(checkpoint, RngFile));
            ModelFiles.SaveJson(options, Path.Combine(checkpoint, RunOptionsFile));
        });
        writeLatest();
        log.Save();
        LossCurves.Save(log, Path.Combine(Folder, LossCurvesFile));
    }

    public void Dispose() => runLock?.Dispose();
}
