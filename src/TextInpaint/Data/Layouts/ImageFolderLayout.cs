using System.Text;

namespace TextInpaint.Data.Layouts;

/// <summary>
/// A user's own folder: <c>name.jpg|png|jpeg|webp</c> beside <c>name.txt</c> (one caption a
/// line). With <c>train/</c> and <c>test/</c> subfolders those are the splits; otherwise the
/// images of the folder itself are split by a hash of their name, about one in ten to test, so
/// the split is the same on every machine and does not change when images are added.
/// Keys are file names without extension; class ids are 0. Text files without an image
/// beside them (a README, say) are ignored.
/// </summary>
internal static class ImageFolderLayout
{
    /// <summary>One image in <see cref="TestShare"/> goes to the test split when there are no split folders.</summary>
    public const int TestShare = 10;

    /// <summary>True when the folder, or its train/ subfolder, holds an image with a caption file beside it.</summary>
    public static bool Looks(string root) =>
        HasCaptionedImage(root) || HasCaptionedImage(Path.Combine(root, DatasetLayout.SplitFolder(Split.Train)));

    public static CaptionedDataset Open(string root, Split split)
    {
        var splitFolder = Path.Combine(root, DatasetLayout.SplitFolder(split));
        bool hasSplitFolders = Directory.Exists(Path.Combine(root, DatasetLayout.SplitFolder(Split.Train)))
            || Directory.Exists(Path.Combine(root, DatasetLayout.SplitFolder(Split.Test)));
        List<DatasetEntry> entries;
        string described;
        if (hasSplitFolders)
        {
            if (!Directory.Exists(splitFolder))
                throw new UserInputException($"{root}: has split subfolders but no {DatasetLayout.SplitFolder(split)}/ folder.");
            entries = ReadFolder(splitFolder);
            described = splitFolder;
        }
        else
        {
            entries = ReadFolder(root).Where(entry => HashSplit(entry.Key) == split).ToList();
            described = $"{root} (split by name, about 1 in {TestShare} to test)";
        }
        if (entries.Count == 0)
            throw new UserInputException($"{described}: the {DatasetLayout.SplitFolder(split)} split is empty (no image with a .txt caption file beside it).");
        return new CaptionedDataset(root, DatasetKind.Folder, split, entries);
    }

    /// <summary>The split of a key when the folder has no split subfolders: FNV-1a of its UTF-8 bytes.</summary>
    public static Split HashSplit(string key)
    {
        uint hash = 2166136261;
        foreach (byte b in Encoding.UTF8.GetBytes(key))
            hash = (hash ^ b) * 16777619;
        return hash % TestShare == 0 ? Split.Test : Split.Train;
    }

    private static List<DatasetEntry> ReadFolder(string folder)
    {
        var images = ListImages(folder);
        var entries = new List<DatasetEntry>(images.Count);
        foreach (var group in images.GroupBy(path => Path.GetFileNameWithoutExtension(path), StringComparer.Ordinal))
        {
            if (group.Count() > 1)
                throw new UserInputException($"{folder}: several images share the name '{group.Key}' "
                    + $"({string.Join(", ", group.Select(Path.GetFileName))}); each needs its own caption file.");
            var imagePath = group.Single();
            var captionPath = Path.Combine(folder, group.Key + ".txt");
            entries.Add(new DatasetEntry(group.Key, imagePath, LayoutFiles.ReadCaptions(captionPath), ClassId: 0));
        }
        return entries.OrderBy(entry => entry.Key, StringComparer.Ordinal).ToList();
    }

    private static bool HasCaptionedImage(string folder) =>
        Directory.Exists(folder) && ListImages(folder).Any(path => File.Exists(Path.ChangeExtension(path, ".txt")));

    private static List<string> ListImages(string folder)
    {
        try
        {
            return Directory.EnumerateFiles(folder).Where(LayoutFiles.IsImageFile).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{folder}: cannot be listed ({e.Message}).", e);
        }
    }
}
