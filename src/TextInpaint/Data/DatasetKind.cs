namespace TextInpaint.Data;

/// <summary>The kinds of captioned data set that <see cref="DatasetLoader"/> reads.</summary>
public static class DatasetKind
{
    public const string SynthBirds = "synthbirds", Birds = "birds", Flowers = "flowers", CelebA = "celeba", Folder = "folder";

    public static readonly IReadOnlyList<string> All = [SynthBirds, Birds, Flowers, CelebA, Folder];
}
