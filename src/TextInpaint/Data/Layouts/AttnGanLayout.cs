using TextInpaint.Data.Pickle;

namespace TextInpaint.Data.Layouts;

/// <summary>
/// The layout AttnGAN's data sets are shipped in: <c>text/&lt;key&gt;.txt</c> captions,
/// <c>{train,test}/filenames.pickle</c> (or a plain <c>filenames.txt</c>) listing the keys, an
/// optional <c>{train,test}/class_info.pickle</c>, and images in a folder by key. Flowers,
/// CelebA-HQ and SynthBirds keep images in <c>images/</c>; CUB birds in <c>CUB_200_2011/images/</c>.
/// <c>captions.pickle</c>, AttnGAN's cache of tokenised captions, is not read: captions come from <c>text/</c>.
/// </summary>
internal static class AttnGanLayout
{
    /// <summary>Reads one split, with images under <paramref name="imageFolder"/> and an optional crop per entry.</summary>
    public static CaptionedDataset Open(string root, Split split, string kind, string imageFolder,
        Func<string, string, CropBox?>? cropFor = null)
    {
        var (keys, listPath) = ReadKeys(root, split);
        var classIds = ReadClassIds(root, split, keys, listPath);
        var textFolder = Path.Combine(root, DatasetLayout.TextFolder);
        var entries = new List<DatasetEntry>(keys.Count);
        for (int i = 0; i < keys.Count; i++)
        {
            var key = keys[i];
            var imagePath = LayoutFiles.FindImage(imageFolder, key);
            var captions = LayoutFiles.ReadCaptions(Path.Combine(textFolder, key + ".txt"));
            entries.Add(new DatasetEntry(key, imagePath, captions, classIds[i], cropFor?.Invoke(key, imagePath)));
        }
        return new CaptionedDataset(root, kind, split, entries);
    }

    /// <summary>The split's keys from filenames.pickle, else filenames.txt (one key a line).</summary>
    public static (IReadOnlyList<string> Keys, string ListPath) ReadKeys(string root, Split split)
    {
        var folder = DatasetLayout.SplitFolder(split);
        var picklePath = Path.Combine(root, folder, DatasetLayout.KeyListPickle);
        var textPath = Path.Combine(root, folder, DatasetLayout.KeyListText);
        IReadOnlyList<string> keys;
        string listPath;
        if (File.Exists(picklePath))
        {
            keys = PickleReader.ReadStringList(picklePath);
            listPath = picklePath;
        }
        else if (File.Exists(textPath))
        {
            keys = ReadTextList(textPath);
            listPath = textPath;
        }
        else
        {
            throw new UserInputException($"neither {folder}/filenames.pickle nor {folder}/filenames.txt in {root}.");
        }
        if (keys.Count == 0)
            throw new UserInputException($"{listPath}: the {folder} split is empty (the file lists no keys).");
        foreach (var key in keys)
            LayoutFiles.CheckKey(key, listPath);
        return (keys, listPath);
    }

    /// <summary>Class ids from class_info.pickle (one per key), else from the keys themselves.</summary>
    public static IReadOnlyList<int> ReadClassIds(string root, Split split, IReadOnlyList<string> keys, string listPath)
    {
        var classPath = Path.Combine(root, DatasetLayout.SplitFolder(split), DatasetLayout.ClassInfoPickle);
        if (!File.Exists(classPath))
            return keys.Select(LayoutFiles.ClassIdFromKey).ToList();
        var ids = PickleReader.ReadIntList(classPath);
        if (ids.Count != keys.Count)
            throw new UserInputException($"{classPath}: holds {ids.Count} class ids but {listPath} lists {keys.Count} keys.");
        return ids;
    }

    private static List<string> ReadTextList(string path)
    {
        try
        {
            return File.ReadAllLines(path).Select(line => line.Trim()).Where(line => line.Length > 0).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{path}: cannot be read ({e.Message}).", e);
        }
    }
}
