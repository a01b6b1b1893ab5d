using static TorchSharp.torch;

namespace TextInpaint.Models.Damsm;

/// <summary>Word features [B, D, L] (zero at padding positions) and sentence features [B, D].</summary>
public sealed record TextFeatures(Tensor Words, Tensor Sentence);
