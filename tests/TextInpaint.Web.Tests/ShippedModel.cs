namespace TextInpaint.Web.Tests;

/// <summary>The model folder that ships with the checkout, found from the test's own location.</summary>
public static class ShippedModel
{
    public static string Folder { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "models", "synthbirds64");
            if (File.Exists(Path.Combine(candidate, "model.json")))
                return candidate;
        }
        throw new InvalidOperationException("models/synthbirds64 was not found above " + AppContext.BaseDirectory);
    }
}
