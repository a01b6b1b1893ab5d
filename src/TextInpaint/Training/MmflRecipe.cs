using TextInpaint.Data;
using TextInpaint.Data.Masks;
using TextInpaint.Models.Mmfl;

namespace TextInpaint.Training;

/// <summary>
/// How an MMFL network is trained: the data, the holes, the caption edits, the batches, the loss
/// terms and the TGA map, the optimiser and the schedule. A model folder keeps it as
/// <c>training.json</c> (folders by their names only), each checkpoint keeps a copy, and a resumed
/// run must ask for the same one (<see cref="Storage.ConfigDifferences"/>); only
/// <see cref="Epochs"/> may grow. The network itself is <see cref="MmflConfig"/>, in <c>model.json</c>.
/// </summary>
/// <param name="Data">Data set root (any layout <see cref="DatasetLoader"/> reads).</param>
/// <param name="Damsm">Folder of the trained DAMSM encoders (from train-damsm), copied into the model folder;
/// null when <see cref="InitFrom"/> gives them.</param>
/// <param name="Mask">The holes trained on.</param>
/// <param name="BatchSize">Images per batch.</param>
/// <param name="Epochs">Passes over the training split; a resumed run may raise it.</param>
/// <param name="Seed">Seed of the initial weights, the data order, the holes, edits and noise.</param>
public sealed record MmflRecipe(
    string Data,
    string? Damsm,
    string DataKind = DatasetLoader.Auto,
    MaskKind Mask = MaskKind.Centre,
    int BatchSize = 16,
    int Epochs = 30,
    int Seed = 1)
{
    /// <summary>
    /// A trained model folder whose generator weights the run starts from, with that model's own
    /// DAMSM encoders (in place of <see cref="Damsm"/>); the discriminator and both optimisers
    /// start afresh. Null: random initial weights.
    /// </summary>
    public string? InitFrom { get; init; }

    /// <summary>
    /// Null: whole images at the model's size. Otherwise the side the images are loaded at before the user's windows
    /// are cut (<see cref="Data.Batching.InpaintingDatasetOptions.SourceSize"/>).
    /// </summary>
    public int? SourceSize { get; init; }

    /// <summary>
    /// The share of training samples that are edited pairs (SynthBirds only; see
    /// <see cref="Data.Batching.InpaintingDatasetOptions.CaptionEditProbability"/>).
    /// </summary>
    public double CaptionEdits { get; init; }

    /// <summary>
    /// The chance that a training image is turned grey (the released code's random grayscale, 0.1; 0 by default,
    /// since a grey bird contradicts a caption that names its colours).
    /// </summary>
    public double GrayscaleProbability { get; init; }

    /// <summary>Which map weights the text-guided attention loss.</summary>
    public TextAttentionMapSource TextAttentionMap { get; init; } = TextAttentionMapSource.Parts;

    public MmflLossWeights Weights { get; init; } = new();

    public MmflOptimizerOptions Optimizer { get; init; } = new();

    /// <summary>
    /// The recipe a preset trains with unless told otherwise: MMFL's released recipe for
    /// <c>paper</c> (batch 4, random grayscale 0.1, the generator's TGA map), the generator's map
    /// for the first shipped design (<see cref="HistoricalPresets.Synth64FirstDesign"/>), and
    /// batch 16, no grayscale and the named parts' map for the others.
    /// </summary>
    public static MmflRecipe For(string preset, string data, string? damsm) => preset.Trim().ToLowerInvariant() switch
    {
        "paper" => new MmflRecipe(data, damsm, BatchSize: 4) { GrayscaleProbability = 0.1, TextAttentionMap = TextAttentionMapSource.Generator },
        "synth64-v1" => new MmflRecipe(data, damsm) { TextAttentionMap = TextAttentionMapSource.Generator },
        _ => new MmflRecipe(data, damsm),
    };

    /// <summary>
    /// The recipe as a model folder keeps it: every folder reduced to its own name, as
    /// <c>model.json</c> records no path of the machine the model was trained on, and no DAMSM
    /// folder when the encoders come with <see cref="InitFrom"/>.
    /// </summary>
    public MmflRecipe ForRecord() => this with
    {
        Data = FolderName(Data),
        Damsm = InitFrom is null && Damsm is not null ? FolderName(Damsm) : null,
        InitFrom = InitFrom is { } start ? FolderName(start) : null,
    };

    /// <summary>A folder's own name: what a model folder records of a path.</summary>
    public static string FolderName(string folder) => Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));
}

