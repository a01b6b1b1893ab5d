namespace TextInpaint.Imaging;

/// <summary>
/// The one way an image of any size meets a model of a fixed size: the <see cref="CropWindow"/>
/// around the hole, cut and resized to the model's side, and the model's result resized back and
/// pasted into the hole. <c>Inpainter</c> fills through it, and training on the user's windows
/// (<c>InpaintingDatasetOptions.SourceSize</c>) cuts its samples with it, so the network learns on
/// exactly what it is given.
/// </summary>
public sealed record ModelWindow(CropWindow Window, int ModelSize)
{
    /// <summary>
    /// Windows with a longer side are never cut out whole: they are shrunk and pasted back with
    /// <see cref="WindowResampling"/>, in memory that grows with the image, not the window. Up to
    /// this side the fill goes through SkiaSharp's resize, as it always has, byte for byte.
    /// </summary>
    public const int LargestCutSide = 4096;

    private bool CutWhole => Window.Side <= LargestCutSide;

    /// <summary>The window around the hole of <paramref name="mask"/>, or null when the mask has no hole.</summary>
    public static ModelWindow? Around(Mask mask, int modelSize)
    {
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentOutOfRangeException.ThrowIfLessThan(modelSize, 1);
        return CropWindow.Around(mask) is { } window ? new ModelWindow(window, modelSize) : null;
    }

    /// <summary>
    /// The whole picture at <paramref name="modelSize"/> beside the window around its hole, cut as a
    /// window is (<see cref="CropWindow.Whole"/>): what a Word Demand Module that reads each word's
    /// match with the masked picture is given (docs/method.md section 12), so that a part in view
    /// outside the window counts as shown. With <paramref name="truth"/> the hole holds the truth
    /// (for training); otherwise it is greyed, as <see cref="Input"/> greys it.
    /// </summary>
    public static PictureView Picture(RgbImage image, Mask mask, int modelSize, bool truth = false)
    {
        ArgumentNullException.ThrowIfNull(image);
        var whole = new ModelWindow(CropWindow.Whole(image.Width, image.Height), modelSize);
        if (!truth)
            return new PictureView(whole.Input(image, mask), whole.Hole(mask));
        var (target, hole) = whole.TrainingPair(image, mask);
        return new PictureView(target, hole);
    }

    /// <summary>The hole at the model's size: a model pixel is a hole when any pixel of the window under it is.</summary>
    public Mask Hole(Mask mask) => CutWhole
        ? MaskOps.ResizeCovering(Window.Cut(mask), ModelSize, ModelSize)
        : WindowResampling.HoleCovering(mask, Window, ModelSize);

    /// <summary>
    /// What the model is given: the window with its hole greyed out (so nothing the hole hides
    /// leaks into the resize), at the model's size.
    /// </summary>
    public RgbImage Input(RgbImage image, Mask mask) => CutWhole
        ? ImageOps.Resize(MaskOps.GreyOut(Window.Cut(image), Window.Cut(mask)), ModelSize, ModelSize)
        : WindowResampling.Shrink(image, mask, Window, ModelSize);

    /// <summary>
    /// A training pair for the window: the hole at the model's size (<see cref="Hole"/>) and the
    /// target, <see cref="Input"/>'s pixels outside that hole (what the model is given there) and
    /// the truth resized inside it.
    /// </summary>
    public (RgbImage Target, Mask Hole) TrainingPair(RgbImage truth, Mask mask)
    {
        var hole = Hole(mask);
        return (MaskOps.PasteHole(Input(truth, mask), hole, ImageOps.Resize(Window.Cut(truth), ModelSize, ModelSize)), hole);
    }

    /// <summary>
    /// Per-pixel labels of a <paramref name="width"/> x <paramref name="height"/> image (row after
    /// row) cut to the window and resized to the model's size by nearest neighbour; 0 outside the image.
    /// </summary>
    public byte[] Labels(byte[] labels, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Length != width * height)
            throw new ArgumentException($"expected {width * height} labels for {width}x{height}, got {labels.Length}", nameof(labels));
        var result = new byte[ModelSize * ModelSize];
        for (int row = 0; row < ModelSize; row++)
        {
            int y = Window.Y + (int)((row + 0.5) * Window.Side / ModelSize);
            if (y < 0 || y >= height) continue;
            for (int col = 0; col < ModelSize; col++)
            {
                int x = Window.X + (int)((col + 0.5) * Window.Side / ModelSize);
                if (x >= 0 && x < width)
                    result[row * ModelSize + col] = labels[y * width + x];
            }
        }
        return result;
    }

    /// <summary>
    /// <paramref name="image"/> with the pixels of <paramref name="mask"/>'s hole, and only those,
    /// taken from the model's <paramref name="output"/> resized back to the window.
    /// </summary>
    public RgbImage PasteBack(RgbImage image, Mask mask, RgbImage output) => CutWhole
        ? MaskOps.PasteHole(image, mask, ImageOps.Resize(output, Window.Side, Window.Side), Window.X, Window.Y)
        : WindowResampling.PasteBack(image, mask, Window, output);
}
