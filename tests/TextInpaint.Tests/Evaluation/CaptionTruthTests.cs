using TextInpaint.Data;
using TextInpaint.Data.Batching;
using TextInpaint.Data.SynthBirds;
using TextInpaint.Evaluation;
using TextInpaint.Tests.TestData;
using TextInpaint.Text;

namespace TextInpaint.Tests.Evaluation;

public sealed class CaptionTruthTests
{
    [Fact]
    public void On_synthbirds_a_caption_is_true_of_its_own_image_and_false_of_a_bird_that_differs()
    {
        using var temp = new TempFolder();
        SynthBirdsWriter.Write(new SynthBirdsOptions(temp.Combine("birds"), Count: 60, Size: 32, Seed: 3), null, CancellationToken.None);
        var test = DatasetLoader.Open(temp.Combine("birds"), Split.Test);
        var samples = new CaptionedImageDataset(test, new CaptionEncoder(Vocabulary.Build(test.Entries.SelectMany(e => e.Captions))),
            new CaptionedImageOptions(32) { Augmentation = AugmentationOptions.None });

        var isTrueOf = CaptionTruth.For(test, samples);

        Assert.NotNull(isTrueOf);
        int n = test.Count, falsePairs = 0;
        for (int c = 0; c < n; c++)
        {
            Assert.True(isTrueOf!(c, c), $"the caption drawn for {test.Entries[c].Key} is not true of its own image");
            for (int i = 0; i < n; i++)
                if (!isTrueOf(i, c)) falsePairs++;
        }
        Assert.True(falsePairs > n * (n - 1) / 2, $"only {falsePairs} of {n * (n - 1)} cross pairs were false");
    }

    [Fact]
    public void Data_sets_without_ground_truth_have_no_caption_truth()
    {
        using var temp = new TempFolder();
        ToyColourSquares.Write(temp.Path, trainCount: 4, testCount: 2);
        var test = DatasetLoader.Open(temp.Path, Split.Test);
        var samples = new CaptionedImageDataset(test, new CaptionEncoder(Vocabulary.Build(test.Entries.SelectMany(e => e.Captions))),
            new CaptionedImageOptions(32));

        Assert.Null(CaptionTruth.For(test, samples));
    }
}
