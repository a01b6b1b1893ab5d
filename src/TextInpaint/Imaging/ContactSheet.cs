using SkiaSharp;

namespace TextInpaint.Imaging;

/// <summary>
/// Builds a grid of labelled images with captions, e.g. samples of a data set, or masked input,
/// outputs and ground truth of a model side by side with the sentence they were given.
/// </summary>
public static class ContactSheet
{
    private const string DefaultFontFile = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

    // The Linux SkiaSharp native build has no fontconfig, so the default typeface may have no
    // glyphs: a font file is loaded directly when the system has one.
    private static readonly Lazy<SKTypeface> Typeface = new(() =>
        (File.Exists(DefaultFontFile) ? SKTypeface.FromFile(DefaultFontFile) : null) ?? SKTypeface.Default);

    private static readonly SKColor Background = new(250, 250, 248);
    private static readonly SKColor TextColor = new(30, 30, 30);
    private static readonly SKColor LabelColor = new(90, 90, 90);

    public static RgbImage Render(IReadOnlyList<SheetCell> cells, ContactSheetOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Columns);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.ImageHeight);
        if (cells.Count == 0)
            throw new ArgumentException("a contact sheet needs at least one cell", nameof(cells));

        using var font = new SKFont(Typeface.Value, options.FontSize);
        using var labelFont = new SKFont(Typeface.Value, options.FontSize * 0.85f);
        float lineHeight = options.FontSize * 1.3f;
        int pad = options.Padding;

        int cellWidth = cells.Max(cell => cell.Images.Sum(image => DisplayWidth(image, options)) + pad * Math.Max(0, cell.Images.Count - 1));
        int imagesHeight = cells.Max(cell => cell.Images.Count == 0 ? 0 : cell.Images.Max(image => image.DisplayHeight ?? options.ImageHeight));
        bool anyLabel = cells.Any(cell => cell.Images.Any(image => image.Label is not null));
        int labelHeight = anyLabel ? (int)Math.Ceiling(lineHeight) : 0;
        var captions = cells.Select(cell => Wrap(cell.Caption ?? "", font, cellWidth, options.MaxCaptionLines)).ToList();
        int captionHeight = (int)Math.Ceiling(captions.Max(lines => lines.Count) * lineHeight);
        int cellHeight = labelHeight + imagesHeight + (captionHeight > 0 ? pad / 2 + captionHeight : 0);
        int titleHeight = options.Title is null ? 0 : (int)Math.Ceiling(lineHeight * 1.5f);

        int columns = Math.Min(options.Columns, cells.Count);
        int rows = (cells.Count + columns - 1) / columns;
        int width = pad + columns * (cellWidth + pad);
        int height = pad + titleHeight + rows * (cellHeight + pad);

        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        using (var text = new SKPaint { IsAntialias = true, Color = TextColor })
        using (var labelPaint = new SKPaint { IsAntialias = true, Color = LabelColor })
        {
            canvas.Clear(Background);
            if (options.Title is { } title)
                canvas.DrawText(title, pad, pad + options.FontSize * 1.2f, SKTextAlign.Left, font, text);
            var sampling = options.Smooth
                ? new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear)
                : new SKSamplingOptions(SKFilterMode.Nearest);
            for (int c = 0; c < cells.Count; c++)
            {
                float x = pad + c % columns * (cellWidth + pad);
                float y = pad + titleHeight + c / columns * (cellHeight + pad);
                foreach (var image in cells[c].Images)
                {
                    int w = DisplayWidth(image, options), h = image.DisplayHeight ?? options.ImageHeight;
                    if (image.Label is { } label)
                        canvas.DrawText(Fit(label, labelFont, w), x, y + labelHeight - lineHeight * 0.3f, SKTextAlign.Left, labelFont, labelPaint);
                    using var source = ImageFiles.ToBitmap(image.Image);
                    using var skImage = SKImage.FromBitmap(source);
                    canvas.DrawImage(skImage, SKRect.Create(x, y + labelHeight, w, h), sampling);
                    x += w + pad;
                }
                float lineY = y + labelHeight + imagesHeight + pad / 2f + options.FontSize;
                foreach (var line in captions[c])
                {
                    canvas.DrawText(line, pad + c % columns * (cellWidth + pad), lineY, SKTextAlign.Left, font, text);
                    lineY += lineHeight;
                }
            }
        }
        return ImageFiles.FromBitmap(bitmap);
    }

    /// <summary>Renders the sheet and writes it as a PNG (atomically).</summary>
    public static void Save(IReadOnlyList<SheetCell> cells, ContactSheetOptions options, string path) =>
        ImageFiles.SavePng(Render(cells, options), path);

    private static int DisplayWidth(SheetImage image, ContactSheetOptions options)
    {
        int h = image.DisplayHeight ?? options.ImageHeight;
        return Math.Max(1, (int)Math.Round(h * (double)image.Image.Width / image.Image.Height));
    }

    /// <summary>
    /// Greedy word wrap to a width; a line break in the text starts a new line (blank lines are
    /// dropped). The last allowed line takes all the text left, cut with an ellipsis where it does not fit.
    /// </summary>
    internal static List<string> Wrap(string text, SKFont font, float width, int maxLines)
    {
        var lines = new List<string>();
        var paragraphs = text.ReplaceLineEndings("\n").Split('\n')
            .Select(p => p.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(p => p.Length > 0).ToArray();
        for (int p = 0; p < paragraphs.Length; p++)
        {
            var words = paragraphs[p];
            var line = "";
            for (int i = 0; i < words.Length; i++)
            {
                var candidate = line.Length == 0 ? words[i] : line + " " + words[i];
                if (font.MeasureText(candidate) <= width || line.Length == 0)
                {
                    line = candidate;
                    continue;
                }
                if (lines.Count == maxLines - 1)
                    return [.. lines, Fit(string.Join(' ', [line, .. words[i..], .. paragraphs[(p + 1)..].SelectMany(w => w)]), font, width)];
                lines.Add(line);
                line = words[i];
            }
            if (lines.Count == maxLines - 1)
                return [.. lines, Fit(string.Join(' ', [line, .. paragraphs[(p + 1)..].SelectMany(w => w)]), font, width)];
            lines.Add(Fit(line, font, width));
        }
        return lines;
    }

    private static string Fit(string text, SKFont font, float width)
    {
        if (font.MeasureText(text) <= width)
            return text;
        while (text.Length > 1 && font.MeasureText(text + "…") > width)
            text = text[..^1];
        return text.TrimEnd() + "…";
    }
}
