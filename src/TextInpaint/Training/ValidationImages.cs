using TextInpaint.Data;

namespace TextInpaint.Training;

/// <summary>The test images a training run watches at its checkpoints.</summary>
internal static class ValidationImages
{
    /// <summary>
    /// The first <paramref name="count"/> entries of the test split; null when count is 0 (the run
    /// then trains without validation). A test split that cannot be read, or has no images, stops
    /// the run with a message that says so.
    /// </summary>
    public static CaptionedDataset? Head(string data, string kind, int count)
    {
        if (count <= 0) return null;
        CaptionedDataset test;
        try
        {
            test = DatasetLoader.Open(data, Split.Test, kind);
        }
        catch (UserInputException e)
        {
            throw new UserInputException($"{e.Message} (the test split is read for validation; give --validation-images 0 to train without it)", e);
        }
        if (test.Count == 0)
            throw new UserInputException($"{data}: the test split has no images to validate on; give --validation-images 0 to train without validation.");
        return new CaptionedDataset(test.Root, test.Kind, test.Split, test.Entries.Take(count).ToList());
    }
}
