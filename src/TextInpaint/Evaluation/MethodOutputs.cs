using TextInpaint.Imaging;

namespace TextInpaint.Evaluation;

/// <summary>What a method made of a batch: the filled images and, for a model that reads the caption, each word's demand (in caption order).</summary>
public sealed record MethodOutputs(RgbImage[] Images, double[][]? Demand = null);
