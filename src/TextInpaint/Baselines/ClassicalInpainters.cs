using TextInpaint.Imaging;

namespace TextInpaint.Baselines;

/// <summary>The classical methods, which read no text: OpenCV's three and our PatchMatch, in the order tables list them.</summary>
public static class ClassicalInpainters
{
    /// <summary>The longest side <see cref="InpaintWindow"/> fills at: the side of the images the README's figures come from.</summary>
    public const int LargestWindowSide = 256;

    public static IReadOnlyList<IImageInpainter> All { get; } =
        [OpenCvInpainter.Telea, OpenCvInpainter.NavierStokes, OpenCvInpainter.Fsr, new PatchMatchInpainter()];

    /// <summary>The method of that name, or null.</summary>
    public static IImageInpainter? Find(string name) => All.FirstOrDefault(m => m.Name == name);

    /// <summary>
    /// Fills the hole as a model's fill does (<see cref="ModelWindow"/>): the square around it,
    /// at its own side or shrunk to <see cref="LargestWindowSide"/>, so that the cost does not
    /// grow with the image; only the hole's pixels change.
    /// </summary>
    public static RgbImage InpaintWindow(IImageInpainter method, RgbImage image, Mask mask)
    {
        if (CropWindow.Around(mask) is not { } square)
            return image.Clone();
        var window = new ModelWindow(square, Math.Min(square.Side, LargestWindowSide));
        return window.PasteBack(image, mask, method.Inpaint(window.Input(image, mask), window.Hole(mask)));
    }
}
