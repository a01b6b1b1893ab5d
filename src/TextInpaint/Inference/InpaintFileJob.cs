using System.Globalization;
using TextInpaint.Imaging;

namespace TextInpaint.Inference;

/// <summary>
/// One image to inpaint from files: the image, its hole (a mask file, white = hole, or a box), the
/// caption and where to write the result (PNG, JPEG or WebP by extension), and optionally where to
/// write the explanation figure.
/// </summary>
public sealed record InpaintFileJob(string Image, string? MaskFile, HoleBox? Box, string Caption, string Output, string? Explanation = null, int? Seed = null)
{
    /// <summary>The files this job reads.</summary>
    public IEnumerable<string> Inputs => new[] { Image, MaskFile }.OfType<string>();

    /// <summary>The files this job writes.</summary>
    public IEnumerable<string> Outputs => new[] { Output, Explanation }.OfType<string>();

    /// <summary>Where `--explain` writes the figure for an output: OUT without its extension, then ".explain.png".</summary>
    public static string ExplanationPathFor(string output) => Path.ChangeExtension(output, null) + ".explain.png";

    /// <summary>
    /// Reads the inputs, inpaints, writes the outputs (each written whole or not at all) and returns
    /// the warnings and the word demand. Outputs follow <see cref="UserFiles.CheckOutputs"/>: an input, a read-only file
    /// or one output twice is refused before anything is read.
    /// </summary>
    public InpaintFileOutcome Run(Inpainter inpainter)
    {
        if ((MaskFile is null) == (Box is null))
            throw new UserInputException("give the hole either as a mask file or as a box, not both or neither.");
        foreach (var output in Outputs)
            ImageFiles.FormatOf(output);
        UserFiles.CheckOutputs(Outputs, Inputs);

        var image = ImageFiles.Load(Image);
        var mask = MaskFile is not null ? ImageFiles.LoadMask(MaskFile) : Box!.ToMask(image.Width, image.Height);
        var result = inpainter.Inpaint(image, mask, Caption, Seed);
        var notes = result.Notes.ToList();
        if (ImageFiles.FormatOf(Output).Format != SkiaSharp.SKEncodedImageFormat.Png)
            notes.Add($"{Output}: JPEG and WebP are lossy, so pixels outside the hole differ slightly from the input's; write .png to keep them "
                + $"byte for byte.");
        ImageFiles.Save(result.Image, Output);
        if (Explanation is null)
            return new InpaintFileOutcome(notes);
        if (result.ModelOutput is null)
        {
            notes.Add($"{Explanation}: not written, there is no hole to explain.");
            return new InpaintFileOutcome(notes);
        }
        ImageFiles.Save(ExplanationFigure.Render(result, Caption), Explanation);
        var demand = string.Join(", ", result.Words.Where(w => w.Known).Select(w => string.Create(CultureInfo.InvariantCulture, $"{w.Word} {w.Demand:0.00}")));
        return new InpaintFileOutcome(notes, string.Create(CultureInfo.InvariantCulture, $"word demand {demand} ({result.DemandEntropyText})"));
    }
}
