using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TextInpaint.Models.Mmfl;

/// <summary>
/// AttnGAN's "next stage" block: word attention on the current map, concat(map, word context),
/// GLU residual blocks, then a GLU upsampling block back to the input width at twice the size.
/// </summary>
public sealed class AttentionStage : nn.Module<Tensor, Tensor, Tensor, (Tensor Output, Tensor Attention)>
{
    private readonly WordAttention attention;
    private readonly Sequential residual;
    private readonly Sequential upsample;

    public AttentionStage(int channels, int wordDim, int residualBlocks) : base(nameof(AttentionStage))
    {
        attention = new WordAttention(channels, wordDim);
        residual = nn.Sequential(Enumerable.Range(0, residualBlocks)
            .Select(i => ($"block{i}", (nn.Module<Tensor, Tensor>)new GluResidualBlock(2 * channels))));
        upsample = GluBlocks.Upsample(2 * channels, channels);
        RegisterComponents();
    }

    /// <summary>map [B,C,H,W], words [B,D,L], realWords [B,L] -> map [B,C,2H,2W] and the attention maps [B,L,H,W].</summary>
    public override (Tensor Output, Tensor Attention) forward(Tensor map, Tensor words, Tensor realWords)
    {
        var (context, attentionMaps) = attention.forward(map, words, realWords);
        var output = upsample.forward(residual.forward(cat([map, context], 1)));
        return (output, attentionMaps);
    }
}
