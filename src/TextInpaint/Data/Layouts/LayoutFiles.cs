namespace TextInpaint.Data.Layouts;

/// <summary>File reading shared by the layouts: caption files, image files found by extension, class ids.</summary>
internal static class LayoutFiles
{
    /// <summary>Image extensions tried, in order, for a key without one.</summary>
    public static readonly IReadOnlyList<string> ImageExtensions = [".jpg", ".png", ".jpeg", ".webp"];

    public static bool IsImageFile(string path) =>
        ImageExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads a caption file (a regular file, UTF-8 or UTF-16 with its mark): one caption a line, blank lines skipped.</summary>
    public static IReadOnlyList<string> ReadCaptions(string path)
    {
        var lines = UserFiles.ReadAllLines(path, "caption file");
        var captions = lines.Select(line => line.Trim()).Where(line => line.Length > 0).ToList();
        if (!captions.Any(caption => caption.Any(char.IsLetterOrDigit)))
            throw new UserInputException($"{path}: the caption file holds no words (one caption a line expected).");
        return captions;
    }

    /// <summary>Finds <c>folder/key.ext</c> for the first image extension that exists.</summary>
    public static string FindImage(string folder, string key)
    {
        var tried = ImageExtensions.Select(extension => Path.Combine(folder, key + extension)).ToList();
        return tried.FirstOrDefault(File.Exists)
            ?? throw new UserInputException($"no image file for the key '{key}'; tried {string.Join(", ", tried)}.");
    }

    /// <summary>
    /// A class id from the key when the data set has no class list: the leading number of its
    /// first folder, as in CUB's "002.Laysan_Albatross/..." → 2; 0 when there is none.
    /// </summary>
    public static int ClassIdFromKey(string key)
    {
        int slash = key.IndexOf('/');
        if (slash <= 0)
            return 0;
        var digits = key.AsSpan(0, slash);
        int length = 0;
        while (length < digits.Length && char.IsAsciiDigit(digits[length]))
            length++;
        return length > 0 && int.TryParse(digits[..length], out int id) ? id : 0;
    }

    /// <summary>Refuses keys that would leave the data set folder (absolute paths, "..").</summary>
    public static void CheckKey(string key, string listPath)
    {
        if (key.Length == 0 || Path.IsPathRooted(key) || key.Split('/', '\\').Contains(".."))
            throw new UserInputException($"{listPath}: the key '{key}' is not a relative path inside the data set.");
    }
}
