using TextInpaint.Models.Detail;

namespace TextInpaint.Training;

/// <summary>
/// Everything that decides a detail training run: the network (<see cref="Side"/> and
/// <see cref="Network"/>, which <c>detail.json</c> keeps), the <see cref="Recipe"/>
/// (<c>training.json</c>), and how the run is watched and where it is written, which may change
/// from one resume to the next.
/// </summary>
/// <param name="Output">The detail model folder: config, weights, the base's copy, checkpoints, metrics, samples.</param>
/// <param name="Side">The side of the windows the stage paints: a fill cuts its window at this side.</param>
/// <param name="ValidationImages">Test images whose hole L1 and PSNR, and the base's, are logged at each checkpoint.</param>
public sealed record DetailRunOptions(
    DetailRecipe Recipe,
    string Output,
    int Side = 256,
    string Device = "cpu",
    int CheckpointEvery = 500,
    int SampleEvery = 500,
    int LogEvery = 20,
    int ValidationImages = 256)
{
    /// <summary>The detail generator's sizes.</summary>
    public DetailNetwork Network { get; init; } = new();
}
