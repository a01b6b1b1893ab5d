namespace TextInpaint.Cli;

/// <summary>
/// Where the models that ship with TextInpaint are, in the current folder or in the checkout the command line was built
/// from (found from the program's own location): <c>models/synthbirds256</c>, the one `inpaint`, `serve` and `demo`
/// use, which paints its fills at 256x256 over <c>models/synthbirds64</c>, the 64x64 MMFL model (docs/method.md section 13).
/// </summary>
public static class DefaultModel
{
    public const string RelativePath = "models/synthbirds256";

    /// <summary>The 64x64 MMFL model, the shipped model's base and `train-detail`'s default one.</summary>
    public const string BaseRelativePath = "models/synthbirds64";

    public static string Folder() => Locate(RelativePath);

    public static string BaseFolder() => Locate(BaseRelativePath);

    /// <summary>The folder <paramref name="relativePath"/> names, in the current folder or above the program's own.</summary>
    public static string Locate(string relativePath)
    {
        if (Directory.Exists(relativePath))
            return relativePath;
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, relativePath);
            if (Directory.Exists(candidate))
                return candidate;
        }
        return relativePath;
    }
}
