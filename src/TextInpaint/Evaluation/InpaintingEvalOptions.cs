using TextInpaint.Data;
using TextInpaint.Data.Masks;

namespace TextInpaint.Evaluation;

/// <summary>What `textinpaint eval` measures.</summary>
/// <param name="Model">Model folder written by `textinpaint train` or `textinpaint train-detail`.</param>
/// <param name="Data">Data set root; its test split is used.</param>
/// <param name="Output">Folder for the table, CSV and sheet (default: the model folder's eval/).</param>
/// <param name="Mask">The hole every test image gets.</param>
/// <param name="Limit">Test images to use (0: all).</param>
/// <param name="Methods">The methods to run (see <see cref="EvalMethods.All"/>); null or empty: all.</param>
/// <param name="Compare">Other trained models (ablations, the image-only `--no-text` model), each run with the true caption under its name.</param>
/// <param name="Size">Side the test images are evaluated at; null: a SynthBirds data set's own (its part maps'), otherwise the model's.
/// Every model fills through the window a fill cuts (<see cref="Imaging.ModelWindow"/>), whatever its own size.</param>
/// <param name="Overwrite">Write into <paramref name="Output"/> even when it holds files an earlier eval did not
/// write (see <see cref="OutputFolder"/>).</param>
/// <param name="Features">Read every output and truth with the ImageNet ResNet-18 for FID (ResNet-18) and the feature
/// distance; false leaves both out (the network reads each image at 224x224, most of a small evaluation's time).</param>
public sealed record InpaintingEvalOptions(
    string Model,
    string Data,
    string? Output = null,
    string DataKind = DatasetLoader.Auto,
    MaskKind Mask = MaskKind.Centre,
    int Limit = 0,
    int BatchSize = 32,
    int Seed = 1,
    string Device = "cpu",
    IReadOnlyList<string>? Methods = null,
    IReadOnlyList<ComparedModel>? Compare = null,
    int? Size = null,
    bool Overwrite = false,
    bool Features = true);
