using TorchSharp;
using static TorchSharp.torch;

namespace TextInpaint.Losses;

/// <summary>
/// The four DAMSM loss terms (scalars). Image-to-text: each image picks its caption among the
/// batch's captions; text-to-image: each caption picks its image.
/// </summary>
public sealed record DamsmLossTerms(
    Tensor WordImageToText,
    Tensor WordTextToImage,
    Tensor SentenceImageToText,
    Tensor SentenceTextToImage)
{
    public Tensor Word => WordImageToText + WordTextToImage;

    public Tensor Sentence => SentenceImageToText + SentenceTextToImage;

    /// <summary>The sum of all four terms (AttnGAN weights them equally when pre-training).</summary>
    public Tensor Total => WordImageToText + WordTextToImage + SentenceImageToText + SentenceTextToImage;

    /// <summary>The four terms as numbers, to leave a training or evaluation step.</summary>
    public DamsmLossValues ToValues() => new(
        WordImageToText.ToDouble(), WordTextToImage.ToDouble(), SentenceImageToText.ToDouble(), SentenceTextToImage.ToDouble());
}
