using TextInpaint.Models.Damsm;
using TextInpaint.Data.Batching;
using TextInpaint.Imaging;
using TextInpaint.Storage;
using static TorchSharp.torch;
using TextInpaint.Runtime;

namespace TextInpaint.Evaluation;

/// <summary>
/// A picture of where each word of a caption looks: for a few images, the image and one heat
/// map per word (the DAMSM word-to-region attention, normalised per word, over a dimmed copy).
/// </summary>
public static class WordAttentionFigure
{
    public static void Save(DamsmEncoders encoders, CaptionedImageDataset samples, IReadOnlyList<int> indices, Device device, string path,
        int displayHeight = 96)
    {
        var cells = new List<SheetCell>();
        using (no_grad())
        using (var scope = StepScope.Open())
        {
            encoders.Text.eval();
            encoders.Image.eval();
            var batch = samples.Batch(indices, device);
            var lengths = batch.CaptionLengths;
            var text = encoders.Text.forward(batch.Captions, lengths);
            var image = encoders.Image.forward(batch.Images);
            var attention = encoders.Config.Matching.OwnWordAttention(image.Regions, text.Words, lengths).cpu(); // [B, T, R]
            int grid = (int)Math.Round(Math.Sqrt(attention.shape[2]));

            for (int b = 0; b < indices.Count; b++)
            {
                var sample = samples.GetSample(indices[b]);
                var words = sample.Caption.Ids.Take(sample.Caption.Length).Select(id => encoders.Vocabulary.WordAt((int)id)).ToList();
                var images = new List<SheetImage> { new(sample.Image, "image", displayHeight) };
                for (int t = 0; t < words.Count; t++)
                {
                    var map = attention[b, t].data<float>().ToArray();
                    images.Add(new SheetImage(HeatMaps.Overlay(sample.Image, map, grid), words[t], displayHeight));
                }
                cells.Add(new SheetCell(images, sample.CaptionText));
            }
        }
        ContactSheet.Save(cells, new ContactSheetOptions(Columns: 1, ImageHeight: displayHeight, Smooth: true,
            Title: "DAMSM word attention: where each word of the caption looks"), path);
    }
}
