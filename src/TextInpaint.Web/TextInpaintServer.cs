using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace TextInpaint.Web;

/// <summary>
/// `textinpaint serve`: the page and the HTTP API on Kestrel, with the model loaded once. Settings
/// come from the section <see cref="ServerOptions.Section"/> and <c>--urls</c> (default
/// <see cref="DefaultUrl"/>, loopback only).
/// </summary>
public static class TextInpaintServer
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(TextInpaintServer).Assembly.GetName().Name,
        });
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
            builder.WebHost.UseUrls(DefaultUrl);
        else
            CheckUrls(builder.Configuration[WebHostDefaults.ServerUrlsKey]!);
        ServerOptions.From(builder.Configuration);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        // A server that cannot start (an address in use) is reported in one line by whoever started it, not as the host's stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);

        var services = builder.Services;
        services.Configure<ServerOptions>(builder.Configuration.GetSection(ServerOptions.Section));
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<ServerOptions>>((kestrel, o) =>
            kestrel.Limits.MaxRequestBodySize = o.Value.MaxRequestBytes);
        services.AddOptions<FormOptions>().Configure<IOptions<ServerOptions>>((form, o) =>
        {
            form.MultipartBodyLengthLimit = o.Value.MaxRequestBytes;
            form.ValueLengthLimit = Inference.Inpainter.MaxCaptionCharacters * 4 + 64;
            form.ValueCountLimit = 16;
        });
        // The model is stopped after the queue (hosted services stop in reverse order), so the fill in flight finishes first.
        services.AddSingleton<ModelHost>();
        services.AddHostedService(sp => sp.GetRequiredService<ModelHost>());
        services.AddSingleton<FillQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<FillQueue>());
        services.AddSingleton<SampleGallery>();
        // A request that cannot be bound (a wrong form, a field too long) throws, so its problem says why.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        // Ahead of the default writer, which writes nothing when the client accepts no JSON.
        services.AddSingleton<IProblemDetailsWriter, Problems.JsonWriter>();
        services.AddProblemDetails();
        services.AddExceptionHandler<Problems.Handler>();
        services.AddOpenApi();
        services.AddHealthChecks().AddCheck<ModelReadyCheck>("model", tags: ["ready"]);
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(InpaintEndpoints.RateLimitPolicy, context =>
            {
                var o = context.RequestServices.GetRequiredService<IOptions<ServerOptions>>().Value;
                return RateLimitPartition.GetTokenBucketLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "local",
                    _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = o.ClientBurst,
                    TokensPerPeriod = o.ClientFillsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            limiter.OnRejected = async (rejected, cancel) =>
            {
                var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
                Problems.SetRetryAfter(rejected.HttpContext, wait);
                var problem = Problems.Of(StatusCodes.Status429TooManyRequests, "too many requests",
                    "this client sent more fills than the server takes from one client; wait before the next.", wait);
                await problem.ExecuteAsync(rejected.HttpContext);
            };
        });

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRateLimiter();
        app.MapOpenApi();
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        PageEndpoints.Map(app);
        InfoEndpoints.Map(app);
        InpaintEndpoints.Map(app);
        ClassicalEndpoints.Map(app);
        return app;
    }

    /// <summary>
    /// Refuses, in one line, any address but http(s)://HOST:PORT whose host is localhost or an IP
    /// address: Kestrel listens on every interface for any other name (a typo such as 127.0.0.l,
    /// or 999.1.1.1), while the server is meant for this machine unless an interface's address,
    /// such as 0.0.0.0 for all of them, is given explicitly.
    /// </summary>
    public static void CheckUrls(string urls)
    {
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.AbsolutePath != "/")
                throw new UserInputException($"--urls '{urls}': expected http://HOST:PORT (several separated by ';'), e.g. {DefaultUrl}.");
            if (uri.Host != "localhost" && !System.Net.IPAddress.TryParse(uri.Host.Trim('[', ']'), out _))
                throw new UserInputException($"--urls {url}: '{uri.Host}' is neither localhost nor an IP address; give the address of the interface "
                    + $"to listen on (127.0.0.1 for this machine only, 0.0.0.0 for every interface).");
        }
    }

    /// <summary>Ready when the model is in memory.</summary>
    private sealed class ModelReadyCheck(ModelHost host) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(host.Model is not null ? HealthCheckResult.Healthy($"model {host.Name} loaded")
                : HealthCheckResult.Unhealthy(host.Failure is { } failure ? $"the model could not be loaded: {failure}" : "the model is loading"));
    }
}
