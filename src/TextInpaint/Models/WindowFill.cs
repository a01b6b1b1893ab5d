using TextInpaint.Models.Mmfl;
using static TorchSharp.torch;

namespace TextInpaint.Models;

/// <summary>What <see cref="IWindowModel.Fill"/> made of a batch of windows.</summary>
/// <param name="Images">The filled windows [B,3,S,S] in [-1, 1]: outside the hole, the input exactly.</param>
/// <param name="Mmfl">The MMFL network's output at its own size, from which each word's demand and attention are read.</param>
public sealed record WindowFill(Tensor Images, MmflOutput Mmfl);
