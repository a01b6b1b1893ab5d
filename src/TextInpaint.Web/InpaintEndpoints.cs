using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using TextInpaint.Imaging;
using TextInpaint.Inference;
using TextInpaint.Text;

namespace TextInpaint.Web;

/// <summary>The multipart form of <c>POST /api/v1/inpaint</c>.</summary>
public sealed class InpaintForm
{
    /// <summary>The image (PNG, JPEG, WebP, BMP or GIF; the kind is read from its bytes).</summary>
    public IFormFile? Image { get; set; }

    /// <summary>A mask image, white = hole (or give <see cref="Box"/>).</summary>
    public IFormFile? Mask { get; set; }

    /// <summary>The hole as x,y,width,height in pixels (or give <see cref="Mask"/>).</summary>
    public string? Box { get; set; }

    /// <summary>What the hole should show.</summary>
    public string? Caption { get; set; }

    /// <summary>Draw the generator's noise from this whole number (default: zero noise, a repeatable fill).</summary>
    public string? Seed { get; set; }
}

/// <summary>The square of the image the model saw, in the image's pixels.</summary>
public sealed record WindowJson(int X, int Y, int Side);

/// <summary>One word of the caption: its state and, for a word read, its demand weight and where it was placed.</summary>
/// <param name="Attention">Row-major attentionSide² map over the window (null for a dropped word).</param>
public sealed record FillWordJson(string Word, string State, double? Demand, float[]? Attention);

/// <summary>A fill with what the model made of the caption.</summary>
/// <param name="Image">The whole result as a PNG (base64) with the caption, seed and model in its text chunks.</param>
/// <param name="ModelInput">The window at the model's size with the hole in grey (PNG, base64), or null without a hole.</param>
/// <param name="ModelOutput">The model's result on that square (PNG, base64), or null.</param>
/// <param name="RunMilliseconds">Time of the model call alone.</param>
public sealed record FillJson(string Image, int Width, int Height, WindowJson? Window, string? ModelInput, string? ModelOutput,
    int AttentionSide, IReadOnlyList<FillWordJson> Words, IReadOnlyList<string> Notes, int? Seed, string Model, double RunMilliseconds);

/// <summary><c>POST /api/v1/inpaint</c>: fills the hole of an uploaded image as its caption says.</summary>
public static class InpaintEndpoints
{
    public const string RateLimitPolicy = "fills";

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/v1/inpaint", Inpaint)
            .WithName("Inpaint")
            .WithSummary("Fill the hole of an image as a caption says")
            .WithDescription("Multipart form: image, mask (white = hole) or box=x,y,w,h, caption, optional seed. Returns the PNG (its text chunks hold caption, seed and model), or with Accept: application/json the fill with each word's state, demand weight and attention map, and the notes.")
            .Produces(StatusCodes.Status200OK, contentType: "image/png")
            .Produces<FillJson>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .DisableAntiforgery()
            .RequireRateLimiting(RateLimitPolicy);

