using System.Globalization;
using TextInpaint.Imaging;

namespace TextInpaint.Inference;

/// <summary>A hole given as a rectangle in pixels of the image: left, top, width, height.</summary>
public sealed record HoleBox(int X, int Y, int Width, int Height)
{
    /// <summary>Parses "x,y,w,h" (whole numbers; width and height positive).</summary>
    public static HoleBox Parse(string text, string source = "--box")
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new int[parts.Length];
        if (parts.Length != 4 || parts.Select((p, i) => int.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out values[i])).Any(ok => !ok))
            throw new UserInputException($"{source} '{text}': expected x,y,width,height in pixels, e.g. 40,30,64,48.");
        if (values[2] <= 0 || values[3] <= 0)
            throw new UserInputException($"{source} '{text}': width and height must be positive.");
        return new HoleBox(values[0], values[1], values[2], values[3]);
    }

    /// <summary>The box as a mask of the image's size; a box entirely outside the image is refused.</summary>
    public Mask ToMask(int imageWidth, int imageHeight, string source = "--box")
    {
        RequireOn(imageWidth, imageHeight, source);
        return Mask.Box(imageWidth, imageHeight, X, Y, Width, Height);
    }

    /// <summary>Refuses a box that lies entirely outside an image of this size.</summary>
    public void RequireOn(int imageWidth, int imageHeight, string source = "--box")
    {
        if (X >= imageWidth || Y >= imageHeight || (long)X + Width <= 0 || (long)Y + Height <= 0)
            throw new UserInputException($"{source} {X},{Y},{Width},{Height}: lies outside the {imageWidth}x{imageHeight} image.");
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{X},{Y},{Width},{Height}");
}
