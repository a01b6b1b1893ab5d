using static TorchSharp.torch;

namespace TextInpaint.Models.Mmfl;

/// <summary>
/// The text branch's result: the text feature [B, FusionChannels, FusionSize, FusionSize], the
/// two stages' word-attention maps ([B,L,S/4,S/4] and [B,L,S/2,S/2]) and the conditioning KL term.
/// </summary>
public sealed record TextFeature(Tensor Feature, Tensor FirstAttention, Tensor SecondAttention, Tensor ConditioningKl);
