namespace TextInpaint.Losses;

/// <summary>The four DAMSM loss terms as numbers.</summary>
public sealed record DamsmLossValues(double WordImageToText, double WordTextToImage, double SentenceImageToText, double SentenceTextToImage)
{
    public double Word => WordImageToText + WordTextToImage;

    public double Sentence => SentenceImageToText + SentenceTextToImage;

    public double Total => Word + Sentence;
}
