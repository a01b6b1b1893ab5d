using TextInpaint.Models.Detail;
using TextInpaint.Training;

namespace TextInpaint.Tests.TestData;

/// <summary>
/// A tiny detail model folder for tests that need one: a <see cref="TinyModel"/> (32x32) as its base and a detail stage of
/// small widths at <see cref="Side"/>, trained for one epoch on crops of the base's SynthBirds loaded at that side.
/// Made once per test class that uses it, over the torch collection's shared base.
/// </summary>
public sealed class TinyDetailModel : IDisposable
{
    /// <summary>The side of the windows the stage paints.</summary>
    public const int Side = 128;

    public static readonly DetailNetwork Network = new(FullWidth: 8, HalfWidth: 16, QuarterWidth: 16, ResidualBlocks: 2);

    private readonly TempFolder temp = new();

    public TinyDetailModel(TinyModel tinyBase)
    {
        Base = tinyBase;
        new DetailTrainer(Options(Base.Data, Base.Folder, Folder)).Run();
    }

    /// <summary>The options of a one-epoch run at <see cref="Side"/> over <paramref name="baseFolder"/>, into <paramref name="output"/>.</summary>
    public static DetailRunOptions Options(string data, string baseFolder, string output) =>
        new(new DetailRecipe(data, baseFolder, SourceSize: Side, Crop: 32, BatchSize: 4, Epochs: 1), output, Side: Side,
            CheckpointEvery: 100, SampleEvery: 0, LogEvery: 1, ValidationImages: 0) { Network = Network };

    /// <summary>The MMFL model the stage paints over (the original, of which the folder holds a copy).</summary>
    public TinyModel Base { get; }

    /// <summary>The detail model folder.</summary>
    public string Folder => temp.Combine("detail");

    public void Dispose() => temp.Dispose();
}