    private static async Task<IResult> Inpaint([FromForm] InpaintForm? form, HttpContext context, ModelHost host, FillQueue queue, IOptions<ServerOptions> settings)
    {
        var limits = settings.Value;
        if (host.Model is not { } model)
            return host.Failure is { } failure
                ? Problems.Of(StatusCodes.Status503ServiceUnavailable, "no model", $"the model could not be loaded: {failure}")
                : Problems.Busy(context, TimeSpan.FromSeconds(2), "the model is still loading.");

        if (form is null || !context.Request.HasFormContentType || form.Image is null)
            return Problems.BadRequest("image: missing; send a multipart/form-data form with the fields image, mask or box, caption and seed.");
        try
        {
            queue.EnsureRoom();
        }
        catch (QueueFullException e)
        {
            return Problems.Busy(context, e.RetryAfter, e.Message);
        }
        var request = await ReadAsync(form, limits, context.RequestAborted);
        var wantsJson = context.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase));

        InpaintResult? result = null;
        var clock = new System.Diagnostics.Stopwatch();
        try
        {
            await queue.Enqueue(() =>
            {
                clock.Start();
                result = model.Inpaint(request.Image, request.Hole, request.Caption, request.Seed);
                clock.Stop();
            }, context.RequestAborted);
        }
        catch (QueueFullException e)
        {
            return Problems.Busy(context, e.RetryAfter, e.Message);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return Results.Empty;
        }

        var png = ImageBytes.EncodePng(result!.Image,
        [
            new("Caption", request.Caption),
            new("Seed", request.Seed?.ToString(CultureInfo.InvariantCulture) ?? "none (zero noise)"),
            new("Model", host.Name),
            new("Software", "TextInpaint"),
        ]);
        if (!wantsJson)
            return TypedResults.File(png, "image/png", "inpainted.png");
        return TypedResults.Json(ToJson(result, png, request, host.Name, model.Vocabulary, clock.Elapsed.TotalMilliseconds));
    }

    private sealed record FillRequest(RgbImage Image, Mask Hole, string Caption, int? Seed);

    private static async Task<FillRequest> ReadAsync(InpaintForm form, ServerOptions limits, CancellationToken cancel)
    {
        if ((form.Mask is null) == string.IsNullOrWhiteSpace(form.Box))
            throw new UserInputException("give the hole as the form field 'mask' (an image, white = hole) or 'box' (x,y,width,height), not both.");
        var caption = form.Caption ?? "";
        if (caption.Length > limits.MaxCaptionCharacters)
            throw new UserInputException($"caption: {caption.Length:N0} characters; at most {limits.MaxCaptionCharacters:N0} are accepted (the model reads 16 words).");
        int? seed = null;
        if (!string.IsNullOrWhiteSpace(form.Seed))
            seed = int.TryParse(form.Seed, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s)
                ? s
                : throw new UserInputException($"seed '{form.Seed}': expected a whole number.");

        var image = ImageBytes.Decode(await BytesOf(form.Image!, cancel), "image", limits.MaxImagePixels);
        var hole = form.Mask is not null
            ? ImageBytes.DecodeMask(await BytesOf(form.Mask, cancel), "mask", limits.MaxImagePixels)
            : HoleBox.Parse(form.Box!, "box").ToMask(image.Width, image.Height, "box");
        return new FillRequest(image, hole, caption, seed);
    }

    private static async Task<byte[]> BytesOf(IFormFile file, CancellationToken cancel)
    {
        // One array of the part's length, read into directly (a memory stream and its copy made two).
        var bytes = new byte[file.Length];
        await using var stream = file.OpenReadStream();
        await stream.ReadExactlyAsync(bytes, cancel);
        return bytes;
    }

    private static FillJson ToJson(InpaintResult result, byte[] png, FillRequest request, string model, Vocabulary vocabulary, double runMilliseconds)
    {
        var reading = CaptionReading.Of(request.Caption, vocabulary);
        var read = new Queue<WordUse>(result.Words);
        var words = reading.Words.Select(w =>
        {
            if (w.State == WordState.Dropped || !read.TryDequeue(out var use))
                return new FillWordJson(w.Word, StateName(w.State), null, null);
            return new FillWordJson(w.Word, StateName(w.State), Math.Round(use.Demand, 4), use.Attention.Select(a => MathF.Round(a, 4)).ToArray());
        }).ToArray();
        string? Png(RgbImage? image) => image is null ? null : Convert.ToBase64String(ImageBytes.EncodePng(image));
        return new FillJson(Convert.ToBase64String(png), result.Image.Width, result.Image.Height,
            result.Window is { } w ? new WindowJson(w.X, w.Y, w.Side) : null,
            Png(result.ModelInput), Png(result.ModelOutput), result.AttentionSide, words, result.Notes, request.Seed, model,
            Math.Round(runMilliseconds, 1));
    }

    public static string StateName(WordState state) => state.ToString().ToLowerInvariant();
}
