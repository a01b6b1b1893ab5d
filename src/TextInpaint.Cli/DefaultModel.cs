namespace TextInpaint.Cli;

/// <summary>
/// Where the model that ships with TextInpaint is: <c>models/synthbirds64</c> in the current folder,
/// or in the checkout the command line was built from (found from the program's own location).
/// </summary>
public static class DefaultModel
{
    public const string RelativePath = "models/synthbirds64";

    public static string Folder()
    {
        if (Directory.Exists(RelativePath))
            return RelativePath;
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, RelativePath);
            if (Directory.Exists(candidate))
                return candidate;
        }
        return RelativePath;
    }
}
