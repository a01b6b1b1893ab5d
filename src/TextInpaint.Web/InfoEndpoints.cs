using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using TextInpaint.Data.SynthBirds;
using TextInpaint.Inference;
using TextInpaint.Text;

namespace TextInpaint.Web;

/// <summary>The endpoints that do not run the model: caption reading, model facts, sample birds.</summary>
public static class InfoEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGetAndHead("/api/v1/caption", Caption)
            .WithName("ReadCaption")
            .WithSummary("Read a caption with the model's tokenizer and vocabulary, without running the model")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        app.MapGetAndHead("/api/v1/model", Model)
            .WithName("Model")
            .WithSummary("The loaded model: size, preset, vocabulary, limits")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        app.MapGetAndHead("/api/v1/samples", Samples)
            .WithName("Samples")
            .WithSummary("SynthBirds test birds with a caption and a suggested hole, to try without an upload");
        app.MapGetAndHead("/api/v1/samples/{key}.png", SampleImage)
            .WithName("SampleImage")
            .WithSummary("The picture of one sample bird")
            .Produces(StatusCodes.Status200OK, contentType: "image/png")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static Results<Ok<CaptionJson>, ProblemHttpResult> Caption(string? text, HttpContext context, ModelHost host, IOptions<ServerOptions> settings)
    {
        if (host.Model is not { } model)
            return Problems.NoModel(context, host);
        text ??= "";
        if (Inpainter.CharacterCount(text) > Inpainter.MaxCaptionCharacters)
            return Problems.BadRequest($"text: {Inpainter.CharacterCount(text):N0} characters; at most {Inpainter.MaxCaptionCharacters:N0} are accepted.");
        var reading = CaptionReading.Of(text, model.Vocabulary);
        return TypedResults.Ok(new CaptionJson(
            reading.Words.Select(w => new CaptionWordJson(w.Word, InpaintEndpoints.StateName(w.State))).ToArray(), reading.ReadCount, CaptionEncoder.MaxWords));
    }

    private static Results<Ok<ModelJson>, ProblemHttpResult> Model(HttpContext context, ModelHost host, IOptions<ServerOptions> settings)
    {
        if (host.Model is not { } model)
            return Problems.NoModel(context, host);
        var config = model.Config;
        var s = settings.Value;
        var colours = BirdPalette.Colors.Select(BirdPalette.Name).Where(model.Vocabulary.Contains).ToArray();
        return TypedResults.Ok(new ModelJson(host.Name, config.Preset.Name, model.ImageSize, config.UsesText, config.UsesWordDemand,
            model.Vocabulary.Count, CaptionEncoder.MaxWords, colours,
            new LimitsJson(s.MaxRequestBytes, s.MaxImagePixels, Inpainter.MaxCaptionCharacters, s.QueueCapacity, s.ClientBurst, s.ClientFillsPerSecond)));
    }

    private static Ok<SampleJson[]> Samples(SampleGallery gallery) =>
        TypedResults.Ok(gallery.Birds.Select(b =>
            new SampleJson(b.Key, $"/api/v1/samples/{b.Key}.png", b.Image.Width, b.Image.Height, b.Caption, b.Hole)).ToArray());

    private static Results<FileContentHttpResult, ProblemHttpResult> SampleImage(string key, SampleGallery gallery) =>
        gallery.Png(key) is { } png
            ? TypedResults.File(png, "image/png")
            : Problems.Of(StatusCodes.Status404NotFound, "not found", $"no sample bird '{key}'; GET /api/v1/samples lists them.");
}
