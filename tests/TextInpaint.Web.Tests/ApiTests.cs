using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TextInpaint.Imaging;

namespace TextInpaint.Web.Tests;

[Collection(SharedServer.Name)]
public sealed class ApiTests(DefaultServer server)
{
    private static async Task<JsonElement> ProblemOf(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("   at ", text);
        Assert.DoesNotContain("Exception", text);
        return JsonDocument.Parse(text).RootElement;
    }

    [Fact]
    public async Task A_fill_returns_a_png_whose_only_changed_pixels_are_in_the_hole_with_its_caption_in_a_text_chunk()
    {
        var client = await server.ReadyClientAsync();
        var input = Forms.Picture(96, 80);

        var response = await client.SendAsync(Forms.FillRequest(Forms.Fill(ImageBytes.EncodePng(input), box: "24,20,40,36", seed: "5")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        var png = await response.Content.ReadAsByteArrayAsync();
        var output = ImageBytes.Decode(png, "response");
        var hole = Mask.Box(96, 80, 24, 20, 40, 36);
        int changed = 0;
        for (int i = 0; i < hole.Hole.Length; i++)
        {
            bool same = output.Pixels[3 * i] == input.Pixels[3 * i] && output.Pixels[3 * i + 1] == input.Pixels[3 * i + 1]
                && output.Pixels[3 * i + 2] == input.Pixels[3 * i + 2];
            if (!hole.Hole[i]) Assert.True(same, $"pixel {i} outside the hole changed");
            else if (!same) changed++;
        }
        Assert.True(changed > 40 * 36 / 2, $"only {changed} hole pixels changed");
        var latin1 = Encoding.Latin1.GetString(png);
        Assert.Contains("tEXtCaption\0a bird with a red crown", latin1);
        Assert.Contains("tEXtSeed\05", latin1);
        Assert.Contains("tEXtModel\0synthbirds64", latin1);
    }

    [Fact]
    public async Task Each_classical_method_fills_only_the_hole_and_an_unknown_one_is_named()
    {
        var client = await server.ReadyClientAsync();
        var input = Forms.Picture(96, 80);
        var hole = Mask.Box(96, 80, 24, 20, 40, 36);

        var methods = (await client.GetFromJsonAsync<JsonElement[]>("/api/v1/classical"))!.Select(m => m.GetProperty("name").GetString()!).ToArray();

        Assert.Equal(["telea", "navier-stokes", "fsr", "patchmatch"], methods);
        foreach (var method in methods)
        {
            var response = await client.PostAsync("/api/v1/classical", Forms.Classical(ImageBytes.EncodePng(input), method));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var output = ImageBytes.Decode(await response.Content.ReadAsByteArrayAsync(), method);
            Assert.Equal((96, 80), (output.Width, output.Height));
            int changed = 0;
            for (int i = 0; i < hole.Hole.Length; i++)
            {
                bool same = output.Pixels.AsSpan(3 * i, 3).SequenceEqual(input.Pixels.AsSpan(3 * i, 3));
                if (!hole.Hole[i]) Assert.True(same, $"{method}: pixel {i} outside the hole changed");
                else if (!same) changed++;
            }
            Assert.True(changed > 40 * 36 / 2, $"{method}: only {changed} hole pixels changed");
        }
        var unknown = await ProblemOf(await client.PostAsync("/api/v1/classical", Forms.Classical(Forms.Png(), "lama")), HttpStatusCode.BadRequest);
        Assert.Equal("method 'lama': unknown; the classical methods are telea, navier-stokes, fsr, patchmatch.", unknown.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_json_fill_gives_every_word_with_its_state_demand_and_attention_map()
    {
        var client = await server.ReadyClientAsync();
        var caption = "this bird has a zorgly crown " + string.Join(' ', Enumerable.Repeat("and red wings", 5));

        var response = await client.SendAsync(Forms.FillRequest(Forms.Fill(Forms.Png(), caption: caption), json: true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var fill = (await response.Content.ReadFromJsonAsync<JsonElement>());
        var words = fill.GetProperty("words").EnumerateArray().ToArray();
        Assert.Equal(21, words.Length);
        Assert.Equal("unknown", words[4].GetProperty("state").GetString());
        Assert.Equal(5, words.Count(w => w.GetProperty("state").GetString() == "dropped"));
        int side = fill.GetProperty("attentionSide").GetInt32();
        var read = words.Where(w => w.GetProperty("state").GetString() != "dropped").ToArray();
        Assert.Equal(16, read.Length);
        Assert.All(read, w => Assert.Equal(side * side, w.GetProperty("attention").GetArrayLength()));
        Assert.All(read, w => Assert.InRange(w.GetProperty("demand").GetDouble(), 0, 1));
        Assert.All(words.Except(read), w => Assert.Equal(JsonValueKind.Null, w.GetProperty("demand").ValueKind));
        var window = fill.GetProperty("window");
        Assert.True(window.GetProperty("side").GetInt32() >= 40);
        Assert.Contains(fill.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("zorgly"));
        var image = ImageBytes.Decode(Convert.FromBase64String(fill.GetProperty("image").GetString()!), "image");
        Assert.Equal((96, 80), (image.Width, image.Height));
        Assert.Equal(64, ImageBytes.Decode(Convert.FromBase64String(fill.GetProperty("modelOutput").GetString()!), "output").Width);
    }

    [Fact]
    public async Task A_mask_image_gives_the_same_fill_as_the_box_it_draws()
    {
        var client = await server.ReadyClientAsync();
        var mask = new RgbImage(96, 80);
        var hole = Mask.Box(96, 80, 10, 12, 30, 30);
        for (int i = 0; i < hole.Hole.Length; i++)
            if (hole.Hole[i]) mask.Pixels[3 * i] = mask.Pixels[3 * i + 1] = mask.Pixels[3 * i + 2] = 255;

        var byMask = await client.SendAsync(Forms.FillRequest(Forms.Fill(Forms.Png(), box: null, mask: ImageBytes.EncodePng(mask))));
        var byBox = await client.SendAsync(Forms.FillRequest(Forms.Fill(Forms.Png(), box: "10,12,30,30")));

        Assert.Equal(HttpStatusCode.OK, byMask.StatusCode);
        Assert.Equal(ImageBytes.Decode(await byBox.Content.ReadAsByteArrayAsync(), "box").Pixels,
            ImageBytes.Decode(await byMask.Content.ReadAsByteArrayAsync(), "mask").Pixels);
    }

    public static TheoryData<string, byte[], string> HostileImages => new()
    {
        { "empty", [], "image: the file is empty" },
        { "html named .png", Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"), "image: not an image" },
        { "truncated png", Forms.Png()[..200], "image: the image is truncated" },
        { "png header, garbage body", [.. Forms.Png()[..33], .. Enumerable.Repeat((byte)0x41, 500)], "image:" },
        { "20000x20000 from its header", HugeBmpHeader(20_000, 20_000), "20000x20000 is larger than the limit" },
    };

    /// <summary>A BMP file header and info header claiming the size, followed by a few pixels only.</summary>
    private static byte[] HugeBmpHeader(int width, int height)
    {
        var bmp = new byte[54 + 64];
        var span = bmp.AsSpan();
        bmp[0] = (byte)'B';
        bmp[1] = (byte)'M';
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(span[2..], bmp.Length);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(span[10..], 54);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(span[14..], 40);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(span[18..], width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(span[22..], height);
        System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(span[26..], 1);
        System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(span[28..], 24);
        return bmp;
    }

    [Theory]
    [MemberData(nameof(HostileImages))]
    public async Task A_hostile_image_is_refused_with_one_line_naming_the_field(string kind, byte[] bytes, string message)
    {
        var client = await server.ReadyClientAsync();

        var response = await client.SendAsync(Forms.FillRequest(Forms.Fill(bytes, imageName: "../../etc/passwd")));

        var problem = await ProblemOf(response, HttpStatusCode.BadRequest);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.True(detail.Contains(message), $"{kind}: {detail}");
        Assert.DoesNotContain('\n', detail);
        Assert.DoesNotContain("passwd", detail);
    }

    [Theory]
    [InlineData("1,2,3", "box '1,2,3': expected x,y,width,height")]
    [InlineData("500,500,10,10", "box")]
    [InlineData("1,1,0,5", "width and height must be positive")]
    public async Task A_bad_box_is_refused(string box, string message)
    {
        var client = await server.ReadyClientAsync();

        var problem = await ProblemOf(await client.SendAsync(Forms.FillRequest(Forms.Fill(Forms.Png(), box: box))), HttpStatusCode.BadRequest);

        Assert.Contains(message, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Requests_without_an_image_a_hole_or_a_whole_seed_are_refused()
    {
        var client = await server.ReadyClientAsync();

        var noHole = await ProblemOf(await client.SendAsync(Forms.FillRequest(Forms.Fill(Forms.Png(), box: null))), HttpStatusCode.BadRequest);
        var both = await ProblemOf(await client.SendAsync(Forms.FillRequest(Forms.Fill(Forms.Png(), mask: Forms.Png()))), HttpStatusCode.BadRequest);
        var seed = await ProblemOf(await client.SendAsync(Forms.FillRequest(Forms.Fill(Forms.Png(), seed: "1e9"))), HttpStatusCode.BadRequest);
        var notAForm = await ProblemOf(await client.PostAsync("/api/v1/inpaint", new StringContent("x=1", Encoding.UTF8, "application/x-www-form-urlencoded")),
            HttpStatusCode.BadRequest);
        var json = await client.PostAsync("/api/v1/inpaint", JsonContent.Create(new { image = "x" }));

        Assert.Contains("'mask'", noHole.GetProperty("detail").GetString());
        Assert.Contains("not both", both.GetProperty("detail").GetString());
        Assert.Contains("seed '1e9'", seed.GetProperty("detail").GetString());
        Assert.Contains("image: missing", notAForm.GetProperty("detail").GetString());
        Assert.True(json.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnsupportedMediaType, json.StatusCode.ToString());
        Assert.Equal("application/problem+json", json.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_caption_over_the_limit_is_refused_by_both_endpoints()
    {
        var client = await server.ReadyClientAsync();
        var caption = new string('a', 1_001);

        var fill = await ProblemOf(await client.SendAsync(Forms.FillRequest(Forms.Fill(Forms.Png(), caption: caption))), HttpStatusCode.BadRequest);
        var read = await ProblemOf(await client.GetAsync("/api/v1/caption?text=" + caption), HttpStatusCode.BadRequest);

        Assert.Contains("1,001 characters", fill.GetProperty("detail").GetString());
        Assert.Contains("1,001 characters", read.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_caption_endpoint_reads_words_as_known_unknown_or_dropped()
    {
        var client = await server.ReadyClientAsync();
        var text = Uri.EscapeDataString("A zorgly bird, " + string.Join(' ', Enumerable.Repeat("red wings", 8)));

        var reading = await client.GetFromJsonAsync<JsonElement>("/api/v1/caption?text=" + text);

        var words = reading.GetProperty("words").EnumerateArray().ToArray();
        Assert.Equal(19, words.Length);
        Assert.Equal(("a", "known"), (words[0].GetProperty("word").GetString(), words[0].GetProperty("state").GetString()));
        Assert.Equal("unknown", words[1].GetProperty("state").GetString());
        Assert.Equal(3, words.Count(w => w.GetProperty("state").GetString() == "dropped"));
        Assert.Equal(16, reading.GetProperty("read").GetInt32());
    }

    [Fact]
    public async Task The_model_endpoint_names_the_folder_not_its_path()
    {
        var client = await server.ReadyClientAsync();

        var text = await client.GetStringAsync("/api/v1/model");
        var model = JsonDocument.Parse(text).RootElement;

        Assert.Equal("synthbirds64", model.GetProperty("name").GetString());
        Assert.Equal(64, model.GetProperty("imageSize").GetInt32());
        Assert.Contains("red", model.GetProperty("colours").EnumerateArray().Select(c => c.GetString()));
        Assert.DoesNotContain(Path.GetDirectoryName(ShippedModel.Folder)!, text);
    }

    [Fact]
    public async Task Samples_are_listed_and_their_pictures_served_from_memory()
    {
        var client = await server.ReadyClientAsync();

        var samples = (await client.GetFromJsonAsync<JsonElement>("/api/v1/samples")).EnumerateArray().ToArray();
        var picture = await client.GetAsync(samples[0].GetProperty("image").GetString());
        var traversal = await client.GetAsync("/api/v1/samples/..%2F..%2Fmodels%2Fsynthbirds64%2Fmodel.json.png");

        Assert.Equal(3, samples.Length);
        Assert.All(samples, s => Assert.False(string.IsNullOrWhiteSpace(s.GetProperty("caption").GetString())));
        Assert.Equal("image/png", picture.Content.Headers.ContentType?.MediaType);
        Assert.Equal(samples[0].GetProperty("width").GetInt32(), ImageBytes.Decode(await picture.Content.ReadAsByteArrayAsync(), "sample").Width);
        await ProblemOf(traversal, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Health_readiness_openapi_and_the_page_are_served()
    {
        var client = await server.ReadyClientAsync();

        Assert.Equal("Healthy", await client.GetStringAsync("/healthz"));
        Assert.Equal("Healthy", await client.GetStringAsync("/readyz"));
        var openApi = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = openApi.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/inpaint", "/api/v1/caption", "/api/v1/model", "/api/v1/samples" })
            Assert.True(paths.TryGetProperty(path, out _), path);
        var page = await client.GetAsync("/");
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<script", await page.Content.ReadAsStringAsync());
        Assert.Equal("text/javascript", (await client.GetAsync("/page/app.js")).Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_unknown_path_is_a_problem_not_a_blank_page()
    {
        var client = await server.ReadyClientAsync();

        await ProblemOf(await client.GetAsync("/nothing/here"), HttpStatusCode.NotFound);
        await ProblemOf(await client.GetAsync("/page/../../secret"), HttpStatusCode.NotFound);
        await ProblemOf(await client.GetAsync("/api/v1/inpaint"), HttpStatusCode.MethodNotAllowed);
    }
}
