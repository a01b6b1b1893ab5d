using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TextInpaint.Imaging;

namespace TextInpaint.Web.Tests;

/// <summary>End-to-end tests of the page in a real browser. Every test proves that no request left the machine.</summary>
public sealed class PageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private IBrowserContext context = null!;
    private IPage page = null!;
    private readonly List<string> requests = [];
    private readonly List<string> blocked = [];

    private static bool IsLoopback(string url) => new Uri(url) is { Host: "127.0.0.1" or "localhost" or "[::1]" } || url.StartsWith("blob:") || url.StartsWith("data:");

    public async Task InitializeAsync() => await OpenAsync(new BrowserNewContextOptions { AcceptDownloads = true, ViewportSize = new() { Width = 1280, Height = 900 } });

    private async Task OpenAsync(BrowserNewContextOptions options)
    {
        context = await fixture.Browser.NewContextAsync(options);
        await context.RouteAsync("**/*", async route =>
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
        page = await context.NewPageAsync();
        await page.GotoAsync(fixture.Address);
        await page.WaitForSelectorAsync("body[data-ready=true]");
    }

    public async Task DisposeAsync()
    {
        await context.DisposeAsync();
        Assert.Empty(blocked);
        Assert.NotEmpty(requests);
        Assert.All(requests, url => Assert.True(IsLoopback(url), url));
    }

    private async Task<string> PickFirstSampleAsync()
    {
        var key = await page.EvalOnSelectorAsync<string>("#samples", "s => s.options[1].value");
        await page.SelectOptionAsync("#samples", key);
        await page.WaitForFunctionAsync("() => document.getElementById('status').textContent.includes('suggested hole')");
        return key;
    }

    private async Task<byte[]> DownloadAsync(string button)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync(button));
        using var stream = await download.CreateReadStreamAsync();
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    /// <summary>A drag on the image from one point to another, in the image's pixels.</summary>
    private async Task DragAsync(double x0, double y0, double x1, double y1, int imageSide)
    {
        var box = (await (await page.QuerySelectorAsync("#mask-canvas"))!.BoundingBoxAsync())!;
        double scale = box.Width / imageSide;
        await page.Mouse.MoveAsync((float)(box.X + x0 * scale), (float)(box.Y + y0 * scale));
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync((float)(box.X + (x0 + x1) / 2 * scale), (float)(box.Y + (y0 + y1) / 2 * scale), new() { Steps = 4 });
        await page.Mouse.MoveAsync((float)(box.X + x1 * scale), (float)(box.Y + y1 * scale), new() { Steps = 4 });
        await page.Mouse.UpAsync();
    }

    private static int HoleCount(byte[] maskPng) => ImageBytes.DecodeMask(maskPng, "mask").Hole.Count(h => h);

    [Fact]
    public async Task A_painted_hole_filled_from_a_typed_sentence_changes_only_the_hole_and_a_hovered_word_shows_its_overlay()
    {
        var key = await PickFirstSampleAsync();
        await page.ClickAsync("#clear");
        await DragAsync(70, 60, 190, 170, 256);
        await page.FillAsync("#caption", "");
        await page.Locator("#caption").PressSequentiallyAsync("this bird has a blue crown and a zorgly belly", new() { Delay = 5 });
        await page.WaitForSelectorAsync("#chips .chip.unknown");
        await page.ClickAsync("#fill");
        await page.WaitForFunctionAsync("() => document.getElementById('status').textContent.startsWith('filled')");

        var filled = await DownloadAsync("#download");
        var maskPng = await DownloadAsync("#mask-download");
        var input = ImageBytes.Decode(await new HttpClient().GetByteArrayAsync($"{fixture.Address}/api/v1/samples/{key}.png"), "sample");
        var output = ImageBytes.Decode(filled, "download");
        var hole = ImageBytes.DecodeMask(maskPng, "mask");
        int inHole = 0, changed = 0;
        for (int i = 0; i < hole.Hole.Length; i++)
        {
            bool same = input.Pixels.AsSpan(3 * i, 3).SequenceEqual(output.Pixels.AsSpan(3 * i, 3));
            if (!hole.Hole[i]) Assert.True(same, $"pixel {i} outside the hole changed");
            else { inHole++; if (!same) changed++; }
        }
        Assert.InRange(inHole, 110 * 100, 130 * 120);
        Assert.True(changed > inHole / 2, $"{changed} of {inHole} hole pixels changed");
        Assert.Contains("tEXtCaption\0this bird has a blue crown and a zorgly belly", Encoding.Latin1.GetString(filled));

        var words = await page.QuerySelectorAllAsync("#demand .word:not(.dropped)");
        Assert.Equal(10, words.Count);
        await words[4].HoverAsync();
        Assert.Equal("blue", await page.GetAttributeAsync("#attention-canvas", "data-word"));
        int lit = await page.EvalOnSelectorAsync<int>("#attention-canvas",
            "c => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n; }");
        Assert.True(lit > 0);
        await page.Mouse.MoveAsync(0, 0);
        Assert.Equal("", await page.GetAttributeAsync("#attention-canvas", "data-word"));

        if (Environment.GetEnvironmentVariable("TEXTINPAINT_WEB_SCREENSHOT") is { Length: > 0 } shot)
        {
            await words[4].HoverAsync();
            await page.ScreenshotAsync(new() { Path = shot, FullPage = true });
        }
    }

    [Fact]
    public async Task A_pen_stroke_paints_the_hole_and_undo_and_redo_take_it_back_and_forth()
    {
        await PickFirstSampleAsync();
        await page.ClickAsync("#clear");
        await page.ClickAsync("#tool-brush");
        await page.EvalOnSelectorAsync("#mask-canvas", @"c => {
            const r = c.getBoundingClientRect(), at = (x, y) => ({ clientX: r.left + x * r.width, clientY: r.top + y * r.height });
            const send = (type, p) => c.dispatchEvent(new PointerEvent(type, { ...p, pointerId: 7, pointerType: 'pen', pressure: 0.6, button: 0, buttons: 1, bubbles: true }));
            send('pointerdown', at(0.3, 0.5));
            for (let i = 1; i <= 10; i++) send('pointermove', at(0.3 + 0.04 * i, 0.5));
            send('pointerup', at(0.7, 0.5));
        }");
        int painted = HoleCount(await DownloadAsync("#mask-download"));

        await page.Keyboard.PressAsync("Control+z");
        int undone = HoleCount(await DownloadAsync("#mask-download"));
        await page.Keyboard.PressAsync("Control+Shift+z");
        int redone = HoleCount(await DownloadAsync("#mask-download"));

        Assert.True(painted > 100 * 20, $"{painted} pixels painted");
        Assert.Equal(0, undone);
        Assert.Equal(painted, redone);
    }

    [Fact]
    public async Task A_busy_server_is_shown_with_its_retry_time_and_the_fill_button_stays_usable()
    {
        await PickFirstSampleAsync();
        var queue = fixture.App.Services.GetRequiredService<FillQueue>();
        var gate = new ManualResetEventSlim();
        var started = new TaskCompletionSource();
        var held = queue.Enqueue(() => { started.SetResult(); gate.Wait(TimeSpan.FromSeconds(30)); }, CancellationToken.None);
        await started.Task;
        try
        {
            var waiting = queue.Enqueue(() => { }, CancellationToken.None);
            await page.ClickAsync("#fill");
            await page.WaitForFunctionAsync("() => document.getElementById('status').textContent.startsWith('server busy')");
            var status = await page.TextContentAsync("#status");
            Assert.Matches(@"retry in \d+ s", status);
            Assert.True(await page.IsEnabledAsync("#fill"));
        }
        finally
        {
            gate.Set();
            await held;
        }
        await page.ClickAsync("#fill");
        await page.WaitForFunctionAsync("() => document.getElementById('status').textContent.startsWith('filled')");
    }

    [Fact]
    public async Task A_lost_connection_is_said_in_the_page()
    {
        await PickFirstSampleAsync();
        await page.RouteAsync("**/api/v1/inpaint", route => route.AbortAsync("connectionrefused"));

        await page.ClickAsync("#fill");

        await page.WaitForFunctionAsync("() => document.getElementById('status').textContent.startsWith('lost connection')");
        Assert.Equal("error", await page.GetAttributeAsync("#status", "class"));
    }

    [Fact]
    public async Task On_a_phone_sized_viewport_the_page_fits_and_fills()
    {
        await context.DisposeAsync();
        await OpenAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
        await PickFirstSampleAsync();

        await page.ClickAsync("#fill");
        await page.WaitForFunctionAsync("() => document.getElementById('status').textContent.startsWith('filled')");

        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        var fill = (await (await page.QuerySelectorAsync("#fill"))!.BoundingBoxAsync())!;
        Assert.True(fill.X >= 0 && fill.X + fill.Width <= 390);
        Assert.True(await page.IsVisibleAsync("#result"));
    }
}
