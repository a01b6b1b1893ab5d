using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace TextInpaint.Models.Mmfl;

/// <summary>
/// Conditioning augmentation (AttnGAN/StackGAN): Linear(D -> 4c) + GLU gives mu and log sigma^2
/// (c each) from the sentence feature; the code is mu + sigma * epsilon. The KL divergence to
/// N(0, I) is returned so that training can add it (the released MMFL code never does).
/// </summary>
public sealed class ConditioningAugmentation : Module<Tensor, Tensor, (Tensor Code, Tensor Kl)>
{
    private readonly Sequential encode;
    private readonly int conditionDim;

    public ConditioningAugmentation(int wordDim, int conditionDim) : base(nameof(ConditioningAugmentation))
    {
        this.conditionDim = conditionDim;
        encode = Sequential(Linear(wordDim, 4 * conditionDim), GLU(1));
        RegisterComponents();
    }

    /// <summary>sentence [B,D], epsilon [B,c] -> code [B,c] and the KL term (a scalar, mean over elements).</summary>
    public override (Tensor Code, Tensor Kl) forward(Tensor sentence, Tensor epsilon)
    {
        var statistics = encode.forward(sentence);
        var mean = statistics[.., ..conditionDim];
        var logVariance = statistics[.., conditionDim..];
        var code = mean + (0.5 * logVariance).exp() * epsilon;
        // KL(N(mu, sigma^2) || N(0, 1)) = -1/2 (1 + log sigma^2 - mu^2 - sigma^2), averaged as in AttnGAN.
        var kl = -0.5 * (1 + logVariance - mean.square() - logVariance.exp()).mean();
        return (code, kl);
    }
}
