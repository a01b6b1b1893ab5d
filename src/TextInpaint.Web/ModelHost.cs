using Microsoft.Extensions.Options;
using TextInpaint.Imaging;
using TextInpaint.Inference;

namespace TextInpaint.Web;

/// <summary>
/// Loads the model once, in the background, so the server answers <c>/healthz</c> at once and
/// <c>/readyz</c> when the model is in memory; disposes it when the server stops.
/// </summary>
public sealed class ModelHost(IOptions<ServerOptions> options, ILogger<ModelHost> log) : IHostedService, IDisposable
{
    private Task<Inpainter>? loading;

    /// <summary>The folder's own name (never the path: a client has no business with the server's folders).</summary>
    public string Name { get; } = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.Value.Model)));

    /// <summary>The loaded model, or null while it loads or when loading failed (<see cref="Failure"/>).</summary>
    public Inpainter? Model => loading is { IsCompletedSuccessfully: true } done ? done.Result : null;

    /// <summary>Why the model could not be loaded, or null.</summary>
    public string? Failure => loading is { IsFaulted: true } failed ? FirstLine(failed.Exception!.InnerException!.Message) : null;

    /// <summary>Completes when the model is loaded (or failed to load).</summary>
    public Task Loaded => loading ?? Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var folder = options.Value.Model;
        loading = Task.Run(() =>
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var model = Inpainter.Load(folder, options.Value.Device);
            // One fill before the first client's: libtorch does its one-time set-up on the first forward pass.
            model.Inpaint(new RgbImage(model.ImageSize, model.ImageSize),
                Mask.Box(model.ImageSize, model.ImageSize, 0, 0, model.ImageSize / 2, model.ImageSize / 2), "a bird");
            log.LogInformation("model {Name} loaded and warmed up in {Seconds:0.0} s", Name, clock.Elapsed.TotalSeconds);
            return model;
        }, cancellationToken);
        loading.ContinueWith(t => log.LogError("the model {Folder} could not be loaded: {Message}", folder, FirstLine(t.Exception!.InnerException!.Message)),
            TaskContinuationOptions.OnlyOnFaulted);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Waits for a load still under way before the model is released: a host that stops at once
    /// (its address already taken) would otherwise let the process tear libtorch down while the
    /// load runs in it, which aborts the process instead of ending it with the host's error.
    /// </summary>
    public void Dispose()
    {
        try
        {
            loading?.Wait();
        }
        catch (AggregateException)
        {
            // The load failed; its continuation has logged why.
        }
        Model?.Dispose();
    }

    /// <summary>A libtorch error's message goes on with its native stack: the first line says what went wrong.</summary>
    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
