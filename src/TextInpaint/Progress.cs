namespace TextInpaint;

/// <summary>
/// What a long job tells its caller: which stage, how far (Done of Total), and named figures
/// such as losses or images/s. The library reports through <see cref="IProgress{T}"/>; the
/// command line draws it as a progress bar.
/// </summary>
public sealed record JobProgress(string Stage, long Done, long Total, IReadOnlyDictionary<string, double>? Figures = null);
