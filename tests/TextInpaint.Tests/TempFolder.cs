namespace TextInpaint.Tests;

/// <summary>
/// A fresh folder under the system temp folder, deleted with everything in it on dispose. Given a
/// name, the folder has that name (inside a fresh parent), for code that looks at folder names.
/// </summary>
public sealed class TempFolder : IDisposable
{
    private readonly string owned;

    public TempFolder(string? name = null)
    {
        owned = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "textinpaint-tests", Guid.NewGuid().ToString("N"));
        Path = name is null ? owned : System.IO.Path.Combine(owned, name);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public string File(string relative) => System.IO.Path.Combine(Path, relative);

    /// <summary>Writes a text file under the folder, creating its parent folders.</summary>
    public string WriteText(string relative, string text)
    {
        var path = File(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    public string WriteBytes(string relative, byte[] bytes)
    {
        var path = File(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose()
    {
        if (Directory.Exists(owned))
            Directory.Delete(owned, recursive: true);
    }
}
