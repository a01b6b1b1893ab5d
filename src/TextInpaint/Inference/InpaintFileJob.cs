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
        if (X >= imageWidth || Y >= imageHeight || X + Width <= 0 || Y + Height <= 0)
            throw new UserInputException($"{source} {X},{Y},{Width},{Height}: lies outside the {imageWidth}x{imageHeight} image.");
        return Mask.Box(imageWidth, imageHeight, X, Y, Width, Height);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{X},{Y},{Width},{Height}");
}

/// <summary>
/// One image to inpaint from files: the image, its hole (a mask file, white = hole, or a box), the
/// caption and where to write the result (PNG, JPEG or WebP by extension), and optionally where to
/// write the explanation figure.
/// </summary>
public sealed record InpaintFileJob(string Image, string? MaskFile, HoleBox? Box, string Caption, string Output, string? Explanation = null, int? Seed = null)
{
    /// <summary>Where `--explain` writes the figure for an output: OUT without its extension, then ".explain.png".</summary>
    public static string ExplanationPathFor(string output) => Path.ChangeExtension(output, null) + ".explain.png";

    /// <summary>
    /// Reads the inputs, inpaints, writes the outputs (each written whole or not at all) and returns
    /// the notes. An output path that is one of the inputs is refused, so an input is never modified.
    /// </summary>
    public IReadOnlyList<string> Run(Inpainter inpainter)
    {
        if ((MaskFile is null) == (Box is null))
            throw new UserInputException("give the hole either as a mask file or as a box, not both or neither.");
        var inputs = new[] { Image, MaskFile }.OfType<string>().Select(Path.GetFullPath).ToArray();
        foreach (var output in new[] { Output, Explanation }.OfType<string>())
        {
            if (inputs.Contains(Path.GetFullPath(output)))
                throw new UserInputException($"{output}: is an input of this job; write the result to another file.");
            ImageFiles.FormatOf(output);
        }

        var image = ImageFiles.Load(Image);
        var mask = MaskFile is not null ? ImageFiles.LoadMask(MaskFile) : Box!.ToMask(image.Width, image.Height);
        var result = inpainter.Inpaint(image, mask, Caption, Seed);
        var notes = result.Notes.ToList();
        ImageFiles.Save(result.Image, Output);
        if (Explanation is not null)
        {
            if (result.ModelOutput is null)
                notes.Add($"{Explanation}: not written, there is no hole to explain.");
            else
            {
                ImageFiles.Save(ExplanationFigure.Render(result, Caption), Explanation);
                var demand = string.Join(", ", result.Words.Where(w => w.Known).Select(w => string.Create(CultureInfo.InvariantCulture, $"{w.Word} {w.Demand:0.00}")));
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"{Explanation}: word demand {demand} (entropy {result.DemandEntropy:0.00}; 0: one word, 1: all alike)."));
            }
        }
        return notes;
    }
}
