using TextInpaint.Models;
using TorchSharp;

namespace TextInpaint.Storage;

/// <summary>
/// A model folder of either kind a fill can use: a detail model (<c>detail.json</c>, <see cref="DetailFolder"/>) or an
/// MMFL model alone (<c>model.json</c>, <see cref="MmflFolder"/>).
/// </summary>
public static class ModelFolder
{
    public static bool Exists(string folder) => DetailFolder.Exists(folder) || MmflFolder.Exists(folder);

    /// <summary>Loads the model of either kind in evaluation mode on <paramref name="device"/>.</summary>
    public static IWindowModel Load(string folder, torch.Device device) =>
        DetailFolder.Exists(folder) ? DetailFolder.Load(folder, device) : MmflFolder.Load(folder, device);

    /// <summary>The training steps of the folder's own network: the detail stage's, or the MMFL generator's (<see cref="MmflFolder.TrainingStep"/>).</summary>
    public static long TrainingStep(string folder) => DetailFolder.Exists(folder) ? RunLayout.StepsTrained(folder) : MmflFolder.TrainingStep(folder);
}
