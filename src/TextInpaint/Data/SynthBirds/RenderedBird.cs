using TextInpaint.Imaging;

namespace TextInpaint.Data.SynthBirds;

/// <summary>A rendered SynthBirds image with its part label map and the pose it was drawn in.</summary>
public sealed record RenderedBird(RgbImage Image, PartLabelMap Parts, bool FacingLeft);
