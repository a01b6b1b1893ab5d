using System.Runtime.InteropServices;
using System.Text;

namespace TextInpaint;

/// <summary>
/// The rules for the files a user gives: inputs are read only when they are regular files of a
/// bounded size (never a folder, a FIFO or a device, whatever link leads there), and an output may
/// never be written where its path, links resolved, is an input of the same job, another output of
/// it, or a file that is read-only. Every refusal is a <see cref="UserInputException"/> naming the
/// path, raised before any work.
/// </summary>
public static class UserFiles
{
    /// <summary>Largest text or configuration file read (manifests, captions, JSON).</summary>
    public const long MaxTextBytes = 64L << 20;

    /// <summary>Largest image file read.</summary>
    public const long MaxImageBytes = 512L << 20;

    /// <summary>Checks that <paramref name="path"/> (links followed) is a regular file of at most <paramref name="maxBytes"/>.</summary>
    public static void RequireRegularFile(string path, long maxBytes, string what = "file")
    {
        FileSystemInfo info = new FileInfo(path);
        try
        {
            if (info.LinkTarget is not null)
                info = info.ResolveLinkTarget(returnFinalTarget: true) ?? info;
        }
        catch (IOException e)
        {
            throw new UserInputException($"{path}: a link that cannot be followed to a file ({e.Message.TrimEnd('.')}).", e);
        }
        if (Directory.Exists(path))
            throw new UserInputException($"{path}: is a folder, not {WithArticle(what)}.");
        if (!info.Exists)
            throw new UserInputException($"{path}: no such {what}.");
        if (!IsRegular(info.FullName))
            throw new UserInputException($"{path}: is not a regular file (a device, FIFO or socket) and is not read.");
        long length = ((FileInfo)info).Length;
        if (length > maxBytes)
            throw new UserInputException($"{path}: {length:N0} bytes, more than the {maxBytes:N0} {WithArticle(what)} may have.");
    }

    private static string WithArticle(string noun) => ("aeiou".Contains(char.ToLowerInvariant(noun[0])) ? "an " : "a ") + noun;

