namespace TextInpaint.Storage;

/// <summary>
/// Keeps a second process from training into a run folder that one is already writing: a lock
/// file held open without sharing for as long as the run lasts, deleted when it ends.
/// </summary>
public sealed class RunLock : IDisposable
{
    internal const string FileName = ".training.lock";
    private readonly FileStream stream;

    private RunLock(FileStream stream) => this.stream = stream;

    public static RunLock Acquire(string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FileName);
        try
        {
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            stream.SetLength(0);
            using (var writer = new StreamWriter(stream, leaveOpen: true))
                writer.Write(Environment.ProcessId);
            return new RunLock(stream);
        }
        catch (IOException)
        {
            var holder = TryRead(path);
            throw new UserInputException($"{folder}: another training process{(holder is null ? "" : $" (PID {holder})")} is writing this folder; "
                + $"stop it first or choose another --out.");
        }
    }

    public void Dispose() => stream.Dispose();

    private static string? TryRead(string path)
    {
        try
        {
            using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
            return reader.ReadToEnd().Trim() is { Length: > 0 } text ? text : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
