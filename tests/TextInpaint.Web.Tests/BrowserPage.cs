using Microsoft.Playwright;
using TextInpaint.Imaging;

namespace TextInpaint.Web.Tests;

/// <summary>
/// One browser context on the page of <see cref="BrowserFixture"/>'s server, for tests of the page.
/// Every request goes through a route that lets only loopback through, and disposing checks that
/// none was blocked: every test proves that no request left the machine.
/// </summary>
public abstract class BrowserPage(BrowserFixture fixture) : IAsyncLifetime
{
    private readonly List<string> requests = [];
    private readonly List<string> blocked = [];

    protected BrowserFixture Fixture { get; } = fixture;
    protected IBrowserContext Context { get; private set; } = null!;
    protected IPage Page { get; private set; } = null!;

    private static bool IsLoopback(string url) =>
        new Uri(url) is { Host: "127.0.0.1" or "localhost" or "[::1]" } || url.StartsWith("blob:") || url.StartsWith("data:");

    public virtual Task InitializeAsync() =>
        OpenAsync(new BrowserNewContextOptions { AcceptDownloads = true, ViewportSize = new() { Width = 1280, Height = 900 } });

    /// <summary>Opens the page in a new context (closing the one before, if any) and waits until it is ready.</summary>
    protected async Task OpenAsync(BrowserNewContextOptions options)
    {
        if (Context is not null)
            await Context.DisposeAsync();
        Context = await Fixture.Browser.NewContextAsync(options);
        await Context.RouteAsync("**/*", async route =>
        {
            lock (requests) requests.Add(route.Request.Url);
            if (IsLoopback(route.Request.Url))
                await route.ContinueAsync();
            else
            {
                lock (blocked) blocked.Add(route.Request.Url);
                await route.AbortAsync();
            }
        });
        Page = await Context.NewPageAsync();
        await Page.GotoAsync(Fixture.Address);
        await Page.WaitForSelectorAsync("body[data-ready=true]");
    }

    public async Task DisposeAsync()
    {
        await Context.DisposeAsync();
        Assert.Empty(blocked);
        Assert.NotEmpty(requests);
        Assert.All(requests, url => Assert.True(IsLoopback(url), url));
    }

    /// <summary>Waits until the status line starts with <paramref name="start"/>: 30 s unless told otherwise.</summary>
    protected Task WaitForStatusAsync(string start, float timeoutMilliseconds = 30_000) =>
        Page.WaitForFunctionAsync("s => document.getElementById('status').textContent.startsWith(s)", start,
            new PageWaitForFunctionOptions { Timeout = timeoutMilliseconds });

    /// <summary>Picks the first sample bird and waits until its suggested hole is drawn; returns its key.</summary>
    protected async Task<string> PickFirstSampleAsync()
    {
        var key = await Page.EvalOnSelectorAsync<string>("#samples", "s => s.options[1].value");
        await Page.SelectOptionAsync("#samples", key);
        await WaitForStatusAsync($"{key}: the suggested hole");
        return key;
    }

    protected async Task<byte[]> DownloadAsync(string button)
    {
        var download = await Page.RunAndWaitForDownloadAsync(() => Page.ClickAsync(button));
        using var stream = await download.CreateReadStreamAsync();
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    /// <summary>Pixels in the hole of the mask as the page downloads it.</summary>
    protected async Task<int> HoleCountAsync() => ImageBytes.DecodeMask(await DownloadAsync("#mask-download"), "mask").Hole.Count(h => h);
}