    public static byte[] ReadAllBytes(string path, long maxBytes, string what = "file")
    {
        RequireRegularFile(path, maxBytes, what);
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{path}: cannot be read ({e.Message}).", e);
        }
    }

    /// <summary>
    /// A text file as UTF-8, or as UTF-16 when it starts with that byte-order mark (as Windows
    /// editors save it); a UTF-8 byte-order mark is dropped. A file that still holds NUL
    /// characters (UTF-16 without its mark, or binary data) is refused rather than misread.
    /// </summary>
    public static string ReadAllText(string path, string what = "file")
    {
        var bytes = ReadAllBytes(path, MaxTextBytes, what);
        var text = bytes switch
        {
            [0xEF, 0xBB, 0xBF, ..] => Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3),
            [0xFF, 0xFE, ..] => Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2),
            [0xFE, 0xFF, ..] => Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2),
            _ => Encoding.UTF8.GetString(bytes),
        };
        if (text.Contains('\0'))
            throw new UserInputException($"{path}: holds NUL characters; {WithArticle(what)} is read as UTF-8 text (or UTF-16 with its byte-order mark).");
        return text;
    }

    /// <summary>The file's lines, as File.ReadAllLines splits them (no empty last line for a final line break).</summary>
    public static string[] ReadAllLines(string path, string what = "file")
    {
        var lines = ReadAllText(path, what).ReplaceLineEndings("\n").Split('\n');
        return lines.Length > 0 && lines[^1].Length == 0 ? lines[..^1] : lines;
    }

    /// <summary>
    /// Refuses, before any work, outputs that would overwrite an input, each other, or a read-only
    /// file, or that are not files. Paths are compared with every link resolved.
    /// </summary>
    public static void CheckOutputs(IEnumerable<string> outputs, IEnumerable<string> inputs)
    {
        var inputPaths = new Dictionary<string, string>();
        foreach (var input in inputs)
            inputPaths.TryAdd(Canonical(input), input);
        var seen = new Dictionary<string, string>();
        foreach (var output in outputs)
        {
            var canonical = Canonical(output);
            if (inputPaths.TryGetValue(canonical, out var input))
                throw new UserInputException(input == output
                    ? $"{output}: is an input of this job; write the result to another file."
                    : $"{output}: is the input {input} (through a link); write the result to another file.");
            if (seen.TryGetValue(canonical, out var other))
                throw new UserInputException(other == output
                    ? $"{output}: is the output of two rows of this job; give each its own file."
                    : $"{output}: is the same file as the output {other}; give each its own file.");
            seen[canonical] = output;
            if (Directory.Exists(canonical))
                throw new UserInputException($"{output}: is a folder; name an output file.");
            if (File.Exists(canonical))
            {
                if (!IsRegular(canonical))
                    throw new UserInputException($"{output}: is not a regular file and is not written.");
                if (!OperatingSystem.IsWindows()
                    && (File.GetUnixFileMode(canonical) & (UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) == 0)
                    throw new UserInputException($"{output}: is read-only; it is not replaced.");
            }
        }
    }

    /// <summary>
    /// Checks, before any work and without writing anything, that <paramref name="folder"/> can
    /// receive a job's output: it is not a file (or a link to one), and it, or the nearest folder
    /// above it that exists when it is still to be made, is writable. <paramref name="option"/>
    /// names the option in the message.
    /// </summary>
    public static void RequireOutputFolder(string folder, string option = "--out")
    {
        var canonical = Canonical(folder);
        if (File.Exists(canonical))
            throw new UserInputException($"{folder}: is a file; {option} names a folder.");
        var existing = canonical;
        while (!Directory.Exists(existing) && Path.GetDirectoryName(existing) is { } parent)
        {
            if (File.Exists(parent))
                throw new UserInputException($"{folder}: {parent} is a file, so the folder cannot be made; choose another {option}.");
            existing = parent;
        }
        if (!OperatingSystem.IsWindows() && NativeAccess(existing, WriteAndSearch) != 0)
            throw new UserInputException($"{folder}: {(existing == canonical ? "the folder" : existing)} is not writable; choose another {option}.");
    }

    private const int WriteAndSearch = 2 | 1; // W_OK | X_OK

    [DllImport("libc", EntryPoint = "access", SetLastError = true)]
    private static extern int NativeAccess(string path, int mode);

    /// <summary>The absolute path with every link resolved, in the folders and in the file itself (when they exist).</summary>
    public static string Canonical(string path)
    {
        var full = Path.GetFullPath(path);
        var existing = full;
        var rest = new Stack<string>();
        while (!File.Exists(existing) && !Directory.Exists(existing) && Path.GetDirectoryName(existing) is { } parent)
        {
            rest.Push(Path.GetFileName(existing));
            existing = parent;
        }
        var resolved = RealPath(existing) ?? existing;
        return rest.Aggregate(resolved, Path.Combine);
    }

    /// <summary>Whether the path (links followed) is a regular file, read from stat(2) without opening it (opening a FIFO blocks).</summary>
    private static bool IsRegular(string path)
    {
        if (OperatingSystem.IsWindows()) return File.Exists(path);
        // st_mode's offset in struct stat: 24 on x86-64 (after st_dev, st_ino, st_nlink), 16 on
        // the generic layout of arm64 and others (after st_dev, st_ino).
        int modeOffset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 24 : 16;
        var buffer = new byte[256];
        if (NativeStat(path, buffer) != 0) return false;
        uint mode = BitConverter.ToUInt32(buffer, modeOffset);
        return (mode & 0xF000) == 0x8000;
    }

    [DllImport("libc", EntryPoint = "stat", SetLastError = true)]
    private static extern int NativeStat(string path, byte[] buffer);

    [DllImport("libc", EntryPoint = "realpath", SetLastError = true)]
    private static extern IntPtr NativeRealPath(string path, IntPtr resolved);

    [DllImport("libc", EntryPoint = "free")]
    private static extern void NativeFree(IntPtr pointer);

    private static string? RealPath(string path)
    {
        if (OperatingSystem.IsWindows()) return null;
        var pointer = NativeRealPath(path, IntPtr.Zero);
        if (pointer == IntPtr.Zero) return null;
        try
        {
            return Marshal.PtrToStringUTF8(pointer);
        }
        finally
        {
            NativeFree(pointer);
        }
    }
}
