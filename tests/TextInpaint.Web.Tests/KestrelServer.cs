using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TextInpaint.Web.Tests;

/// <summary>
/// The server on Kestrel at a free loopback port, as `textinpaint serve` starts it, with every log
/// entry it writes kept (so that a test can see what was logged as a failure).
/// </summary>
public sealed class KestrelServer : IAsyncLifetime
{
    private WebApplication? app;

    public ConcurrentQueue<(LogLevel Level, string Category, string Message, Exception? Exception)> Log { get; } = new();

    public HttpClient Client { get; private set; } = null!;

    public WebApplication App => app!;

    public async Task InitializeAsync()
    {
        app = TextInpaintServer.Build(["--urls", "http://127.0.0.1:0", "--TextInpaint:Model", ShippedModel.Folder, "--TextInpaint:SampleCount", "2"]);
        app.Services.GetRequiredService<ILoggerFactory>().AddProvider(new Collector(Log));
        await app.StartAsync();
        await app.Services.GetRequiredService<ModelHost>().Loaded;
        Client = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromMinutes(2) };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await app!.StopAsync();
        await app.DisposeAsync();
    }

    /// <summary>Entries logged at Error or above, or with an exception, since the server started.</summary>
    public IReadOnlyList<string> Failures => Log.Where(e => e.Level >= LogLevel.Error || e.Exception is not null)
        .Select(e => $"{e.Category}: {e.Message} {e.Exception?.GetType().Name}").ToList();

    private sealed class Collector(ConcurrentQueue<(LogLevel, string, string, Exception?)> log) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, log);

        public void Dispose() { }

        private sealed class Logger(string category, ConcurrentQueue<(LogLevel, string, string, Exception?)> log) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                log.Enqueue((logLevel, category, formatter(state, exception), exception));
        }
    }
}
