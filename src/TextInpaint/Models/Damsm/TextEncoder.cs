using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TextInpaint.Models.Damsm;

/// <summary>
/// AttnGAN's DAMSM text encoder: word embedding, dropout, one-layer bidirectional LSTM. A word's
/// feature is the pair of LSTM outputs at its position; the sentence feature is the pair of final
/// hidden states (forward after the last real word, backward after the first).
/// Input: token ids int64 [B, L] (0 = padding) and lengths int64 [B] (each at least 1).
/// Sequences are packed, so padding never changes any result.
/// </summary>
public sealed class TextEncoder : nn.Module<Tensor, Tensor, TextFeatures>
{
    private readonly Embedding embedding;
    private readonly Dropout dropout;
    private readonly LSTM lstm;

    public TextEncoder(TextEncoderOptions options) : base(nameof(TextEncoder))
    {
        if (options.VocabularySize < 2) throw new ArgumentOutOfRangeException(nameof(options), "The vocabulary needs the padding token and at least one word.");
        Options = options;
        embedding = nn.Embedding(options.VocabularySize, options.EmbeddingSize);
        dropout = nn.Dropout(options.Dropout);
        lstm = nn.LSTM(options.EmbeddingSize, options.HiddenPerDirection, numLayers: 1, batchFirst: true, bidirectional: true);
        // AttnGAN initialises the embedding uniformly in [-0.1, 0.1].
        using (no_grad()) embedding.weight!.uniform_(-0.1, 0.1);
        RegisterComponents();
    }

    public TextEncoderOptions Options { get; }

    public override TextFeatures forward(Tensor tokens, Tensor lengths)
    {
        var batch = tokens.shape[0];
        var maxLength = tokens.shape[1];
        var cpuLengths = lengths.to(ScalarType.Int64, CPU);
        var embedded = dropout.forward(embedding.forward(tokens));
        using var packed = nn.utils.rnn.pack_padded_sequence(embedded, cpuLengths, batch_first: true, enforce_sorted: false);
        var (packedOutput, finalHidden, _) = lstm.call(packed);
        using (packedOutput)
        {
            // Padding positions come back as zeros, and the output keeps the input's length L.
            var (padded, _) = nn.utils.rnn.pad_packed_sequence(packedOutput, batch_first: true, padding_value: 0, total_length: maxLength);
            var words = padded.transpose(1, 2).contiguous();
            // finalHidden is [directions, B, H] in the caller's batch order; the sentence is [forward, backward].
            var sentence = finalHidden.transpose(0, 1).reshape(batch, Options.FeatureSize);
            return new TextFeatures(words, sentence);
        }
    }
}
