using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TextInpaint.Imaging;

namespace TextInpaint.Web.Tests;

/// <summary>
/// The page's ways in (picker, paste, drag-and-drop, mask upload), its view (zoom and pan) and
/// what it does with a fill (use as base, colour variants, seed re-rolls, classical methods, what the text changed),
/// in a real browser against the real server and the shipped model.
/// </summary>
public sealed class PageEditingTests(BrowserFixture fixture) : BrowserPage(fixture), IClassFixture<BrowserFixture>
{
    private Task<string> StatusAsync() => Page.TextContentAsync("#status")!;

    /// <summary>Hands the page a file as the browser would from a paste (on the document) or a drop (on the image).</summary>
    private Task DeliverAsync(string how, string name, byte[] bytes) => Page.EvaluateAsync(@"([how, name, b64]) => {
        const file = new File([Uint8Array.from(atob(b64), c => c.charCodeAt(0))], name, { type: 'image/png' });
        const data = new DataTransfer();
        data.items.add(file);
        if (how === 'paste') document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
        else document.getElementById('viewport').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }", new object[] { how, name, Convert.ToBase64String(bytes) });

    private async Task PickFirstSampleAndFillAsync()
    {
        await PickFirstSampleAsync();
        await Page.ClickAsync("#fill");
        await WaitForStatusAsync("filled");
    }

    private Task<string[]> StripLabelsAsync(string strip) =>
        Page.EvalOnSelectorAllAsync<string[]>($"#{strip} figcaption", "cs => cs.map(c => c.textContent)");

    [Theory]
    [InlineData("picker")]
    [InlineData("paste")]
    [InlineData("drop")]
    public async Task An_image_opens_from_the_picker_a_paste_or_a_drop(string how)
    {
        var name = $"{how}.png";
        if (how == "picker")
            await Page.SetInputFilesAsync("#file", new FilePayload { Name = name, MimeType = "image/png", Buffer = Forms.Png(96, 80) });
        else
            await DeliverAsync(how, name, Forms.Png(96, 80));

        await WaitForStatusAsync("opened");
        Assert.Equal($"opened {name} (96x80)", await StatusAsync());
        Assert.Equal(96, await Page.EvalOnSelectorAsync<int>("#image-canvas", "c => c.width"));
        Assert.True(await Page.IsHiddenAsync("#drop-hint"));
    }

    [Fact]
    public async Task A_file_that_is_not_an_image_is_named_in_the_page()
    {
        await DeliverAsync("drop", "notes.png", "not a picture"u8.ToArray());

        await WaitForStatusAsync("notes.png");
        Assert.Equal("notes.png: not an image the browser can show", await StatusAsync());
        Assert.Equal("error", await Page.GetAttributeAsync("#status", "class"));
    }

    [Fact]
    public async Task An_uploaded_mask_becomes_the_hole_and_downloads_as_it_was_given()
    {
        await Page.SetInputFilesAsync("#file", new FilePayload { Name = "picture.png", MimeType = "image/png", Buffer = Forms.Png(96, 80) });
        await WaitForStatusAsync("opened");
        var mask = new RgbImage(96, 80);
        for (int y = 10; y < 40; y++)
            for (int x = 20; x < 70; x++)
                mask.Pixels.AsSpan(3 * (y * 96 + x), 3).Fill(255);

        await Page.SetInputFilesAsync("#mask-file", new FilePayload { Name = "hole.png", MimeType = "image/png", Buffer = ImageBytes.EncodePng(mask) });
        await Page.WaitForFunctionAsync("() => document.getElementById('mask-canvas').getContext('2d').getImageData(45, 25, 1, 1).data[3] > 0");

        var downloaded = ImageBytes.DecodeMask(await DownloadAsync("#mask-download"), "mask");
        var given = ImageBytes.DecodeMask(ImageBytes.EncodePng(mask), "given");
        Assert.Equal(given.Hole, downloaded.Hole);
        Assert.Equal(50 * 30, downloaded.Hole.Count(h => h));
    }

    [Fact]
    public async Task Zoom_scales_the_image_and_a_space_drag_pans_it_without_painting()
    {
        await Page.SetInputFilesAsync("#file", new FilePayload { Name = "picture.png", MimeType = "image/png", Buffer = Forms.Png(96, 80) });
        await WaitForStatusAsync("opened");
        async Task<double> WidthAsync() => (await (await Page.QuerySelectorAsync("#mask-canvas"))!.BoundingBoxAsync())!.Width;
        double fitted = await WidthAsync();

        await Page.ClickAsync("#zoom-in");
        double zoomed = await WidthAsync();
        await Page.ClickAsync("#zoom-fit");

        Assert.Equal(fitted * 1.25, zoomed, 1);
        Assert.Equal(fitted, await WidthAsync(), 1);

        var before = (await (await Page.QuerySelectorAsync("#mask-canvas"))!.BoundingBoxAsync())!;
        await Page.FocusAsync("#viewport");
        await Page.Keyboard.DownAsync(" ");
        await Page.Mouse.MoveAsync(before.X + 40, before.Y + 40);
        await Page.Mouse.DownAsync();
        await Page.Mouse.MoveAsync(before.X + 100, before.Y + 70, new() { Steps = 5 });
        await Page.Mouse.UpAsync();
        await Page.Keyboard.UpAsync(" ");
        var after = (await (await Page.QuerySelectorAsync("#mask-canvas"))!.BoundingBoxAsync())!;

        Assert.Equal(before.X + 60, after.X, 1);
        Assert.Equal(before.Y + 30, after.Y, 1);
        Assert.Equal(0, await HoleCountAsync());
    }

