using TextInpaint.Data;
using TextInpaint.Data.Masks;

namespace TextInpaint.Training;

/// <summary>
/// How a detail stage is trained (docs/method.md section 13): the data, the holes, the windows and
/// crops, the batches, the loss terms, the optimiser and the schedule. A detail model folder keeps
/// it as <c>training.json</c> (folders by their names only), each checkpoint keeps a copy, and a
/// resumed run must ask for the same one; only <see cref="Epochs"/> may grow. The network itself is
/// <see cref="Models.Detail.DetailConfig"/>, in <c>detail.json</c>.
/// </summary>
/// <param name="Data">Data set root (any layout <see cref="DatasetLoader"/> reads), rendered at least at <see cref="SourceSize"/>.</param>
/// <param name="Base">The MMFL model folder whose fill the stage paints over; frozen, and copied whole into the run's <c>base/</c>.</param>
/// <param name="Mask">The holes trained on (every kind a person makes by default).</param>
/// <param name="SourceSize">The side images are loaded at: the hole (and any edit) is made there and the window cut around it at the
/// detail side by the code a fill uses (<see cref="Data.Batching.InpaintingDatasetOptions.SourceSize"/>).</param>
/// <param name="Crop">The side of the square of each window the stage trains on, placed at random over a hole pixel (the whole
/// window when it equals the detail side): the generator is fully convolutional, and a crop costs a quarter of a 256 window at 128.</param>
/// <param name="BatchSize">Windows per batch.</param>
/// <param name="Epochs">Passes over the training split; a resumed run may raise it.</param>
/// <param name="Seed">Seed of the initial weights, the data order, the holes, edits, crops and the base's noise.</param>
public sealed record DetailRecipe(
    string Data,
    string Base,
    string DataKind = DatasetLoader.Auto,
    MaskKind Mask = MaskKind.Any,
    int SourceSize = 256,
    int Crop = 128,
    int BatchSize = 8,
    int Epochs = 10,
    int Seed = 1)
{
    /// <summary>
    /// The share of samples that are edited pairs (SynthBirds; see
    /// <see cref="Data.Batching.InpaintingDatasetOptions.CaptionEditProbability"/>): there the caption, through the base's
    /// fill, not the visible edge, says a hidden part's colour, so the stage learns to keep the colours of the fill.
    /// </summary>
    public double CaptionEdits { get; init; }

    /// <summary>
    /// The share of windows whose fill under the stage is the truth itself brought down to the base's side and back up, what a
    /// perfect base would give, instead of the base's fill. Only then can the hole L1 tell the stage where the truth's edges lie
    /// from the fill alone: over the base's fill it learns that they cannot be told, and keeps the fill's blur.
    /// </summary>
    public double TruthFills { get; init; }

    public DetailLossWeights Weights { get; init; } = new();

    /// <summary>The patch discriminator's first width (with an adversarial weight only).</summary>
    public int DiscriminatorWidth { get; init; } = 32;

    /// <summary>Adam as MMFL trains (lr 2e-4, betas 0.5 and 0.999), with the same optional linear decay.</summary>
    public MmflOptimizerOptions Optimizer { get; init; } = new();

    /// <summary>The recipe as a model folder keeps it: every folder reduced to its own name.</summary>
    public DetailRecipe ForRecord() => this with { Data = MmflRecipe.FolderName(Data), Base = MmflRecipe.FolderName(Base) };
}
