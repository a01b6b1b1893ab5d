using System.Text.Json;

namespace TextInpaint;

/// <summary>
/// The one rule for the output folder of every job (demo, eval, eval-damsm, synth, train,
/// train-damsm): a job writes only into a folder that is new, empty, or holds nothing but what
/// earlier runs of the same job wrote there, unless the user allows overwriting. What a job wrote
/// is listed in the folder's record <see cref="RecordFile"/>, written before the entries
/// themselves, so that a run stopped at any instant leaves a folder its next run accepts. A run
/// that <see cref="Publish"/>es replaces the earlier run's outputs as a unit.
/// </summary>
public sealed class OutputFolder
{
    /// <summary>The record of the job that writes the folder and of the entries (top-level names) it wrote.</summary>
    public const string RecordFile = ".textinpaint-outputs.json";

    private const string StagingPrefix = ".textinpaint-staging-";

    private sealed record Written(string Job, List<string> Entries);

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private OutputFolder(string path, string job, IReadOnlyCollection<string> earlier)
    {
        Path = path;
        Job = job;
        Earlier = earlier;
    }

    public string Path { get; }

    /// <summary>The job's name, as the record holds it (the command's name).</summary>
    public string Job { get; }

    /// <summary>The entries the earlier run recorded (none in a new folder).</summary>
    public IReadOnlyCollection<string> Earlier { get; private set; }

    /// <summary>
    /// Checks the rule before any work, and clears what a stopped <see cref="Publish"/> left.
    /// </summary>
    /// <param name="overwrite">True: write beside (and over) other files; null: the job offers no --overwrite.</param>
    /// <param name="madeBeforeRecords">Recognises a folder this job wrote before folders had a record (a training
    /// run's config), whose entries all count as its own.</param>
    public static OutputFolder Claim(string path, string job, bool? overwrite, string option = "--out", Func<string, bool>? madeBeforeRecords = null)
    {
        UserFiles.RequireOutputFolder(path, option);
        if (!Directory.Exists(path))
            return new OutputFolder(path, job, []);
        var record = Read(path);
        var entries = Entries(path).ToList();
        IReadOnlyCollection<string> own = record?.Job == job ? record.Entries
            : record is null && madeBeforeRecords?.Invoke(path) == true ? entries
            : [];
        // A write killed part-way leaves its temporary file (".NAME.….tmp", see AtomicFile) beside the entry it was replacing.
        bool IsOwn(string entry) => own.Contains(entry)
            || entry.StartsWith('.') && entry.EndsWith(".tmp", StringComparison.Ordinal) && own.Any(o => entry.StartsWith($".{o}.", StringComparison.Ordinal));
        var foreign = entries.Where(e => !IsOwn(e)).Order(StringComparer.Ordinal).ToList();
        if (foreign.Count > 0 && overwrite != true)
        {
            var named = string.Join(", ", foreign.Take(3)) + (foreign.Count > 3 ? $" and {foreign.Count - 3:N0} more" : "");
            var writer = record is not null && record.Job != job ? $"`{record.Job}`" : $"an earlier `{job}`";
            throw new UserInputException($"{path}: holds files that {writer} did not write here ({named}); choose another {option} or an empty folder"
                + (overwrite is null ? "." : ", or give --overwrite to write beside them."));
        }
        foreach (var staging in Directory.EnumerateDirectories(path, StagingPrefix + "*"))
            Directory.Delete(staging, recursive: true);
        return new OutputFolder(path, job, own);
    }

    /// <summary>Adds entries to the record before they are written (a job that writes in place, such as a training run).</summary>
    public void Record(params IEnumerable<string> entries)
    {
        var all = Earlier.Union(entries).ToList();
        WriteRecord(all);
        Earlier = all;
    }

    /// <summary>
    /// <paramref name="write"/> fills a hidden folder inside this one; its entries then replace the
    /// earlier run's: the record lists both while they change places, the earlier entries are
    /// deleted, the new ones moved in (over a same-named file only where overwriting was allowed),
    /// and the record then lists only them. Returns the new entries' paths.
    /// </summary>
    public IReadOnlyList<string> Publish(Action<string> write)
    {
        var staging = System.IO.Path.Combine(Path, StagingPrefix + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(staging);
            write(staging);
            var fresh = Entries(staging).ToList();
            WriteRecord(Earlier.Union(fresh));
            foreach (var entry in Earlier.Union(fresh))
                Delete(System.IO.Path.Combine(Path, entry));
            foreach (var entry in fresh)
                Move(System.IO.Path.Combine(staging, entry), System.IO.Path.Combine(Path, entry));
            WriteRecord(fresh);
            Earlier = fresh;
            return fresh.Select(e => System.IO.Path.Combine(Path, e)).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{Path}: the outputs cannot be written ({e.Message}).", e);
        }
        finally
        {
            if (Directory.Exists(staging))
                Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>The folder's entries, without its record and the hidden folders <see cref="Publish"/> writes in.</summary>
    private static IEnumerable<string> Entries(string folder) =>
        Directory.EnumerateFileSystemEntries(folder).Select(System.IO.Path.GetFileName).OfType<string>()
            .Where(name => name != RecordFile && !name.StartsWith(StagingPrefix, StringComparison.Ordinal));

    private static Written? Read(string folder)
    {
        var path = System.IO.Path.Combine(folder, RecordFile);
        if (!File.Exists(path))
            return null;
        try
        {
            return JsonSerializer.Deserialize<Written>(UserFiles.ReadAllText(path, "output record"), Json)
                is { Job: not null, Entries: not null } record ? record : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private void WriteRecord(IEnumerable<string> entries) =>
        AtomicFile.WriteAllText(System.IO.Path.Combine(Path, RecordFile),
            JsonSerializer.Serialize(new Written(Job, entries.Order(StringComparer.Ordinal).ToList()), Json) + "\n");

    private static void Delete(string path)
    {
        if (Directory.Exists(path) && new DirectoryInfo(path).LinkTarget is null)
            Directory.Delete(path, recursive: true);
        else if (File.Exists(path) || Directory.Exists(path))
            File.Delete(path);
    }

    private static void Move(string from, string to)
    {
        if (Directory.Exists(from))
            Directory.Move(from, to);
        else
            File.Move(from, to);
    }
}
