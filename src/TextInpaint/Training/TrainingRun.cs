using TextInpaint.Storage;

namespace TextInpaint.Training;

/// <summary>
/// What every training run shares: its folder (a new one, or one whose latest checkpoint it
/// resumes), its lock, its metrics log and loss curves, and checkpoints that hold the random
/// state and the run's recipe beside the networks. <see cref="MmflTrainer"/> and
/// <see cref="DamsmTrainer"/> fill in the networks.
/// </summary>
internal sealed class TrainingRun : IDisposable
{
    private RunLock? runLock;

    /// <param name="job">The command, as the folder's record names it (<see cref="OutputFolder"/>).</param>
    /// <param name="configFile">The file that marks a folder as a run of this kind (also one written before folders had a record).</param>
    /// <param name="weightsFile">A file that only a run that reached a checkpoint has written.</param>
    /// <param name="otherEntries">What else the run writes at the top of its folder, beside the entries every run writes.</param>
    /// <param name="say">Gets the lines a person reads before the run starts: what a run killed while it
    /// saved a checkpoint left and how it was cleared, and the step the run resumes from.</param>
    public TrainingRun(string folder, string job, string configFile, string weightsFile, Action<string>? say, params string[] otherEntries)
    {
        // A run writes only into a new folder or one an earlier run of the same command wrote; there it resumes or starts again.
        Output = OutputFolder.Claim(folder, job, overwrite: null, madeBeforeRecords: f => File.Exists(Path.Combine(f, configFile)));
        Folder = folder;
        Store = new CheckpointStore(folder);
        if (File.Exists(Path.Combine(folder, configFile)) && Store.Recover() is { } recovered)
            say?.Invoke(recovered);
        ResumeFrom = File.Exists(Path.Combine(folder, configFile)) ? Store.Latest() : null;
        // A folder with trained weights but no checkpoint is a finished model, such as a shipped one, and is never trained over.
        if (ResumeFrom is null && File.Exists(Path.Combine(folder, weightsFile)))
            throw new UserInputException($"{folder}: holds a trained model with no checkpoint to resume from; a new run would replace it, so choose "
                + $"another --out.");
        if (ResumeFrom is not null)
            say?.Invoke($"resuming the run in {folder} from step {StartStep} (its checkpoint); the same settings go on from there.");
        entries = [configFile, weightsFile, RunLayout.CheckpointsFolder, RunLayout.MetricsFile, RunLayout.LossCurvesFile, RunLayout.SamplesFolder,
            RunLock.FileName, RunLayout.RecipeFile, .. otherEntries];
    }

    private readonly string[] entries;

    /// <summary>The run's folder under the output-folder rule.</summary>
    public OutputFolder Output { get; }

    public string Folder { get; }

    public CheckpointStore Store { get; }

    /// <summary>The checkpoint the run resumes from; null for a new run.</summary>
    public string? ResumeFrom { get; }

    /// <summary>The step the run starts at: 0, or the resumed checkpoint's.</summary>
    public long StartStep => ResumeFrom is null ? 0 : CheckpointStore.ReadStep(ResumeFrom);

    /// <summary>Takes the folder's lock for the rest of the run and records what the run writes there, before it writes it.</summary>
    public void Lock()
    {
        runLock = RunLock.Acquire(Folder);
        Output.Record(entries);
    }

    /// <summary>The recipe saved in the resumed checkpoint.</summary>
    public T ResumedRecipe<T>() => ModelFiles.LoadJson<T>(Path.Combine(ResumeFrom!, RunLayout.RecipeFile));

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

    /// <summary>The sample sheet of step <paramref name="done"/>.</summary>
    public string SheetPath(long done) => Path.Combine(Folder, RunLayout.SamplesFolder, $"step-{done:D8}.png");

    /// <summary>
    /// A checkpoint with what <paramref name="watch"/> shows: its validation figures logged at step
    /// <paramref name="done"/> and its sample sheet drawn, then <see cref="Checkpoint"/>.
    /// </summary>
    internal void Checkpoint<TRecipe>(long done, TRecipe recipe, MetricsLog log, IRunWatch watch, Action<string> writeNetworks, Action writeLatest)
    {
        if (watch.Validate() is { } validation)
            log.Append(done, validation);
        watch.SampleSheet(SheetPath(done), done);
        Checkpoint(done, recipe, log, writeNetworks, writeLatest);
    }

    /// <summary>
    /// Writes a checkpoint at step <paramref name="done"/> as one unit: <paramref name="writeNetworks"/> fills it,
    /// the random state, the <paramref name="recipe"/> and the metrics rows up to this step are added; then
    /// <paramref name="writeLatest"/> updates the folder's own weights, the folder's copy of the recipe is
    /// written, and the log and loss curves are saved.
    /// </summary>
    public void Checkpoint<TRecipe>(long done, TRecipe recipe, MetricsLog log, Action<string> writeNetworks, Action writeLatest)
    {
        Store.Save(done, checkpoint =>
        {
            writeNetworks(checkpoint);
            ModelFiles.SaveRngState(Path.Combine(checkpoint, RunLayout.RngFile));
            ModelFiles.SaveJson(recipe, Path.Combine(checkpoint, RunLayout.RecipeFile));
            log.SaveTo(Path.Combine(checkpoint, RunLayout.MetricsFile));
        });
        writeLatest();
        ModelFiles.SaveJson(recipe, Path.Combine(Folder, RunLayout.RecipeFile));
        log.Save();
        LossCurves.Save(log, Path.Combine(Folder, RunLayout.LossCurvesFile));
    }

    public void Dispose() => runLock?.Dispose();
}
