using System.Globalization;
using System.Text.Json;

namespace TextInpaint.Storage;

/// <summary>
/// The checkpoints of one training run, under <c>&lt;run&gt;/checkpoints/step-NNNNNNNN/</c>.
/// A checkpoint is one unit: every file of it (weights, optimiser state, metrics rows, random
/// state) is written and flushed to disk in a hidden <c>.partial</c> folder, the marker
/// <c>checkpoint.json</c> last, and the folder is then renamed into place in one step. Old
/// checkpoints are pruned by renaming them to a hidden <c>.prune</c> folder before deleting
/// them. A process killed at any instant therefore leaves the previous complete checkpoint or
/// the new complete one; <see cref="Recover"/> clears what such a kill left behind.
/// </summary>
/// <param name="stageReached">Called with the name of each stage of <see cref="Save"/> as it is reached (tests stop there as a kill would).</param>
public sealed class CheckpointStore(string runFolder, int keep = 3, Action<string>? stageReached = null)
{
    /// <summary>The stages of <see cref="Save"/> in order, as passed to the stage hook.</summary>
    public static readonly IReadOnlyList<string> Stages = ["files written", "marker written", "old moved aside", "renamed", "stale moved aside", "pruned"];

    private const string Marker = "checkpoint.json";
    private const string Prefix = "step-";
    private const string PartialSuffix = ".partial", OldSuffix = ".old", PruneSuffix = ".prune";

    public string Folder { get; } = Path.Combine(runFolder, RunLayout.CheckpointsFolder);

    /// <summary>The newest complete checkpoint folder, or null when there is none.</summary>
    public string? Latest()
    {
        if (!Directory.Exists(Folder)) return null;
        return Complete().FirstOrDefault();
    }

    /// <summary>
    /// Finishes or undoes what a process killed inside <see cref="Save"/> left: partial folders and
    /// half-pruned ones are deleted, a checkpoint moved aside to be replaced is put back when its
    /// replacement never arrived, and step folders without a marker are deleted. Returns one line
    /// saying what was cleared, or null when nothing was.
    /// </summary>
    public string? Recover()
    {
        if (!Directory.Exists(Folder)) return null;
        var cleared = new List<string>();
        foreach (var hidden in Directory.EnumerateDirectories(Folder, ".*").ToList())
        {
            var name = Path.GetFileName(hidden);
            if (name.EndsWith(OldSuffix, StringComparison.Ordinal))
            {
                var original = Path.Combine(Folder, name[1..name.IndexOf('.', 1)]);
                if (!IsComplete(original) && IsComplete(hidden))
                {
                    if (Directory.Exists(original)) Directory.Delete(original, recursive: true);
                    Directory.Move(hidden, original);
                    cleared.Add($"restored {Path.GetFileName(original)}");
                    continue;
                }
            }
            else if (!name.EndsWith(PartialSuffix, StringComparison.Ordinal) && !name.EndsWith(PruneSuffix, StringComparison.Ordinal))
            {
                continue;
            }
            Directory.Delete(hidden, recursive: true);
            cleared.Add($"deleted {name}");
        }
        foreach (var orphan in Directory.EnumerateDirectories(Folder, Prefix + "*").Where(d => StepOf(d) >= 0 && !IsComplete(d)).ToList())
        {
            Directory.Delete(orphan, recursive: true);
            cleared.Add($"deleted the incomplete {Path.GetFileName(orphan)}");
        }
        return cleared.Count == 0
            ? null
            : $"{Folder}: an earlier run was stopped while it saved a checkpoint; {string.Join(", ", cleared)}.";
    }

    /// <summary>Step recorded in a checkpoint folder's marker file.</summary>
    public static long ReadStep(string checkpointFolder)
    {
        var marker = Path.Combine(checkpointFolder, Marker);
        try
        {
            using var doc = JsonDocument.Parse(UserFiles.ReadAllText(marker, "checkpoint marker"));
            return doc.RootElement.GetProperty("step").GetInt64();
        }
        catch (Exception e) when (e is IOException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new UserInputException($"{marker}: not a readable checkpoint marker ({e.Message}).", e);
        }
    }

    /// <summary>
    /// Writes a checkpoint: <paramref name="writeFiles"/> fills a temporary folder, whose files are
    /// flushed to disk before it becomes <c>step-NNNNNNNN</c>. Returns the checkpoint folder.
    /// </summary>
    public string Save(long step, Action<string> writeFiles)
    {
        Directory.CreateDirectory(Folder);
        var name = Prefix + step.ToString("D8", CultureInfo.InvariantCulture);
        var final = Path.Combine(Folder, name);
        var temp = Path.Combine(Folder, $".{name}.{Guid.NewGuid():N}{PartialSuffix}");
        try
        {
            Directory.CreateDirectory(temp);
            writeFiles(temp);
            foreach (var file in Directory.EnumerateFiles(temp))
                FlushToDisk(file);
            stageReached?.Invoke(Stages[0]);
            AtomicFile.WriteAllText(Path.Combine(temp, Marker), JsonSerializer.Serialize(new { step, saved = DateTimeOffset.UtcNow }));
            stageReached?.Invoke(Stages[1]);
            if (Directory.Exists(final))
            {
                // Saving again at a step that already has a checkpoint (after a resume): the old
                // one is moved aside before the new one takes its name, then deleted.
                var old = Path.Combine(Folder, $".{name}.{Guid.NewGuid():N}{OldSuffix}");
                Directory.Move(final, old);
                stageReached?.Invoke(Stages[2]);
                Directory.Move(temp, final);
                stageReached?.Invoke(Stages[3]);
                Directory.Delete(old, recursive: true);
            }
            else
            {
                Directory.Move(temp, final);
                stageReached?.Invoke(Stages[3]);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
            throw new UserInputException($"{Folder}: the checkpoint of step {step} cannot be written ({e.Message}); the previous one is kept.", e);
        }
        catch
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
            throw;
        }
        Prune();
        return final;
    }

    private void Prune()
    {
        var stale = Complete().Skip(keep).ToList();
        var doomed = new List<string>();
        foreach (var folder in stale)
        {
            var aside = Path.Combine(Folder, $".{Path.GetFileName(folder)}.{Guid.NewGuid():N}{PruneSuffix}");
            Directory.Move(folder, aside);
            doomed.Add(aside);
        }
        stageReached?.Invoke(Stages[4]);
        foreach (var folder in doomed)
            Directory.Delete(folder, recursive: true);
        foreach (var partial in Directory.EnumerateDirectories(Folder, ".*" + PartialSuffix))
            Directory.Delete(partial, recursive: true);
        stageReached?.Invoke(Stages[5]);
    }

    private IEnumerable<string> Complete() =>
        Directory.EnumerateDirectories(Folder, Prefix + "*")
            .Where(d => StepOf(d) >= 0 && IsComplete(d))
            .OrderByDescending(StepOf);

    private static bool IsComplete(string folder) => File.Exists(Path.Combine(folder, Marker));

    private static void FlushToDisk(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        stream.Flush(flushToDisk: true);
    }

    private static long StepOf(string folder)
    {
        var name = Path.GetFileName(folder);
        return name.StartsWith(Prefix, StringComparison.Ordinal)
            && long.TryParse(name.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var step)
            ? step
            : -1;
    }
}
