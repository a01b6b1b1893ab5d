namespace TextInpaint.Models.Damsm;

/// <summary>Sizes of the DAMSM text encoder; saved with a model so that it can be rebuilt.</summary>
/// <param name="VocabularySize">Number of token ids, including 0, the padding token.</param>
/// <param name="EmbeddingSize">Size of a word embedding (AttnGAN: 300).</param>
/// <param name="HiddenPerDirection">LSTM hidden size of each direction (AttnGAN: 128).</param>
/// <param name="Dropout">Dropout on the word embeddings while training (AttnGAN: 0.5).</param>
public sealed record TextEncoderOptions(int VocabularySize, int EmbeddingSize = 300, int HiddenPerDirection = 128, double Dropout = 0.5)
{
    /// <summary>Size D of a word or sentence feature: both directions side by side.</summary>
    public int FeatureSize => 2 * HiddenPerDirection;
}
