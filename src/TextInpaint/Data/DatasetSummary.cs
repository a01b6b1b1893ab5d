using System.Text.RegularExpressions;

namespace TextInpaint.Data;

/// <summary>
/// What a data set holds, for users preparing their own: its kind, split sizes, classes and
/// caption statistics over both splits. Words here are runs of letters, digits and apostrophes,
/// lower-cased; the vocabulary is the number of distinct words.
/// </summary>
public sealed partial record DatasetSummary(
    string Kind,
    int TrainCount,
    int TestCount,
    int ClassCount,
    int CaptionCount,
    int MinWordsPerCaption,
    double MeanWordsPerCaption,
    int MaxWordsPerCaption,
    int VocabularySize,
    IReadOnlyList<string> SampleCaptions)
{
    /// <summary>Opens both splits of the data set at <paramref name="root"/> and summarises them.</summary>
    public static DatasetSummary Of(string root, string kind = DatasetLoader.Auto)
    {
        var train = DatasetLoader.Open(root, Split.Train, kind);
        var test = DatasetLoader.Open(root, Split.Test, train.Kind);
        return Of(train, test);
    }

    public static DatasetSummary Of(CaptionedDataset train, CaptionedDataset test)
    {
        var entries = train.Entries.Concat(test.Entries).ToList();
        var captions = entries.SelectMany(entry => entry.Captions).ToList();
        var words = captions.Select(caption => Words(caption).ToList()).ToList();
        var counts = words.Select(list => list.Count).ToList();
        var vocabulary = words.SelectMany(list => list).ToHashSet(StringComparer.Ordinal);
        return new DatasetSummary(
            train.Kind,
            train.Count,
            test.Count,
            entries.Select(entry => entry.ClassId).Distinct().Count(),
            captions.Count,
            counts.Min(),
            counts.Average(),
            counts.Max(),
            vocabulary.Count,
            [train.Entries[0].Captions[0], test.Entries[0].Captions[0]]);
    }

    /// <summary>The lower-cased words of a caption.</summary>
    public static IEnumerable<string> Words(string caption) =>
        WordPattern().Matches(caption).Select(match => match.Value.ToLowerInvariant());

    [GeneratedRegex(@"[\p{L}\p{N}']+")]
    private static partial Regex WordPattern();
}
