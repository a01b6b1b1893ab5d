using TextInpaint.Data.SynthBirds;
using TextInpaint.Training;

namespace TextInpaint.Tests.TestData;

/// <summary>
/// A tiny model folder for tests that need one: SynthBirds at 32x32 (48 birds), DAMSM encoders and a
/// `tiny` MMFL network each trained for one epoch. One for the whole torch collection (its fixture), trained
/// when a test first asks for it: training is the slow part, the tests only read the folders, and their
/// collection runs them one at a time. A test that writes into a model folder works on a copy (<see cref="CopyTo"/>).
/// </summary>
public sealed class TinyModel : IDisposable
{
    private readonly TempFolder temp = new();
    private readonly Lazy<bool> trained;

    public TinyModel() => trained = new(() =>
    {
        SynthBirdsWriter.Write(new SynthBirdsOptions(temp.Combine("birds"), Count: 48, Size: 32, Seed: 2, TestFraction: 0.25), null, CancellationToken.None);
        Train(temp.Combine("birds"), temp.Combine("damsm"), temp.Combine("model"));
        return true;
    });

    /// <summary>Trains tiny DAMSM encoders into <paramref name="damsmFolder"/>, then a `tiny` model on them into <paramref name="modelFolder"/>,
    /// one epoch each.</summary>
    public static void Train(string data, string damsmFolder, string modelFolder)
    {
        new DamsmTrainer(new DamsmRunOptions(new DamsmRecipe(data, BatchSize: 8, Epochs: 1), Output: damsmFolder, ImageSize: 32,
            ValidationImages: 0, EmbeddingSize: 16, HiddenPerDirection: 8, ImageEncoderWidth: 8)).Run();
        new MmflTrainer(new MmflRunOptions(new MmflRecipe(data, damsmFolder, BatchSize: 8, Epochs: 1), Output: modelFolder,
            Preset: "tiny", CheckpointEvery: 100, SampleEvery: 0, LogEvery: 1, ValidationImages: 0)).Run();
    }

    /// <summary>The SynthBirds data set the model was trained on.</summary>
    public string Data => Trained("birds");

    /// <summary>The model folder.</summary>
    public string Folder => Trained("model");

    /// <summary>Copies the data set and the model folder into <paramref name="folder"/> (as `birds` and `model`), for a test that writes beside them.</summary>
    public void CopyTo(TempFolder folder)
    {
        foreach (var name in new[] { "birds", "model" })
            CopyFolder(Trained(name), folder.Combine(name));
    }

    private string Trained(string name)
    {
        _ = trained.Value;
        return temp.Combine(name);
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var folder in Directory.EnumerateDirectories(from))
            CopyFolder(folder, Path.Combine(to, Path.GetFileName(folder)));
    }

    public void Dispose() => temp.Dispose();
}
