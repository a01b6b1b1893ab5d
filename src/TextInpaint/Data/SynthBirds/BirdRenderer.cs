using SkiaSharp;
using TextInpaint.Imaging;

namespace TextInpaint.Data.SynthBirds;

/// <summary>
/// Draws a bird perched on a branch in front of a background, in coordinates where the image
/// is the unit square, so that any size looks alike. The same shapes are drawn twice: once
/// anti-aliased in colour for the image, once without anti-aliasing in label ids for the part
/// map, so every pixel's label is the part covering its centre.
/// </summary>
public static class BirdRenderer
{
    private enum BackgroundKind
    {
        Sky,
        Foliage,
        Plain,
    }

    private sealed record Blob(float X, float Y, float Radius, SKColor Color);

    private sealed record Scene(
        BirdAttributes Attributes,
        bool FacingLeft,
        float CentreX,
        float CentreY,
        float Scale,
        BackgroundKind Background,
        SKColor BackgroundTop,
        SKColor BackgroundBottom,
        IReadOnlyList<Blob> Blobs,
        float BranchLeftY,
        float BranchRightY,
        float BranchWidth,
        SKColor BranchColor,
        float TwigX,
        SKColor LeafColor,
        IReadOnlyDictionary<BirdPart, SKColor> PartColors,
        IReadOnlyList<SKPoint> Spots);

    private static readonly SKColor LegColor = new(72, 60, 52);
    private static readonly SKColor EyeColor = new(18, 18, 20);
    private static readonly SKColor EyeHighlight = new(250, 250, 250);

    /// <summary>Renders one image of size x size. Every random choice is drawn from <paramref name="random"/>, in a fixed order.</summary>
    public static RenderedBird Render(BirdAttributes attributes, int size, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        var scene = DrawScene(attributes, random);
        var info = new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Premul);

        using var picture = new SKBitmap(info);
        using (var canvas = new SKCanvas(picture))
        {
            canvas.Scale(size);
            DrawBackground(canvas, scene);
            DrawBranch(canvas, scene);
            DrawBird(canvas, scene, part => scene.PartColors[part], antialias: true);
        }

        using var labels = new SKBitmap(info);
        using (var canvas = new SKCanvas(labels))
        {
            canvas.Clear(SKColors.Transparent);
            canvas.Scale(size);
            DrawBird(canvas, scene, part => new SKColor((byte)part, (byte)part, (byte)part), antialias: false);
        }

