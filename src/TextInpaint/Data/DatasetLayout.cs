namespace TextInpaint.Data;

/// <summary>
/// The names of the folders and files of a data set in AttnGAN's layout, which every kind but
/// <see cref="DatasetKind.Folder"/> uses, and of the ground truth that SynthBirds adds to it.
/// </summary>
public static class DatasetLayout
{
    /// <summary>Images named &lt;key&gt;.png or .jpg (CUB birds keep theirs under <c>CUB_200_2011/images/</c>).</summary>
    public const string ImagesFolder = "images";

    /// <summary>Captions, one a line, in &lt;key&gt;.txt.</summary>
    public const string TextFolder = "text";

    /// <summary>SynthBirds: part-label images named &lt;key&gt;.png (R channel: part label, 0 = background).</summary>
    public const string PartsFolder = "parts";

    /// <summary>SynthBirds: each bird's attributes and the mentions of its captions, in &lt;key&gt;.json.</summary>
    public const string AttributesFolder = "attributes";

    /// <summary>In each split's folder: the split's keys as a pickled list (AttnGAN's form) or one a line.</summary>
    public const string KeyListPickle = "filenames.pickle", KeyListText = "filenames.txt";

    /// <summary>In each split's folder, optional: a class id per key.</summary>
    public const string ClassInfoPickle = "class_info.pickle";

    /// <summary>The folder of a split's lists.</summary>
    public static string SplitFolder(Split split) => split == Split.Train ? "train" : "test";

    /// <summary>A SynthBirds bird's part map.</summary>
    public static string PartsFile(string root, string key) => Path.Combine(root, PartsFolder, key + ".png");

    /// <summary>A SynthBirds bird's attributes.</summary>
    public static string AttributesFile(string root, string key) => Path.Combine(root, AttributesFolder, key + ".json");
}
