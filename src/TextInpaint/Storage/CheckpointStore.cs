using System.Globalization;
using System.Text.Json;

namespace TextInpaint.Storage;

/// <summary>
/// The checkpoints of one training run, under <c>&lt;run&gt;/checkpoints/step-NNNNNNNN/</c>.
/// A checkpoint is written into a hidden temporary folder and renamed into place only when
/// complete (it then holds <c>checkpoint.json</c>), so the last good checkpoint is never
/// replaced by a half-written one; the newest few are kept.
/// </summary>
public sealed class CheckpointStore(string runFolder, int keep = 3)
{
    private const string Marker = "checkpoint.json";
    private const string Prefix = "step-";

    public string Folder { get; } = Path.Combine(runFolder, "checkpoints");

    /// <summary>The newest complete checkpoint folder, or null when there is none.</summary>
    public string? Latest()
    {
        if (!Directory.Exists(Folder)) return null;
        return Directory.EnumerateDirectories(Folder, Prefix + "*")
            .Where(d => File.Exists(Path.Combine(d, Marker)))
            .Select(d => (Folder: d, Step: StepOf(d)))
            .Where(c => c.Step >= 0)
            .OrderByDescending(c => c.Step)
            .Select(c => c.Folder)
            .FirstOrDefault();
    }

    /// <summary>
    /// Refuses to start a run in a folder that holds anything but an earlier run of the same kind
    /// (recognised by its <paramref name="configFile"/>); an earlier run that never reached a
    /// checkpoint is started again from scratch.
    /// </summary>
    public static void RequireNewOrOwnFolder(string folder, string configFile, string what)
    {
        bool holdsOtherFiles = Directory.Exists(folder)
            && Directory.EnumerateFileSystemEntries(folder).Any(entry => Path.GetFileName(entry) != RunLock.FileName);
        if (holdsOtherFiles && !File.Exists(Path.Combine(folder, configFile)))
            throw new UserInputException($"{folder}: exists and is not a {what} that can be resumed; choose another --out or empty it.");
    }

    /// <summary>Step recorded in a checkpoint folder's marker file.</summary>
    public static long ReadStep(string checkpointFolder)
    {
        var marker = Path.Combine(checkpointFolder, Marker);
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(marker));
            return doc.RootElement.GetProperty("step").GetInt64();
        }
        catch (Exception e) when (e is IOException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new UserInputException($"{marker}: not a readable checkpoint marker ({e.Message}).", e);
        }
    }

    /// <summary>
    /// Writes a checkpoint: <paramref name="writeFiles"/> fills a temporary folder, which then
    /// becomes <c>step-NNNNNNNN</c>. Returns the checkpoint folder.
    /// </summary>
    public string Save(long step, Action<string> writeFiles)
    {
        Directory.CreateDirectory(Folder);
        var name = Prefix + step.ToString("D8", CultureInfo.InvariantCulture);
        var final = Path.Combine(Folder, name);
        var temp = Path.Combine(Folder, $".{name}.{Guid.NewGuid():N}.partial");
        try
        {
            Directory.CreateDirectory(temp);
            writeFiles(temp);
            File.WriteAllText(Path.Combine(temp, Marker),
                JsonSerializer.Serialize(new { step, saved = DateTimeOffset.UtcNow }));
            if (Directory.Exists(final))
            {
                // Saving again at a step that already has a checkpoint (after a resume): the old
                // one is moved aside before the new one takes its name, then deleted.
                var old = final + $".{Guid.NewGuid():N}.old";
                Directory.Move(final, old);
                Directory.Move(temp, final);
                Directory.Delete(old, recursive: true);
            }
            else
            {
                Directory.Move(temp, final);
            }
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
        var complete = Directory.EnumerateDirectories(Folder, Prefix + "*")
            .Where(d => File.Exists(Path.Combine(d, Marker)) && StepOf(d) >= 0)
            .OrderByDescending(StepOf)
            .ToList();
        foreach (var stale in complete.Skip(keep))
            Directory.Delete(stale, recursive: true);
        foreach (var partial in Directory.EnumerateDirectories(Folder, ".*.partial"))
            Directory.Delete(partial, recursive: true);
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
