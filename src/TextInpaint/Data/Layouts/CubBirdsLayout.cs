using System.Globalization;
using SkiaSharp;

namespace TextInpaint.Data.Layouts;

/// <summary>
/// CUB-200-2011 in AttnGAN's layout: the AttnGAN lists and captions at the root, the images
/// under <c>CUB_200_2011/images/&lt;key&gt;.jpg</c>, and each image cropped around its bird with
/// the boxes of <c>CUB_200_2011/bounding_boxes.txt</c> (matched to keys via <c>images.txt</c>).
/// </summary>
internal static class CubBirdsLayout
{
    public const string CubFolder = "CUB_200_2011";

    public static CaptionedDataset Open(string root, Split split)
    {
        var cub = Path.Combine(root, CubFolder);
        var boxes = ReadBoxes(cub);
        var boxesPath = Path.Combine(cub, "bounding_boxes.txt");
        return AttnGanLayout.Open(root, split, DatasetKind.Birds, Path.Combine(cub, DatasetLayout.ImagesFolder), (key, imagePath) =>
        {
            if (!boxes.TryGetValue(key, out var box))
                throw new UserInputException($"{Path.Combine(cub, "images.txt")}: no image listed for the key '{key}', so {boxesPath} has no box for it.");
            var (width, height) = ReadImageSize(imagePath);
            return CropAroundBox(box.X, box.Y, box.Width, box.Height, width, height);
        });
    }

    /// <summary>
    /// The crop AttnGAN applies to CUB images: a square of side 2r, r = 0.75·max(w, h), centred
    /// on the bounding box and clipped to the image (integer truncation as in AttnGAN's get_imgs).
    /// </summary>
    public static CropBox CropAroundBox(double x, double y, double width, double height, int imageWidth, int imageHeight)
    {
        int r = (int)(Math.Max(width, height) * 0.75);
        int centreX = (int)((2 * x + width) / 2);
        int centreY = (int)((2 * y + height) / 2);
        int left = Math.Max(0, centreX - r), top = Math.Max(0, centreY - r);
        int right = Math.Min(imageWidth, centreX + r), bottom = Math.Min(imageHeight, centreY + r);
        // A box lying outside its image (a bad annotation) leaves nothing to crop: keep the whole image.
        if (right <= left || bottom <= top)
            return new CropBox(0, 0, imageWidth, imageHeight);
        return new CropBox(left, top, right - left, bottom - top);
    }

    private readonly record struct Box(double X, double Y, double Width, double Height);

    /// <summary>Boxes by key: images.txt maps an index to "class/name.jpg", bounding_boxes.txt an index to x y w h.</summary>
    private static Dictionary<string, Box> ReadBoxes(string cub)
    {
        var imagesPath = Path.Combine(cub, "images.txt");
        var boxesPath = Path.Combine(cub, "bounding_boxes.txt");
        var paths = new Dictionary<string, string>();
        foreach (var (fields, lineNumber) in ReadTable(imagesPath))
        {
            if (fields.Length != 2)
                throw new UserInputException($"{imagesPath}: line {lineNumber} should be \"index relative/path.jpg\".");
            paths[fields[0]] = fields[1];
        }
        var boxes = new Dictionary<string, Box>();
        foreach (var (fields, lineNumber) in ReadTable(boxesPath))
        {
            var numbers = new double[4];
            bool valid = fields.Length == 5;
            for (int i = 0; valid && i < 4; i++)
                valid = double.TryParse(fields[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]);
            if (!valid)
                throw new UserInputException($"{boxesPath}: line {lineNumber} should be \"index x y width height\".");
            if (!paths.TryGetValue(fields[0], out var imagePath))
                throw new UserInputException($"{boxesPath}: line {lineNumber} refers to image {fields[0]}, which {imagesPath} does not list.");
            var key = Path.ChangeExtension(imagePath, null).Replace('\\', '/');
            boxes[key] = new Box(numbers[0], numbers[1], numbers[2], numbers[3]);
        }
        return boxes;
    }

    private static IEnumerable<(string[] Fields, int LineNumber)> ReadTable(string path)
    {
        if (!File.Exists(path))
            throw new UserInputException($"{path}: not found (CUB-200-2011 images are cropped with its bounding boxes).");
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{path}: cannot be read ({e.Message}).", e);
        }
        for (int i = 0; i < lines.Length; i++)
        {
            var fields = lines[i].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 0)
                yield return (fields, i + 1);
        }
    }

    /// <summary>Width and height from the image header, without decoding the pixels.</summary>
    private static (int Width, int Height) ReadImageSize(string path)
    {
        using var codec = SKCodec.Create(path)
            ?? throw new UserInputException($"{path}: not an image that can be read (PNG, JPEG, WebP, BMP or GIF expected).");
        return (codec.Info.Width, codec.Info.Height);
    }
}
