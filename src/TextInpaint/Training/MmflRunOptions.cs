using TextInpaint.Models.Mmfl;

namespace TextInpaint.Training;

/// <summary>
/// Everything that decides an MMFL training run: the network (<see cref="Preset"/> and its
/// switches, which <c>model.json</c> keeps), the <see cref="Recipe"/> (<c>training.json</c>), and
/// how the run is watched and where it is written, which may change from one resume to the next.
/// </summary>
/// <param name="Output">The model folder: config, generator, DAMSM copy, checkpoints, metrics, samples.</param>
/// <param name="Preset">Network sizes: a name from <see cref="MmflPreset.All"/> or <see cref="HistoricalPresets.All"/>.</param>
/// <param name="NoText">Train the image-only baseline: the generator is given no caption.</param>
/// <param name="NoWordDemand">Train without the Word Demand Module (an ablation).</param>
/// <param name="SampleEvery">Steps between sample sheets (also written at each checkpoint).</param>
/// <param name="ValidationImages">Test images whose hole L1 and PSNR are logged at each checkpoint.</param>
public sealed record MmflRunOptions(
    MmflRecipe Recipe,
    string Output,
    string Preset = MmflPreset.DefaultName,
    bool NoText = false,
    bool NoWordDemand = false,
    string Device = "cpu",
    int CheckpointEvery = 500,
    int SampleEvery = 500,
    int LogEvery = 20,
    int ValidationImages = 256);
