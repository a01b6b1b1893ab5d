using TextInpaint.Baselines;
using TextInpaint.Imaging;
using TextInpaint.Models;
using TextInpaint.Runtime;
using TextInpaint.Storage;
using TextInpaint.Text;

namespace TextInpaint.Evaluation;

/// <summary>What a method made of a batch: the filled images and, for a model that reads the caption, each word's demand (in caption order).</summary>
public sealed record MethodOutputs(RgbImage[] Images, double[][]? Demand = null);