        var map = new PartLabelMap(size, size);
        var labelPixels = labels.GetPixelSpan();
        for (int i = 0; i < map.Labels.Length; i++)
            map.Labels[i] = labelPixels[4 * i];
        return new RenderedBird(ImageFiles.FromBitmap(picture), map, scene.FacingLeft);
    }

    private static Scene DrawScene(BirdAttributes attributes, Random random)
    {
        float Uniform(double low, double high) => (float)(low + (high - low) * random.NextDouble());

        bool facingLeft = random.Next(2) == 0;
        float sizeFactor = attributes.Size switch
        {
            BirdSize.Small => 0.82f,
            BirdSize.Medium => 1f,
            _ => 1.16f,
        };
        float scale = sizeFactor * Uniform(0.95, 1.05);
        float centreX = 0.5f + Uniform(-0.03, 0.03);
        float centreY = 0.52f + Uniform(-0.025, 0.025);

        var kind = (BackgroundKind)random.Next(3);
        SKColor top, bottom;
        var blobs = new List<Blob>();
        switch (kind)
        {
            case BackgroundKind.Sky:
                top = Rgb(Uniform(70, 150), Uniform(140, 200), Uniform(215, 250));
                bottom = Rgb(Uniform(200, 240), Uniform(220, 245), Uniform(235, 252));
                for (int i = random.Next(4); i > 0; i--)
                    blobs.Add(new Blob(Uniform(0, 1), Uniform(0.05, 0.45), Uniform(0.06, 0.14), new SKColor(255, 255, 255, (byte)Uniform(90, 170))));
                break;
            case BackgroundKind.Foliage:
                top = Rgb(Uniform(30, 70), Uniform(70, 110), Uniform(30, 60));
                bottom = Rgb(Uniform(50, 90), Uniform(90, 130), Uniform(40, 70));
                for (int i = 0; i < 28; i++)
                    blobs.Add(new Blob(Uniform(-0.1, 1.1), Uniform(-0.1, 1.1), Uniform(0.04, 0.14),
                        new SKColor((byte)Uniform(40, 140), (byte)Uniform(90, 170), (byte)Uniform(30, 80), (byte)Uniform(110, 200))));
                break;
            default:
                float grey = Uniform(150, 225);
                top = Rgb(grey + Uniform(-25, 25), grey + Uniform(-25, 25), grey + Uniform(-25, 25));
                bottom = Rgb(top.Red * 0.9f, top.Green * 0.9f, top.Blue * 0.9f);
                break;
        }

        float branchWidth = Uniform(0.035, 0.055);
        float tilt = Uniform(-0.08, 0.08);
        float twigX = Uniform(0.05, 0.95);
        var branchColor = Rgb(Uniform(85, 130), Uniform(55, 85), Uniform(30, 50));
        var leafColor = Rgb(Uniform(50, 110), Uniform(120, 170), Uniform(40, 70));

        var partColors = new Dictionary<BirdPart, SKColor>();
        foreach (var part in Enum.GetValues<BirdPart>())
        {
            // Shade jitter: a brightness factor and small per-channel offsets, small enough that the
            // part's colour stays nearest to its own palette entry.
            float factor = Uniform(0.94, 1.06);
            var (r, g, b) = attributes.ColorOf(part) is { } color ? BirdPalette.Rgb(color) : ((byte)0, (byte)0, (byte)0);
            partColors[part] = part switch
            {
                BirdPart.Legs => LegColor,
                BirdPart.Eye => EyeColor,
                BirdPart.None => SKColors.Transparent,
                _ when attributes.ColorOf(part) is null => SKColors.Transparent,
                _ => Rgb(r * factor + Uniform(-5, 5), g * factor + Uniform(-5, 5), b * factor + Uniform(-5, 5)),
            };
        }

        var spots = new List<SKPoint>();
        for (int i = 0; i < 5; i++)
            spots.Add(new SKPoint(-0.2f + 0.075f * i + Uniform(-0.012, 0.012), Uniform(-0.035, 0.03)));

        // The feet stand on the branch: its centre line passes just below them at the bird's x.
        float footY = centreY + 0.2f * scale;
        float branchAtBird = footY + branchWidth * 0.35f;
        return new Scene(attributes, facingLeft, centreX, centreY, scale, kind, top, bottom, blobs,
            branchAtBird - tilt * centreX, branchAtBird + tilt * (1 - centreX), branchWidth, branchColor, twigX, leafColor,
            partColors, spots);
    }

    private static SKColor Rgb(double r, double g, double b) =>
        new((byte)Math.Clamp(Math.Round(r), 0, 255), (byte)Math.Clamp(Math.Round(g), 0, 255), (byte)Math.Clamp(Math.Round(b), 0, 255));

    private static void DrawBackground(SKCanvas canvas, Scene scene)
    {
        using (var shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(0, 1),
                   [scene.BackgroundTop, scene.BackgroundBottom], SKShaderTileMode.Clamp))
        using (var paint = new SKPaint { Shader = shader, IsAntialias = true })
            canvas.DrawRect(0, 0, 1, 1, paint);

        using var blobPaint = new SKPaint { IsAntialias = true };
        // Soft edges for clouds and foliage; the blur radius is in unit-square coordinates.
        using var blur = SKMaskFilter.CreateBlur(SKBlurStyle.Normal, scene.Background == BackgroundKind.Sky ? 0.03f : 0.012f);
        blobPaint.MaskFilter = blur;
        foreach (var blob in scene.Blobs)
        {
            blobPaint.Color = blob.Color;
            if (scene.Background == BackgroundKind.Sky)
                canvas.DrawOval(blob.X, blob.Y, blob.Radius * 1.8f, blob.Radius * 0.7f, blobPaint);
            else
                canvas.DrawCircle(blob.X, blob.Y, blob.Radius, blobPaint);
        }
    }

    private static void DrawBranch(SKCanvas canvas, Scene scene)
    {
        using var paint = new SKPaint
        {
            IsAntialias = true,
            Style = SKPaintStyle.Stroke,
            StrokeCap = SKStrokeCap.Round,
            StrokeWidth = scene.BranchWidth,
            Color = scene.BranchColor,
        };
        float BranchY(float x) => scene.BranchLeftY + (scene.BranchRightY - scene.BranchLeftY) * x;

        float twigY = BranchY(scene.TwigX);
        float twigEndX = scene.TwigX + (scene.TwigX < 0.5f ? -0.12f : 0.12f);
        float twigEndY = twigY + 0.13f;
        paint.StrokeWidth = scene.BranchWidth * 0.5f;
        canvas.DrawLine(scene.TwigX, twigY, twigEndX, twigEndY, paint);
        paint.StrokeWidth = scene.BranchWidth;
        canvas.DrawLine(-0.05f, BranchY(-0.05f), 1.05f, BranchY(1.05f), paint);

        using var leaf = new SKPaint { IsAntialias = true, Color = scene.LeafColor };
        canvas.Save();
        canvas.Translate(twigEndX, twigEndY);
        canvas.RotateDegrees(scene.TwigX < 0.5f ? 35 : -35);
        canvas.DrawOval(0, 0, 0.025f, 0.045f, leaf);
        canvas.Restore();
    }

    private static void DrawBird(SKCanvas canvas, Scene scene, Func<BirdPart, SKColor> colorOf, bool antialias)
    {
        var a = scene.Attributes;
        canvas.Save();
        canvas.Translate(scene.CentreX, scene.CentreY);
        canvas.Scale(scene.FacingLeft ? -scene.Scale : scene.Scale, scene.Scale);

        using var paint = new SKPaint { IsAntialias = antialias };
        void Fill(SKPath path, BirdPart part)
        {
            paint.Color = colorOf(part);
            canvas.DrawPath(path, paint);
        }

        // Bird coordinates: the body's centre is the origin, the bird faces +x, y grows downwards.
        using var tail = new SKPath();
        tail.MoveTo(-0.08f, -0.02f);
        tail.LineTo(-0.37f, 0.13f);
        tail.LineTo(-0.33f, 0.25f);
        tail.LineTo(-0.04f, 0.09f);
        tail.Close();
        Fill(tail, BirdPart.Tail);

        using (var legs = new SKPaint { IsAntialias = antialias, Style = SKPaintStyle.Stroke, StrokeWidth = 0.022f, StrokeCap = SKStrokeCap.Round })
        {
            legs.Color = colorOf(BirdPart.Legs);
            canvas.DrawLine(-0.01f, 0.1f, -0.03f, 0.2f, legs);
            canvas.DrawLine(0.06f, 0.1f, 0.06f, 0.2f, legs);
        }

        using var body = RotatedOval(0, 0, 0.2f, 0.14f, -25);
        Fill(body, BirdPart.Body);

        using (var belly = RotatedOval(0.08f, 0.06f, 0.15f, 0.095f, -25))
        {
            canvas.Save();
            canvas.ClipPath(body, SKClipOperation.Intersect, antialias);
            Fill(belly, BirdPart.Belly);
            canvas.Restore();
        }

        using var wing = RotatedOval(-0.08f, -0.035f, 0.18f, 0.075f, -15);
        Fill(wing, BirdPart.Wing);
        if (a.WingPattern != WingPattern.Solid)
        {
            canvas.Save();
            canvas.ClipPath(wing, SKClipOperation.Intersect, antialias);
            using var pattern = new SKPath();
            if (a.WingPattern == WingPattern.Bars)
            {
                for (int i = 0; i < 3; i++)
                    pattern.AddRect(SKRect.Create(-0.17f + 0.075f * i, -0.15f, 0.036f, 0.25f));
                pattern.Transform(SKMatrix.CreateRotationDegrees(-15, -0.08f, -0.035f));
            }
            else
            {
                foreach (var spot in scene.Spots)
                    pattern.AddCircle(spot.X, spot.Y - 0.035f - 0.25f * (spot.X + 0.08f) * 0.27f, 0.027f);
            }
            Fill(pattern, BirdPart.WingPattern);
            canvas.Restore();
        }

        using var head = new SKPath();
        head.AddCircle(0.17f, -0.15f, 0.11f);
        Fill(head, BirdPart.Head);

        using (var cap = new SKPath())
        {
            cap.AddRect(new SKRect(-1, -1, 1, -0.165f));
            using var crown = head.Op(cap, SKPathOp.Intersect);
            Fill(crown, BirdPart.Crown);
        }

        using var beak = new SKPath();
        float tip = a.BeakLength == BeakLength.Long ? 0.43f : 0.34f;
        beak.MoveTo(0.25f, -0.185f);
        beak.LineTo(tip, -0.14f);
        beak.LineTo(0.25f, -0.105f);
        beak.Close();
        Fill(beak, BirdPart.Beak);

        if (a.HasEyeRing)
        {
            using var ring = new SKPath();
            ring.AddCircle(0.205f, -0.14f, 0.05f);
            Fill(ring, BirdPart.EyeRing);
        }
        using var eye = new SKPath();
        eye.AddCircle(0.205f, -0.14f, 0.021f);
        Fill(eye, BirdPart.Eye);
        if (antialias)
        {
            paint.Color = EyeHighlight;
            canvas.DrawCircle(0.212f, -0.147f, 0.007f, paint);
        }
        canvas.Restore();
    }

    private static SKPath RotatedOval(float x, float y, float radiusX, float radiusY, float degrees)
    {
        var path = new SKPath();
        path.AddOval(new SKRect(x - radiusX, y - radiusY, x + radiusX, y + radiusY));
        path.Transform(SKMatrix.CreateRotationDegrees(degrees, x, y));
        return path;
    }
}
