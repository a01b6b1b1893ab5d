namespace TextInpaint.Data.SynthBirds;

/// <summary>What <see cref="SynthBirdsWriter.Write"/> did.</summary>
public sealed record SynthBirdsResult(
    string OutputFolder,
    int Count,
    int TrainCount,
    int TestCount,
    string PreviewPath,
    bool AlreadyComplete,
    TimeSpan Elapsed);
