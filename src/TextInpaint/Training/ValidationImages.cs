using TextInpaint.Data;

namespace TextInpaint.Training;

/// <summary>The test images a training run watches at its checkpoints.</summary>
internal static class ValidationImages
{
    /// <summary>
    /// The first <paramref name="count"/> entries of the test split; null when count is 0 or the
    /// data set has no readable test split (the run then trains without validation).
    /// </summary>
    public static CaptionedDataset? Head(string data, string kind, int count)
    {
        if (count <= 0) return null;
        CaptionedDataset test;
        try
        {
            test = DatasetLoader.Open(data, Split.Test, kind);
        }
        catch (UserInputException)
        {
            return null;
        }
        return new CaptionedDataset(test.Root, test.Kind, test.Split, test.Entries.Take(count).ToList());
    }
}
