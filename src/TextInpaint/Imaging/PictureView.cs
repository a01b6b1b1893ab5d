namespace TextInpaint.Imaging;

/// <summary>A whole picture at a model's side and its hole there (<see cref="ModelWindow.Picture"/>).</summary>
/// <param name="Image">The picture: greyed in the hole, or the truth there for training.</param>
/// <param name="Hole">The hole: a pixel is a hole when any pixel of the picture under it is.</param>
public sealed record PictureView(RgbImage Image, Mask Hole);
