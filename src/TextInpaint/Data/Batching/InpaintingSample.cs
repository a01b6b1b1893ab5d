using TextInpaint.Imaging;
using TextInpaint.Text;

namespace TextInpaint.Data.Batching;

/// <summary>
/// One training example before it becomes tensors: the (augmented) image, the hole, the
/// caption drawn for it (its text and its encoding), and the entry it came from.
/// </summary>
public sealed record InpaintingSample(int Index, RgbImage Image, Mask Mask, string CaptionText, EncodedCaption Caption, int ClassId, bool Flipped);
