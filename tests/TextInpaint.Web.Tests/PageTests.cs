using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TextInpaint.Imaging;

namespace TextInpaint.Web.Tests;

/// <summary>End-to-end tests of the page in a real browser. Every test proves that no request left the machine.</summary>
public sealed class PageTests(BrowserFixture fixture) : BrowserPage(fixture), IClassFixture<BrowserFixture>
{
    /// <summary>A drag on the image from one point to another, in the image's pixels.</summary>
    private async Task DragAsync(double x0, double y0, double x1, double y1, int imageSide)
    {
        var box = (await (await Page.QuerySelectorAsync("#mask-canvas"))!.BoundingBoxAsync())!;
        double scale = box.Width / imageSide;
        await Page.Mouse.MoveAsync((float)(box.X + x0 * scale), (float)(box.Y + y0 * scale));
        await Page.Mouse.DownAsync();
        await Page.Mouse.MoveAsync((float)(box.X + (x0 + x1) / 2 * scale), (float)(box.Y + (y0 + y1) / 2 * scale), new() { Steps = 4 });
        await Page.Mouse.MoveAsync((float)(box.X + x1 * scale), (float)(box.Y + y1 * scale), new() { Steps = 4 });
        await Page.Mouse.UpAsync();
    }

    [Fact]
    public async Task A_painted_hole_filled_from_a_typed_sentence_changes_only_the_hole_and_a_hovered_word_shows_its_overlay()
    {
        var key = await PickFirstSampleAsync();
        await Page.ClickAsync("#clear");
        await DragAsync(70, 60, 190, 170, 256);
        await Page.FillAsync("#caption", "");
        await Page.Locator("#caption").PressSequentiallyAsync("this bird has a blue crown and a zorgly belly", new() { Delay = 5 });
        await Page.WaitForSelectorAsync("#chips .chip.unknown");
        await Page.ClickAsync("#fill");
        await Page.WaitForFunctionAsync("() => document.getElementById('status').textContent.startsWith('filled')");

        var filled = await DownloadAsync("#download");
        var maskPng = await DownloadAsync("#mask-download");
        var input = ImageBytes.Decode(await new HttpClient().GetByteArrayAsync($"{Fixture.Address}/api/v1/samples/{key}.png"), "sample");
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

        var words = await Page.QuerySelectorAllAsync("#demand .word:not(.dropped)");
        Assert.Equal(10, words.Count);
        await words[4].HoverAsync();
        Assert.Equal("blue", await Page.GetAttributeAsync("#attention-canvas", "data-word"));
        int lit = await Page.EvalOnSelectorAsync<int>("#attention-canvas",
            "c => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0; " +
            "for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n; }");
        Assert.True(lit > 0);
        await Page.Mouse.MoveAsync(0, 0);
        Assert.Equal("", await Page.GetAttributeAsync("#attention-canvas", "data-word"));

        if (Environment.GetEnvironmentVariable("TEXTINPAINT_WEB_SCREENSHOT") is { Length: > 0 } shot)
        {
            await words[4].HoverAsync();
            await Page.ScreenshotAsync(new() { Path = shot, FullPage = true });
        }
    }

    [Fact]
    public async Task A_pen_stroke_paints_the_hole_and_undo_and_redo_take_it_back_and_forth()
    {
        await PickFirstSampleAsync();
        await Page.ClickAsync("#clear");
        await Page.ClickAsync("#tool-brush");
        await Page.EvalOnSelectorAsync("#mask-canvas", @"c => {
            const r = c.getBoundingClientRect(), at = (x, y) => ({ clientX: r.left + x * r.width, clientY: r.top + y * r.height });
            const send = (type, p) => c.dispatchEvent(new PointerEvent(type,
                { ...p, pointerId: 7, pointerType: 'pen', pressure: 0.6, button: 0, buttons: 1, bubbles: true }));
            send('pointerdown', at(0.3, 0.5));
            for (let i = 1; i <= 10; i++) send('pointermove', at(0.3 + 0.04 * i, 0.5));
            send('pointerup', at(0.7, 0.5));
        }");
        int painted = await HoleCountAsync();

        await Page.Keyboard.PressAsync("Control+z");
        int undone = await HoleCountAsync();
        await Page.Keyboard.PressAsync("Control+Shift+z");
        int redone = await HoleCountAsync();

        Assert.True(painted > 100 * 20, $"{painted} pixels painted");
        Assert.Equal(0, undone);
        Assert.Equal(painted, redone);
    }

    [Fact]
    public async Task A_busy_server_is_shown_with_its_retry_time_and_the_fill_button_stays_usable()
    {
        await PickFirstSampleAsync();
        var queue = Fixture.App.Services.GetRequiredService<FillQueue>();
        var gate = new ManualResetEventSlim();
        var started = new TaskCompletionSource();
        var held = queue.Enqueue(() => { started.SetResult(); gate.Wait(TimeSpan.FromSeconds(30)); }, CancellationToken.None);
        await started.Task;
        try
        {
            var waiting = queue.Enqueue(() => { }, CancellationToken.None);
            await Page.ClickAsync("#fill");
            await Page.WaitForFunctionAsync("() => document.getElementById('status').textContent.startsWith('server busy')");
            var status = await Page.TextContentAsync("#status");
            Assert.Matches(@"retry in \d+ s", status);
            Assert.True(await Page.IsEnabledAsync("#fill"));
        }
        finally
        {
            gate.Set();
            await held;
        }
        await Page.ClickAsync("#fill");
        await Page.WaitForFunctionAsync("() => document.getElementById('status').textContent.startsWith('filled')");
    }

    [Fact]
    public async Task A_lost_connection_is_said_in_the_page()
    {
        await PickFirstSampleAsync();
        await Page.RouteAsync("**/api/v1/inpaint", route => route.AbortAsync("connectionrefused"));

        await Page.ClickAsync("#fill");

        await Page.WaitForFunctionAsync("() => document.getElementById('status').textContent.startsWith('lost connection')");
        Assert.Equal("error", await Page.GetAttributeAsync("#status", "class"));
    }

    [Fact]
    public async Task On_a_phone_sized_viewport_the_page_fits_and_fills()
    {
        await OpenAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
        await PickFirstSampleAsync();

        await Page.ClickAsync("#fill");
        await Page.WaitForFunctionAsync("() => document.getElementById('status').textContent.startsWith('filled')");

        Assert.True(await Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        var fill = (await (await Page.QuerySelectorAsync("#fill"))!.BoundingBoxAsync())!;
        Assert.True(fill.X >= 0 && fill.X + fill.Width <= 390);
        Assert.True(await Page.IsVisibleAsync("#result"));
    }
}
