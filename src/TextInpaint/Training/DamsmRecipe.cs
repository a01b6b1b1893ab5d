using TextInpaint.Data;

namespace TextInpaint.Training;

/// <summary>
/// How the DAMSM encoders are trained: the data, batches, learning rate and its schedule, epochs,
/// seed and augmentation. The folder keeps it as <c>training.json</c> (the data set by its name
/// only) and each checkpoint a copy; a resumed run must ask for the same one (only
/// <see cref="Epochs"/> may grow). The encoders themselves are <see cref="DamsmConfig"/>, in <c>damsm.json</c>.
/// </summary>
/// <param name="Data">Data set root (any layout <see cref="DatasetLoader"/> reads).</param>
/// <param name="Epochs">Passes over the training split; a resumed run may raise it.</param>
/// <param name="LearningRateDecay">Factor applied to the learning rate after every epoch while it is above a tenth of
/// <paramref name="LearningRate"/> (AttnGAN's schedule: 0.98); 1 keeps it constant.</param>
/// <param name="RandomCrop">Load each image at 76/64 of the size and crop a random square of the size from it (AttnGAN's augmentation).</param>
public sealed record DamsmRecipe(
    string Data,
    string DataKind = DatasetLoader.Auto,
    int BatchSize = 32,
    int Epochs = 40,
    double LearningRate = 2e-3,
    double LearningRateDecay = 1,
    int Seed = 1,
    bool RandomCrop = false)
{
    /// <summary>The learning rate of epoch <paramref name="epoch"/> (0-based) under <see cref="LearningRateDecay"/>.</summary>
    public double LearningRateAt(int epoch)
    {
        double rate = LearningRate;
        for (int i = 0; i < epoch && rate > LearningRate / 10; i++)
            rate *= LearningRateDecay;
        return rate;
    }

    /// <summary>The recipe as the folder keeps it: the data set by its own name.</summary>
    public DamsmRecipe ForRecord() => this with { Data = MmflRecipe.FolderName(Data) };
}
