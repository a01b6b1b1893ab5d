using TextInpaint.Imaging;

namespace TextInpaint.Baselines;

/// <summary>
/// An inpainting method that reads no text: it fills the hole of <c>mask</c> (true = hole) from the
/// rest of the image. The result has the image's size and its known pixels unchanged.
/// </summary>
public interface IImageInpainter
{
    /// <summary>Short name used in tables and by <c>eval --methods</c> ("telea", "patchmatch").</summary>
    string Name { get; }

    /// <summary>What the method is and where it comes from, for the tables' legends.</summary>
    string Description { get; }

    RgbImage Inpaint(RgbImage image, Mask mask);
}
