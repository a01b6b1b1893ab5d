namespace TextInpaint.Storage;

/// <summary>
/// The names of the folders and files that every training run (a model folder or a DAMSM folder)
/// holds beside its networks, and what they say.
/// </summary>
public static class RunLayout
{
    /// <summary>Folder of the run's checkpoints (see <see cref="CheckpointStore"/>).</summary>
    public const string CheckpointsFolder = "checkpoints";

    /// <summary>The run's figures, one row per logged step; each checkpoint holds its own copy up to its step.</summary>
    public const string MetricsFile = "metrics.csv";

    /// <summary>The loss curves drawn from the metrics at each checkpoint.</summary>
    public const string LossCurvesFile = "loss-curves.png";

    /// <summary>Torch's random state, in each checkpoint.</summary>
    public const string RngFile = "rng.bin";

    /// <summary>How the run trains (data, batches, losses, optimiser, schedule; folders by name only), in the run's folder and in each checkpoint.</summary>
    public const string RecipeFile = "training.json";

    /// <summary>Sample sheets drawn during training.</summary>
    public const string SamplesFolder = "samples";

    /// <summary>Where evaluation reports are written by default.</summary>
    public const string EvalFolder = "eval";

    /// <summary>
    /// The training steps a run folder's networks have seen: its latest checkpoint's step, or for a
    /// folder shipped without checkpoints the last step of its metrics log (0 when it has neither).
    /// </summary>
    public static long StepsTrained(string folder)
    {
        if (new CheckpointStore(folder).Latest() is { } latest)
            return CheckpointStore.ReadStep(latest);
        var log = Path.Combine(folder, MetricsFile);
        return File.Exists(log) ? new MetricsLog(log).Rows.Select(r => r.Step).DefaultIfEmpty(0).Max() : 0;
    }
}
