using TextInpaint.Data;

namespace TextInpaint.Tests.Data;

public sealed class DatasetSummaryTests : IDisposable
{
    private readonly TempFolder _root = new();

    public void Dispose() => _root.Dispose();

    private static DatasetEntry Entry(string key, int classId, params string[] captions) =>
        new(key, $"{key}.png", captions, classId);

    [Fact]
    public void Counts_classes_caption_lengths_and_distinct_words_over_both_splits()
    {
        var train = new CaptionedDataset("root", "flowers", Split.Train,
            [Entry("a", 1, "A red flower.", "Red petals, red stem"), Entry("b", 2, "the bird's wing")]);
        var test = new CaptionedDataset("root", "flowers", Split.Test, [Entry("c", 2, "one")]);

        var summary = DatasetSummary.Of(train, test);

        Assert.Equal("flowers", summary.Kind);
        Assert.Equal((2, 1, 2, 4), (summary.TrainCount, summary.TestCount, summary.ClassCount, summary.CaptionCount));
        Assert.Equal((1, 4), (summary.MinWordsPerCaption, summary.MaxWordsPerCaption));
        Assert.Equal(2.75, summary.MeanWordsPerCaption, 6);
        // a, red, flower, petals, stem, the, bird's, wing, one
        Assert.Equal(9, summary.VocabularySize);
        Assert.Equal(["A red flower.", "one"], summary.SampleCaptions);
    }
}
