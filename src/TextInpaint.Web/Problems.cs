using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;

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

    public static ProblemHttpResult Of(int status, string title, string detail, TimeSpan? retryAfter = null) =>
        TypedResults.Problem(detail, statusCode: status, title: title,
            extensions: retryAfter is { } wait ? new Dictionary<string, object?> { ["retryAfterSeconds"] = Seconds(wait) } : null);

    public static void SetRetryAfter(HttpContext context, TimeSpan wait) =>
        context.Response.Headers.RetryAfter = Seconds(wait).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static int Seconds(TimeSpan wait) => (int)Math.Max(1, Math.Ceiling(wait.TotalSeconds));

    /// <summary>Turns an exception that escaped an endpoint into a problem response.</summary>
    public sealed class Handler(IProblemDetailsService problems, ILogger<Handler> log) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
        {
            // The client went away while its request was read: nobody is left to answer.
            if (exception is OperationCanceledException && context.RequestAborted.IsCancellationRequested)
                return true;
            var (status, title, detail) = exception switch
            {
                UserInputException e => (StatusCodes.Status400BadRequest, "bad request", e.Message),
                BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } or BadHttpRequestException { InnerException: InvalidDataException }
                    => (StatusCodes.Status413PayloadTooLarge, "request too large", "the request body is larger than the server accepts."),
                BadHttpRequestException e => (e.StatusCode, "bad request", "the request could not be read: " + e.Message),
                _ => (StatusCodes.Status500InternalServerError, "internal error", "the server failed on this request; the failure is in its log."),
            };
            if (status == StatusCodes.Status500InternalServerError)
                log.LogError(exception, "unhandled failure on {Path}", context.Request.Path);
            context.Response.StatusCode = status;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = status, Title = title, Detail = detail },
            });
        }
    }
}
