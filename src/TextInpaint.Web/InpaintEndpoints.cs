using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using TextInpaint.Imaging;
using TextInpaint.Inference;
using TextInpaint.Text;

namespace TextInpaint.Web;

/// <summary><c>POST /api/v1/inpaint</c>: fills the hole of an uploaded image as its caption says.</summary>
public static class InpaintEndpoints
{
    public const string RateLimitPolicy = "fills";

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/v1/inpaint", Inpaint)
            .WithName("Inpaint")
            .WithSummary("Fill the hole of an image as a caption says")
            .WithDescription("Multipart form: image, mask (white = hole) or box=x,y,w,h, caption, optional seed. Returns the PNG (its text chunks "
                + "hold caption, seed and model), or with Accept: application/json the fill with each word's state, demand weight and attention "
                + "map, and the notes.")
            .Produces<FillJson>(StatusCodes.Status200OK, "application/json")
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                // Produces keeps one content type per status; the default answer, the PNG, goes beside the JSON.
                if (operation.Responses?.GetValueOrDefault("200") is OpenApiResponse { Content: { } content })
                    content["image/png"] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } };
                return Task.CompletedTask;
            })
            .AsFill();

    /// <summary>
    /// What every endpoint that fills a hole shares: a multipart form without antiforgery, the
    /// problems it may answer, and the clients' token buckets.
    /// </summary>
    public static RouteHandlerBuilder AsFill(this RouteHandlerBuilder endpoint) => endpoint
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status429TooManyRequests)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
        .DisableAntiforgery()
        .RequireRateLimiting(RateLimitPolicy);

    private static async Task<IResult> Inpaint([FromForm] InpaintForm? form, HttpContext context, ModelHost host, FillQueue queue,
        IOptions<ServerOptions> settings)
    {
        var limits = settings.Value;
        if (host.Model is not { } model)
            return Problems.NoModel(context, host);

        if (form is null || !context.Request.HasFormContentType || form.Image is null)
            return Problems.BadRequest("image: missing; send a multipart/form-data form with the fields image, mask or box, caption and seed.");
        if (queue.Refusal(context) is { } refused)
            return refused;
        var request = await ReadAsync(form, limits, context.RequestAborted);
        var wantsJson = WantsJson(context.Request);

        InpaintResult? result = null;
        var clock = new System.Diagnostics.Stopwatch();
        var notRun = await queue.RunAsync(context, () =>
        {
            var (image, hole) = request.Upload.Decode(limits.MaxImagePixels);
            clock.Start();
            result = model.Inpaint(image, hole, request.Caption, request.Seed);
            clock.Stop();
        });
        if (notRun is not null)
            return notRun;

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

    /// <summary>
    /// Whether the client asked for the JSON answer: application/json with a quality above zero
    /// and at least that of the PNG (image/png, image/* or */*). Without an Accept header, the PNG.
    /// </summary>
    public static bool WantsJson(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        double Quality(params string[] types) => accept.Where(a => types.Any(t => a.MediaType.Equals(t, StringComparison.OrdinalIgnoreCase)))
            .Select(a => a.Quality ?? 1).DefaultIfEmpty(0).Max();
        double json = Quality("application/json");
        return json > 0 && json >= Quality("image/png", "image/*", "*/*");
    }

    /// <summary>A fill's form, read and checked (the images from their headers), its images still encoded.</summary>
    private sealed record FillRequest(HoleUpload Upload, string Caption, int? Seed);

    private static async Task<FillRequest> ReadAsync(InpaintForm form, ServerOptions limits, CancellationToken cancel)
    {
        var caption = form.Caption ?? "";
        if (Inpainter.CharacterCount(caption) > Inpainter.MaxCaptionCharacters)
            throw new UserInputException($"caption: {Inpainter.CharacterCount(caption):N0} characters; at most {Inpainter.MaxCaptionCharacters:N0} "
                + $"are accepted (the model reads 16 words).");
        int? seed = null;
        if (!string.IsNullOrWhiteSpace(form.Seed))
            seed = int.TryParse(form.Seed, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s)
                ? s
                : throw new UserInputException($"seed '{form.Seed}': expected a whole number from {int.MinValue:N0} to {int.MaxValue:N0}.");
        return new FillRequest(await HoleUpload.ReadAsync(form, limits, cancel), caption, seed);
    }

    private static FillJson ToJson(InpaintResult result, byte[] png, FillRequest request, string model, Vocabulary vocabulary, double runMilliseconds)
    {
        var words = result.Words.Select(w => new FillWordJson(w.Word, StateName(w.State),
            w.Demand is { } demand ? Math.Round(demand, 4) : null, w.Attention?.Select(a => MathF.Round(a, 4)).ToArray())).ToArray();
        string? Png(RgbImage? image) => image is null ? null : Convert.ToBase64String(ImageBytes.EncodePng(image));
        return new FillJson(Convert.ToBase64String(png), result.Image.Width, result.Image.Height,
            result.Window is { } w ? new WindowJson(w.X, w.Y, w.Side) : null,
            Png(result.ModelInput), Png(result.ModelOutput), result.AttentionSide, words, result.Notes, request.Seed, model,
            Math.Round(runMilliseconds, 1));
    }

    public static string StateName(WordState state) => state.ToString().ToLowerInvariant();
}
