using static TorchSharp.torch;

namespace TextInpaint.Models.Damsm;

/// <summary>
/// What the frozen network of <see cref="ResNet18ImageEncoder"/> reads from images, before the trained projections:
/// the region map [B, 256, G, G] (its third stage, pooled to the grid) and its last stage's map [B, 512, g, g].
/// </summary>
public sealed record PretrainedImageFeatures(Tensor RegionMap, Tensor LastMap);
