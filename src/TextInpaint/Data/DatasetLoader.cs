using TextInpaint.Data.Layouts;
using TextInpaint.Data.SynthBirds;

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

    /// <summary>Whether the folder holds a complete SynthBirds data set (with part maps and attributes): its manifest, written last, marks it.</summary>
    public static bool IsSynthBirds(string root) => File.Exists(Path.Combine(root, SynthBirdsManifest.FileName));

    /// <summary>Reads one split of the data set at <paramref name="root"/>; <paramref name="kind"/> "auto" detects the layout.</summary>
    public static CaptionedDataset Open(string root, Split split, string kind = Auto)
    {
        if (kind != Auto && !DatasetKind.All.Contains(kind))
            throw new UserInputException($"unknown data set kind '{kind}'; known kinds: {Auto}, {string.Join(", ", DatasetKind.All)}.");
        CheckRoot(root);
        var resolved = kind == Auto ? DetectKind(root) : kind;
        return resolved switch
        {
            DatasetKind.Birds => CubBirdsLayout.Open(root, split),
            DatasetKind.Folder => ImageFolderLayout.Open(root, split),
            _ => AttnGanLayout.Open(root, split, resolved, Path.Combine(root, DatasetLayout.ImagesFolder)),
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
            return DatasetKind.SynthBirds;
        if (Directory.Exists(Path.Combine(root, CubBirdsLayout.CubFolder)))
            return DatasetKind.Birds;
        if (Directory.Exists(Path.Combine(root, DatasetLayout.ImagesFolder)) && Directory.Exists(Path.Combine(root, DatasetLayout.TextFolder)))
        {
            var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)));
            return name.Contains("celeb", StringComparison.OrdinalIgnoreCase) ? DatasetKind.CelebA : DatasetKind.Flowers;
        }
        if (ImageFolderLayout.Looks(root))
            return DatasetKind.Folder;
        throw new UserInputException(
            $"{root}: cannot tell the data set layout; expected {SynthBirdsManifest.FileName}, a {CubBirdsLayout.CubFolder}/ folder, " +
            "images/ with text/ (AttnGAN layout), or image files with a .txt caption file beside each.");
    }

    private static void CheckRoot(string root)
    {
        if (!Directory.Exists(root))
            throw new UserInputException(File.Exists(root) ? $"{root}: is a file, not a data set folder." : $"{root}: no such data set folder.");
    }
}
