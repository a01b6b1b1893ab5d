using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace TextInpaint.Models.Mmfl;

/// <summary>
/// Word attention (AttnGAN's GlobalAttentionGeneral): the words are projected to the image's
/// channel count by a 1x1 convolution, every pixel takes a softmax over the caption's words
/// (padding words get weight 0), and the word context of a pixel is the weighted sum of the
/// projected words.
/// </summary>
public sealed class WordAttention : Module<Tensor, Tensor, Tensor, (Tensor Context, Tensor Attention)>
{
    private readonly Conv1d projectWords;

    public WordAttention(int imageChannels, int wordDim) : base(nameof(WordAttention))
    {
        projectWords = Conv1d(wordDim, imageChannels, 1, bias: false);
        RegisterComponents();
    }

    /// <summary>
    /// image [B,C,H,W], words [B,D,L], realWords [B,L] (bool, true for a caption's words; see
    /// <see cref="RealWords"/>) -> the word context [B,C,H,W] and the attention maps [B,L,H,W],
    /// which sum to 1 over the real words at every pixel.
    /// </summary>
    public override (Tensor Context, Tensor Attention) forward(Tensor image, Tensor words, Tensor realWords)
    {
        long batch = image.shape[0], channels = image.shape[1], height = image.shape[2], width = image.shape[3];
        long wordCount = words.shape[2];
        var projected = projectWords.forward(words);                                  // [B,C,L]
        var pixels = image.reshape(batch, channels, height * width).transpose(1, 2);  // [B,HW,C]
        var scores = pixels.bmm(projected)                                             // [B,HW,L]
            .masked_fill(realWords.logical_not().unsqueeze(1), double.NegativeInfinity);
        var attention = functional.softmax(scores, 2);
        var context = projected.bmm(attention.transpose(1, 2)).reshape(batch, channels, height, width);
        return (context, attention.transpose(1, 2).reshape(batch, wordCount, height, width));
    }

    /// <summary>
    /// [B,L] booleans, true where position l is one of the caption's words (l &lt; length), made
    /// on <paramref name="device"/>. Every caption must have at least one word.
    /// </summary>
    public static Tensor RealWords(Tensor lengths, long wordCount, Device device) =>
        arange(wordCount, dtype: ScalarType.Int64, device: device).unsqueeze(0) < lengths.to(device).unsqueeze(1);
}
