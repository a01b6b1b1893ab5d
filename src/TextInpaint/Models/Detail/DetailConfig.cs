namespace TextInpaint.Models.Detail;

/// <summary>
/// What a detail model folder records of its network (<c>detail.json</c>): enough to rebuild and
/// use it, and nothing of how it was trained (that is <c>training.json</c>).
/// </summary>
/// <param name="Side">The side of the windows it paints: a fill cuts its window around the hole at this side.</param>
/// <param name="Network">The detail generator's sizes.</param>
/// <param name="Base">The name of the MMFL model whose fill it paints over, kept whole in the folder's <c>base/</c>.</param>
public sealed record DetailConfig(int Side, DetailNetwork Network, string Base)
{
    public const string Format = "textinpaint-detail";
    public string Kind { get; init; } = Format;

    public const int CurrentVersion = 1;
    public int Version { get; init; } = CurrentVersion;
}
