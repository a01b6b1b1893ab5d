using System.Globalization;
using TextInpaint.Evaluation.TextConsistency;
using TextInpaint.Imaging;

namespace TextInpaint.Inference;

/// <summary>An inpainted image and what the model made of the caption.</summary>
/// <param name="Image">The input at full size with its hole pixels, and only those, replaced.</param>
/// <param name="Window">The square of the input the model saw (null when the mask has no hole).</param>
/// <param name="ModelInput">That square at the model's size, the hole in grey (null without a hole).</param>
/// <param name="ModelOutput">The model's result on that square (null without a hole).</param>
/// <param name="Words">Every word of the caption, in order, as the model read it (a caption longer than 16 words
/// is read in part: the others are dropped).</param>
/// <param name="AttentionSide">Side of each word's attention map.</param>
/// <param name="Notes">What the user should know: words not in the vocabulary, words not read, a resized mask, no hole.</param>
public sealed record InpaintResult(
    RgbImage Image,
    CropWindow? Window,
    RgbImage? ModelInput,
    RgbImage? ModelOutput,
    IReadOnlyList<WordUse> Words,
    int AttentionSide,
    IReadOnlyList<string> Notes)
{
    /// <summary>
    /// How evenly the demand is spread over the known words read: the entropy of their demand
    /// shares divided by its largest possible value, log(words); 0 when one word takes all, 1 when
    /// every word is needed alike. NaN with fewer than two known words.
    /// </summary>
    public double DemandEntropy => DemandRanking.Entropy(Words.Where(w => w.Known).Select(w => w.Demand!.Value).ToArray());

    /// <summary>The demand entropy in words, for reports: its value and scale, or why there is none.</summary>
    public string DemandEntropyText => double.IsNaN(DemandEntropy)
        ? "no demand entropy: it needs two known words"
        : string.Create(CultureInfo.InvariantCulture, $"demand entropy {DemandEntropy:0.00} (0: one word, 1: all alike)");
}
