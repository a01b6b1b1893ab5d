using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace TextInpaint.Web;

/// <summary>
/// Every error as <c>application/problem+json</c> (RFC 9457). A problem with the request carries
/// the library's one-line message; anything else is a bare 500 ("internal error"): no exception
/// text or stack trace ever reaches a client.
/// </summary>
public static class Problems
{
    public static ProblemHttpResult BadRequest(string detail) => Of(StatusCodes.Status400BadRequest, "bad request", detail);

    public static ProblemHttpResult TooLarge(string detail) => Of(StatusCodes.Status413PayloadTooLarge, "request too large", detail);

    public static ProblemHttpResult Busy(HttpContext context, TimeSpan retryAfter, string detail)
    {
        SetRetryAfter(context, retryAfter);
        return Of(StatusCodes.Status503ServiceUnavailable, "busy", detail, retryAfter);
    }

    /// <summary>
    /// The answer while there is no model: busy with Retry-After while it loads; unavailable,
    /// without Retry-After, when loading failed (the reason, which names the server's files, is
    /// in the server's log only).
    /// </summary>
    public static ProblemHttpResult NoModel(HttpContext context, ModelHost host) =>
        host.Failure is null
            ? Busy(context, TimeSpan.FromSeconds(2), "the model is still loading.")
            : Of(StatusCodes.Status503ServiceUnavailable, "unavailable",
                "the server's model could not be loaded; the server's log says why. Fills work again once it is restarted with a model that loads.");

    public static ProblemHttpResult Of(int status, string title, string detail, TimeSpan? retryAfter = null) =>
        TypedResults.Problem(detail, statusCode: status, title: title,
            extensions: retryAfter is { } wait ? new Dictionary<string, object?> { ["retryAfterSeconds"] = Seconds(wait) } : null);

    public static void SetRetryAfter(HttpContext context, TimeSpan wait) =>
        context.Response.Headers.RetryAfter = Seconds(wait).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static int Seconds(TimeSpan wait) => (int)Math.Max(1, Math.Ceiling(wait.TotalSeconds));

    /// <summary>Turns an exception that escaped an endpoint into a problem response.</summary>
    public sealed class Handler(IProblemDetailsService problems, IOptions<ServerOptions> options, ILogger<Handler> log) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
        {
            // The client went away while its request was read: nobody is left to answer.
            if (exception is OperationCanceledException && context.RequestAborted.IsCancellationRequested)
                return true;
            var (status, title, detail) = Describe(exception, options.Value.MaxRequestBytes);
            if (status == StatusCodes.Status500InternalServerError)
                log.LogError(exception, "unhandled failure on {Path}", context.Request.Path);
            context.Response.StatusCode = status;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = status, Title = title, Detail = detail },
            });
        }

        /// <summary>The status, title and one-line detail of a failure.</summary>
        private static (int Status, string Title, string Detail) Describe(Exception exception, long maxBytes) => exception switch
        {
            UserInputException e => (StatusCodes.Status400BadRequest, "bad request", e.Message),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => TooLarge(maxBytes),
            BadHttpRequestException { InnerException: InvalidDataException e } when IsBodyLimit(e.Message) => TooLarge(maxBytes),
            BadHttpRequestException { InnerException: InvalidDataException e }
                => (StatusCodes.Status400BadRequest, "bad request", $"the form could not be read: {OneLine(e.Message)}"),
            BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType }
                => (StatusCodes.Status415UnsupportedMediaType, "unsupported media type",
                    "send the fill as a multipart/form-data form with the fields image, mask or box, caption and seed."),
            BadHttpRequestException { InnerException: IOException } =>
                (StatusCodes.Status400BadRequest, "bad request", "the request body ended before the form did."),
            BadHttpRequestException e => (e.StatusCode, "bad request", "the request could not be read: " + OneLine(e.Message)),
            _ => (StatusCodes.Status500InternalServerError, "internal error", "the server failed on this request; the failure is in its log."),
        };

        private static (int, string, string) TooLarge(long maxBytes) =>
            (StatusCodes.Status413PayloadTooLarge, "request too large", $"the request body is larger than the {maxBytes:N0} bytes the server accepts.");

        /// <summary>The form reader's words for a body past <c>MultipartBodyLengthLimit</c>, as against a malformed form.</summary>
        private static bool IsBodyLimit(string message) => message.Contains("body length limit", StringComparison.OrdinalIgnoreCase);
    }

    private static string OneLine(string message) => message.Split('\n', 2)[0].Trim();

    /// <summary>
    /// Writes every problem as <c>application/problem+json</c>, whatever the request's Accept
    /// header says (the default writer writes nothing for <c>Accept: image/png</c>, which left an
    /// empty body and the exception unhandled).
    /// </summary>
    public sealed class JsonWriter : IProblemDetailsWriter
    {
        public bool CanWrite(ProblemDetailsContext context) => true;

        public ValueTask WriteAsync(ProblemDetailsContext context)
        {
            var problem = context.ProblemDetails;
            problem.Status ??= context.HttpContext.Response.StatusCode;
            problem.Title ??= problem.Status == StatusCodes.Status413PayloadTooLarge ? "request too large"
                : ReasonPhrases.GetReasonPhrase(problem.Status.Value).ToLowerInvariant();
            problem.Detail ??= DefaultDetail(problem.Status.Value, context.HttpContext.RequestServices.GetRequiredService<IOptions<ServerOptions>>().Value);
            return new ValueTask(context.HttpContext.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null,
                "application/problem+json"));
        }

        /// <summary>A line for the answers the framework gives without an exception (an unknown path, a method not allowed).</summary>
        private static string DefaultDetail(int status, ServerOptions limits) => status switch
        {
            StatusCodes.Status400BadRequest => "the request could not be read: the body is not a complete multipart/form-data form.",
            StatusCodes.Status404NotFound => "no such endpoint; GET /openapi/v1.json lists them.",
            StatusCodes.Status405MethodNotAllowed => "this endpoint does not take that method; GET /openapi/v1.json lists what each takes.",
            StatusCodes.Status413PayloadTooLarge => $"the request body is larger than the {limits.MaxRequestBytes:N0} bytes the server accepts.",
            StatusCodes.Status415UnsupportedMediaType =>
                "the request body is not of a type this endpoint takes; send a fill as a multipart/form-data form with the fields image, mask or "
                    + "box, caption and seed.",
            _ => ReasonPhrases.GetReasonPhrase(status) + ".",
        };
    }
}