    [Fact]
    public async Task A_fill_used_as_the_base_is_the_image_of_the_next_edit_with_an_empty_mask()
    {
        await PickFirstSampleAndFillAsync();
        var filled = ImageBytes.Decode(await DownloadAsync("#download"), "fill");

        await Page.ClickAsync("#accept");
        await WaitForStatusAsync("the fill is the new base");

        var canvas = await Page.EvalOnSelectorAsync<int[]>("#image-canvas",
            "c => Array.from(c.getContext('2d').getImageData(0, 0, c.width, c.height).data.filter((_, i) => i % 4 !== 3))");
        Assert.Equal(filled.Pixels.Select(p => (int)p), canvas);
        Assert.Equal(0, await HoleCountAsync());
    }

    [Fact]
    public async Task Colour_variants_fill_once_per_other_colour_and_a_picked_variant_sets_the_caption()
    {
        await PickFirstSampleAndFillAsync();
        var caption = await Page.InputValueAsync("#caption");
        var colours = await Page.EvaluateAsync<string[]>("async () => (await (await fetch('/api/v1/model')).json()).colours");
        // The page swaps the caption's first colour word.
        var first = new Regex($@"\b({string.Join('|', colours)})\b", RegexOptions.IgnoreCase).Match(caption);
        Assert.True(first.Success, caption);
        var swapped = first.Value.ToLowerInvariant();

        await Page.ClickAsync("#variants");
        await WaitForStatusAsync($"{colours.Length - 1} fills");

        var labels = await StripLabelsAsync("strip");
        Assert.Equal(colours.Where(c => c != swapped), labels);
        await Page.ClickAsync($"#strip figure:nth-child(2)");
        Assert.Equal(caption[..first.Index] + labels[1] + caption[(first.Index + first.Length)..], await Page.InputValueAsync("#caption"));
    }

    [Fact]
    public async Task Seed_re_rolls_give_four_fills_with_different_seeds_and_a_picked_one_sets_the_seed()
    {
        await PickFirstSampleAndFillAsync();

        await Page.ClickAsync("#reroll");
        await WaitForStatusAsync("4 fills");

        var labels = await StripLabelsAsync("strip");
        Assert.Equal(4, labels.Length);
        Assert.All(labels, l => Assert.Matches(@"^seed \d+$", l));
        Assert.Equal(4, labels.Distinct().Count());
        await Page.ClickAsync("#strip figure:nth-child(3)");
        Assert.Equal(labels[2]["seed ".Length..], await Page.InputValueAsync("#seed"));
    }

    [Fact]
    public async Task Classical_methods_fill_the_same_hole_beside_the_model_s_fill()
    {
        // A small picture and hole: fsr and patchmatch take seconds each on a sample bird's window.
        await Page.SetInputFilesAsync("#file", new FilePayload { Name = "picture.png", MimeType = "image/png", Buffer = Forms.Png(96, 80) });
        await WaitForStatusAsync("opened");
        var mask = new RgbImage(96, 80);
        for (int y = 30; y < 46; y++)
            mask.Pixels.AsSpan(3 * (y * 96 + 40), 3 * 16).Fill(255);
        await Page.SetInputFilesAsync("#mask-file", new FilePayload { Name = "hole.png", MimeType = "image/png", Buffer = ImageBytes.EncodePng(mask) });
        await Page.FillAsync("#caption", "this bird has a red crown");
        await Page.ClickAsync("#fill");
        await WaitForStatusAsync("filled");

        await Page.ClickAsync("#classical");
        await WaitForStatusAsync("4 classical fills", timeoutMilliseconds: 60_000);

        Assert.Equal(["the model", "telea", "navier-stokes", "fsr", "patchmatch"], await StripLabelsAsync("strip"));
        Assert.Equal("OpenCV: fast marching, Telea 2004", await Page.GetAttributeAsync("#strip figure:nth-child(2)", "title"));
    }

    [Fact]
    public async Task What_the_text_changed_shows_the_empty_caption_fill_the_sentence_fill_and_their_difference()
    {
        await PickFirstSampleAndFillAsync();

        await Page.CheckAsync("#text-changed");
        await Page.WaitForSelectorAsync("#compare:not([hidden]) canvas");

        Assert.Equal(["empty caption", "with the sentence", "difference (×3)"], await StripLabelsAsync("compare"));
        int different = await Page.EvalOnSelectorAsync<int>("#compare figure:nth-child(3) canvas",
            "c => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0; " +
            "for (let i = 0; i < d.length; i += 4) if (d[i] > 0) n++; return n; }");
        Assert.True(different > 0, "the sentence changed no pixel of the fill");
    }
}
