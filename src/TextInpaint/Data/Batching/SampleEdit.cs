using TextInpaint.Data.SynthBirds;
using TextInpaint.Imaging;

namespace TextInpaint.Data.Batching;

/// <summary>
/// What an edit of a drawn sample can use: the caption drawn (its index among the entry's, -1 for none), the
/// image before augmentation, the hole, and the entry's SynthBirds truth when loaded.
/// </summary>
internal sealed record SampleEdit(int CaptionIndex, string CaptionText, RgbImage Image, Mask Hole, SynthBirdsTruth? Truth);
