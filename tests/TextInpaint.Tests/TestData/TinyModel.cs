using TextInpaint.Data.SynthBirds;
using TextInpaint.Training;

namespace TextInpaint.Tests.TestData;

/// <summary>
/// A tiny model folder for tests that need one: SynthBirds at 32x32 (48 birds), DAMSM encoders and a
/// `tiny` MMFL network each trained for one epoch. Made once per test class that uses it.
/// </summary>
public sealed class TinyModel : IDisposable
{
    private readonly TempFolder temp = new();

    public TinyModel()
    {
        SynthBirdsWriter.Write(new SynthBirdsOptions(Data, Count: 48, Size: 32, Seed: 2, TestFraction: 0.25), null, CancellationToken.None);
        Train(Data, temp.Combine("damsm"), Folder);
    }

    /// <summary>Trains tiny DAMSM encoders into <paramref name="damsmFolder"/>, then a `tiny` model on them into <paramref name="modelFolder"/>, one epoch each.</summary>
    public static void Train(string data, string damsmFolder, string modelFolder)
    {
        new DamsmTrainer(new DamsmRunOptions(new DamsmRecipe(data, BatchSize: 8, Epochs: 1), Output: damsmFolder, ImageSize: 32,
            ValidationImages: 0, EmbeddingSize: 16, HiddenPerDirection: 8, ImageEncoderWidth: 8)).Run();
        new MmflTrainer(new MmflRunOptions(new MmflRecipe(data, damsmFolder, BatchSize: 8, Epochs: 1), Output: modelFolder,
            Preset: "tiny", CheckpointEvery: 100, SampleEvery: 0, LogEvery: 1, ValidationImages: 0)).Run();
    }

    /// <summary>The SynthBirds data set the model was trained on.</summary>
    public string Data => temp.Combine("birds");

    /// <summary>The model folder.</summary>
    public string Folder => temp.Combine("model");

    public void Dispose() => temp.Dispose();
}
