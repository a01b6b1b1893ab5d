using static TorchSharp.torch;

namespace TextInpaint.Models.Damsm;

/// <summary>Region features [B, D, R] (R = grid side squared, row-major) and global features [B, D].</summary>
public sealed record ImageFeatures(Tensor Regions, Tensor Global);
