using TextInpaint.Imaging;

namespace TextInpaint.Inference;

/// <summary>A bird to try the model on without an image of one's own.</summary>
/// <param name="Key">Its name, <c>bird_000003</c>.</param>
/// <param name="Image">The picture.</param>
/// <param name="Caption">One of its captions that states the colour of a part the suggested hole hides.</param>
/// <param name="Hole">The suggested hole: the centre square, the kind of hole the shipped model knows best.</param>
public sealed record SampleBird(string Key, RgbImage Image, string Caption, HoleBox Hole);
