using TextInpaint.Imaging;

namespace TextInpaint.Inference;

/// <summary>
/// A picture of how the caption was used: the model's input square and its result, then one panel
/// per word read, with the word's demand weight (how much the masked image needed it) and where
/// the word was placed, in red over the result.
/// </summary>
public static class ExplanationFigure
{
    public static RgbImage Render(InpaintResult result, string caption, int displayHeight = 128)
    {
        if (result.ModelInput is null || result.ModelOutput is null)
            throw new ArgumentException("the result has no hole to explain", nameof(result));
        var cells = new List<SheetCell>
        {
            new([new SheetImage(result.ModelInput, "input"), new SheetImage(result.ModelOutput, "result")], $"\"{caption}\""),
        };
        var words = result.Words.Where(word => word.Attention is not null).Select(word =>
        {
            var label = word.Known ? $"{word.Word} {word.Demand:0.00}" : $"{word.Word} (unknown)";
            return new SheetImage(HeatMaps.Overlay(result.ModelOutput, SpatialShare(word.Attention!), result.AttentionSide), label);
        }).ToList();
        const int wordsPerRow = 6;
        for (int start = 0; start < words.Count; start += wordsPerRow)
            cells.Add(new SheetCell(words.Skip(start).Take(wordsPerRow).ToList(),
                start == 0 ? $"each word: its demand weight, and where it was placed (red); {result.DemandEntropyText}" : null));
        return ContactSheet.Render(cells, new ContactSheetOptions(Columns: 1, ImageHeight: displayHeight, Smooth: true,
            Title: "which words were used, and where"));
    }

    public static void Save(InpaintResult result, string caption, string path) =>
        ImageFiles.SavePng(Render(result, caption), path);

    /// <summary>A word's attention (a share of each position) as a distribution over positions.</summary>
    private static float[] SpatialShare(float[] attention)
    {
        float total = attention.Sum();
        return total > 0 ? attention.Select(a => a / total).ToArray() : attention;
    }
}
