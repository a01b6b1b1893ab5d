using OpenCvSharp;
using OpenCvSharp.XPhoto;
using XPhotoMethod = OpenCvSharp.XPhoto.InpaintTypes;
using TextInpaint.Imaging;

namespace TextInpaint.Baselines;

/// <summary>
/// OpenCV's classical inpainting methods (through OpenCvSharp), each under the name the tables use:
/// <list type="bullet">
/// <item><see cref="Telea"/>: fast marching (A. Telea, J. Graphics Tools 2004), <c>cv::inpaint</c>;</item>
/// <item><see cref="NavierStokes"/>: fluid-dynamics diffusion (Bertalmío, Bertozzi, Sapiro, CVPR 2001), <c>cv::inpaint</c>;</item>
/// <item><see cref="Fsr"/>: frequency-selective reconstruction (Genser et al., 2018), <c>cv::xphoto::inpaint</c>, its fast profile.</item>
/// </list>
/// Only the hole's pixels are taken from OpenCV's result; every other pixel is the input's.
/// </summary>
public sealed class OpenCvInpainter : IImageInpainter
{
    /// <summary>The radius, in pixels, of the neighbourhood Telea and Navier–Stokes fill each pixel from.</summary>
    private const double Radius = 5;

    public static OpenCvInpainter Telea { get; } =
        new("telea", "OpenCV: fast marching, Telea 2004",
            (image, hole, filled) => Cv2.Inpaint(image, hole, filled, Radius, OpenCvSharp.InpaintTypes.Telea));

    public static OpenCvInpainter NavierStokes { get; } =
        new("navier-stokes", "OpenCV: Navier-Stokes, Bertalmio 2001",
            (image, hole, filled) => Cv2.Inpaint(image, hole, filled, Radius, OpenCvSharp.InpaintTypes.NS));

    /// <summary>xphoto's mask is the other way round: non-zero marks the known pixels.</summary>
    public static OpenCvInpainter Fsr { get; } = new("fsr", "OpenCV xphoto: frequency-selective reconstruction, fast", (image, hole, filled) =>
    {
        using var known = new Mat();
        Cv2.BitwiseNot(hole, known);
        CvXPhoto.Inpaint(image, known, filled, XPhotoMethod.FSR_FAST);
    });

    /// <summary>Fills <c>filled</c> from a BGR image and its hole (8-bit, non-zero = hole).</summary>
    private readonly Action<Mat, Mat, Mat> _fill;

    private OpenCvInpainter(string name, string description, Action<Mat, Mat, Mat> fill)
    {
        Name = name;
        Description = description;
        _fill = fill;
    }

    public string Name { get; }

    public string Description { get; }

    public RgbImage Inpaint(RgbImage image, Mask mask)
    {
        if (mask.Width != image.Width || mask.Height != image.Height)
            throw new ArgumentException($"mask {mask.Width}x{mask.Height} and image {image.Width}x{image.Height} differ in size.");
        if (!mask.Hole.Any(h => h))
            return image.Clone();
        int w = image.Width, h = image.Height;
        using var rgb = Mat.FromPixelData(h, w, MatType.CV_8UC3, image.Pixels);
        using var bgr = rgb.CvtColor(ColorConversionCodes.RGB2BGR);
        using var hole = Mat.FromPixelData(h, w, MatType.CV_8UC1, mask.Hole.Select(missing => missing ? (byte)255 : (byte)0).ToArray());
        using var filled = new Mat();
        _fill(bgr, hole, filled);
        using var filledRgb = filled.CvtColor(ColorConversionCodes.BGR2RGB);
        return MaskOps.PasteHole(image, mask, new RgbImage(w, h, filledRgb.AsSpan<byte>().ToArray()));
    }
}
