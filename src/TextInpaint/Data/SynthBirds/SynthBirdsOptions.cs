namespace TextInpaint.Data.SynthBirds;

/// <summary>
/// What data set to write: Count images of Size x Size (a positive multiple of 16) from Seed,
/// with TestFraction of them in the test split. Overwrite allows writing into a folder that
/// already holds other files.
/// </summary>
public sealed record SynthBirdsOptions(
    string OutputFolder,
    int Count = 10_000,
    int Size = 64,
    int Seed = 1,
    double TestFraction = 0.15,
    bool Overwrite = false);
