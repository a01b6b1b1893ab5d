using TextInpaint.Imaging;
using TextInpaint.Text;

namespace TextInpaint.Data.Batching;

/// <summary>One image with the caption drawn for it (its text and its encoding), and the entry it came from.</summary>
public sealed record CaptionedImageSample(int Index, RgbImage Image, string CaptionText, EncodedCaption Caption, int ClassId, bool Flipped);
