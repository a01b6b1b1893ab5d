using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using TextInpaint.Baselines;
using TextInpaint.Imaging;

namespace TextInpaint.Web;

/// <summary>
/// <c>GET /api/v1/classical</c> lists the classical methods, <c>POST /api/v1/classical</c> fills a
/// hole with one of them, to compare with the model's fill. The method fills the square around
/// the hole that the model sees, at that square's side or 256 at the most
/// (<see cref="ClassicalInpainters.InpaintWindow"/>), in the same queue as the model's fills.
/// </summary>
public static class ClassicalEndpoints
{
    private static string Names => string.Join(", ", ClassicalInpainters.All.Select(m => m.Name));

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGetAndHead("/api/v1/classical",
                () => TypedResults.Ok(ClassicalInpainters.All.Select(m => new ClassicalMethodJson(m.Name, m.Description)).ToArray()))
            .WithName("ClassicalMethods")
            .WithSummary("The classical inpainting methods the page compares with (OpenCV's and PatchMatch)");
        app.MapPost("/api/v1/classical", Inpaint)
            .WithName("InpaintClassically")
            .WithSummary("Fill the hole of an image with a classical method, which reads no text")
            .WithDescription($"Multipart form: image, mask (white = hole) or box=x,y,w,h, method ({Names}). The method fills the square around the hole "
                + $"that the model sees, at that square's side or {ClassicalInpainters.LargestWindowSide} at the most; only the hole changes. Returns the PNG.")
            .Produces(StatusCodes.Status200OK, contentType: "image/png")
            .AsFill();
    }

    private static async Task<IResult> Inpaint([FromForm] ClassicalForm? form, HttpContext context, FillQueue queue, IOptions<ServerOptions> settings)
    {
        var limits = settings.Value;
        if (form is null || !context.Request.HasFormContentType || form.Image is null)
            return Problems.BadRequest("image: missing; send a multipart/form-data form with the fields image, mask or box, and method.");
        var method = ClassicalInpainters.Find(form.Method ?? "")
            ?? throw new UserInputException($"method '{form.Method}': unknown; the classical methods are {Names}.");
        if (queue.Refusal(context) is { } refused)
            return refused;
        var upload = await HoleUpload.ReadAsync(form, limits, context.RequestAborted);

        RgbImage? result = null;
        var notRun = await queue.RunAsync(context, () =>
        {
            var (image, hole) = upload.Decode(limits.MaxImagePixels);
            result = ClassicalInpainters.InpaintWindow(method, image, hole);
        });
        return notRun ?? TypedResults.File(ImageBytes.EncodePng(result!, [new("Method", method.Name), new("Software", "TextInpaint")]),
            "image/png", $"{method.Name}.png");
    }
}
