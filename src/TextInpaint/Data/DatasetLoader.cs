using TextInpaint.Data.Layouts;

namespace TextInpaint.Data;

/// <summary>
/// Opens a captioned image data set in any of the layouts users have on disk:
/// <list type="bullet">
/// <item><c>synthbirds</c>: our synthetic birds (<c>synthbirds.json</c> at the root, otherwise the flowers layout).</item>
/// <item><c>birds</c>: CUB-200-2011 in AttnGAN's layout, images cropped around the bird's bounding box.</item>
/// <item><c>flowers</c>, <c>celeba</c>: Oxford-102 and CelebA-HQ in AttnGAN's layout, images in <c>images/</c>
/// (both are read the same way; the name only labels the data set).</item>
/// <item><c>folder</c>: a plain folder of images with a .txt caption file beside each.</item>
/// </list>
/// </summary>
public static class DatasetLoader
{
    public const string Auto = "auto";

    public static readonly IReadOnlyList<string> Kinds = ["synthbirds", "birds", "flowers", "celeba", "folder"];

    /// <summary>Marks a SynthBirds data set; its presence at the root selects the synthbirds kind.</summary>
    public const string SynthBirdsMarker = "synthbirds.json";

    /// <summary>Whether the folder holds a complete SynthBirds data set (with part maps and attributes).</summary>
    public static bool IsSynthBirds(string root) => File.Exists(Path.Combine(root, SynthBirdsMarker));

    /// <summary>Reads one split of the data set at <paramref name="root"/>; <paramref name="kind"/> "auto" detects the layout.</summary>
    public static CaptionedDataset Open(string root, Split split, string kind = Auto)
    {
        if (kind != Auto && !Kinds.Contains(kind))
            throw new UserInputException($"unknown data set kind '{kind}'; known kinds: {Auto}, {string.Join(", ", Kinds)}.");
        CheckRoot(root);
        var resolved = kind == Auto ? DetectKind(root) : kind;
        return resolved switch
        {
            "birds" => CubBirdsLayout.Open(root, split),
            "folder" => ImageFolderLayout.Open(root, split),
            _ => AttnGanLayout.Open(root, split, resolved, Path.Combine(root, "images")),
        };
    }

    /// <summary>
    /// Tells the layout from what is in the folder: <c>synthbirds.json</c> → synthbirds;
    /// <c>CUB_200_2011/</c> → birds; <c>images/</c> with <c>text/</c> → celeba when the folder's
    /// name contains "celeb", else flowers; images with .txt captions beside them → folder.
    /// </summary>
    public static string DetectKind(string root)
    {
        CheckRoot(root);
        if (IsSynthBirds(root))
            return "synthbirds";
        if (Directory.Exists(Path.Combine(root, CubBirdsLayout.CubFolder)))
            return "birds";
        if (Directory.Exists(Path.Combine(root, "images")) && Directory.Exists(Path.Combine(root, "text")))
        {
            var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)));
            return name.Contains("celeb", StringComparison.OrdinalIgnoreCase) ? "celeba" : "flowers";
        }
        if (ImageFolderLayout.Looks(root))
            return "folder";
        throw new UserInputException(
            $"{root}: cannot tell the data set layout; expected {SynthBirdsMarker}, a {CubBirdsLayout.CubFolder}/ folder, " +
            "images/ with text/ (AttnGAN layout), or image files with a .txt caption file beside each.");
    }

    private static void CheckRoot(string root)
    {
        if (!Directory.Exists(root))
            throw new UserInputException(File.Exists(root) ? $"{root}: is a file, not a data set folder." : $"{root}: no such data set folder.");
    }
}
