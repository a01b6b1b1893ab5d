namespace TextInpaint.Models.Mmfl;

/// <summary>
/// What a model folder records about its MMFL network (<c>model.json</c>): enough to rebuild and
/// use it, and nothing of how it was trained (that is <c>training.json</c>).
/// </summary>
/// <param name="Preset">The network's sizes and design switches.</param>
/// <param name="UsesText">False for the image-only baseline trained with `--no-text`.</param>
public sealed record MmflConfig(MmflPreset Preset, bool UsesText)
{
    /// <summary>False for the "without WDM" ablation trained with `--no-word-demand`.</summary>
    public bool UsesWordDemand { get; init; } = true;

    /// <summary>The trained model whose generator this one started from (`train --init-from`), or null for random initial weights.</summary>
    public MmflInitialWeights? InitialisedFrom { get; init; }

    public const string Format = "textinpaint-mmfl";
    public string Kind { get; init; } = Format;

    /// <summary>
    /// Version 2 keeps the network only. Version 1 also held training fields (the preset's batch
    /// size, grayscale chance and TGA map switches, the training mask, the data set's name) and
    /// values derived from the sizes; they are ignored when it is read, and the network is the same.
    /// </summary>
    public const int CurrentVersion = 2;
    public int Version { get; init; } = CurrentVersion;
}
