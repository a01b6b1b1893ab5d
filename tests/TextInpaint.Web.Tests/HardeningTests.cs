using System.Buffers.Binary;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using TextInpaint.Imaging;

namespace TextInpaint.Web.Tests;

/// <summary>What a careless or hostile client gets from the server on Kestrel: one-line problems, never a blank answer or a logged crash.</summary>
public sealed class HardeningTests(KestrelServer server) : IClassFixture<KestrelServer>
{
    private static async Task<string> DetailOf(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var detail = JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString()!;
        Assert.False(string.IsNullOrWhiteSpace(detail));
        Assert.DoesNotContain('\n', detail);
        return detail;
    }

    private static HttpRequestMessage AcceptingPng(MultipartFormDataContent form)
    {
        var request = Forms.FillRequest(form);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("image/png"));
        return request;
    }

    public static TheoryData<string, string> BadFills => new()
    {
        { "box", "box '1,2,3': expected x,y,width,height" },
        { "image", "image: not an image that can be read" },
        { "seed", "seed 'many': expected a whole number" },
        { "caption", "caption: 1,001 characters" },
    };

    [Theory]
    [MemberData(nameof(BadFills))]
    public async Task A_bad_fill_asking_for_a_png_gets_a_problem_with_its_reason_and_nothing_is_logged_as_a_failure(string field, string expected)
    {
        var form = field switch
        {
            "box" => Forms.Fill(Forms.Png(), box: "1,2,3"),
            "image" => Forms.Fill("not an image"u8.ToArray()),
            "seed" => Forms.Fill(Forms.Png(), seed: "many"),
            _ => Forms.Fill(Forms.Png(), caption: new string('a', 1_001)),
        };

        var detail = await DetailOf(await server.Client.SendAsync(AcceptingPng(form)), HttpStatusCode.BadRequest);

        Assert.StartsWith(expected, detail);
        Assert.Empty(server.Failures);
    }

    /// <summary>A raw request, for bodies HttpClient will not send.</summary>
    private async Task<HttpResponseMessage> RawAsync(string contentType, byte[] body, long? contentLength = null)
    {
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        if (contentLength is { } length)
            content.Headers.ContentLength = length;
        return await server.Client.PostAsync("/api/v1/inpaint", content);
    }

    private static byte[] Part(string name, string value, string extraHeader = "") =>
        Encoding.ASCII.GetBytes($"--b\r\nContent-Disposition: form-data; name=\"{name}\"\r\n{extraHeader}\r\n{value}\r\n");

    /// <summary>
    /// A 17 MB body announced by its Content-Length, over a raw socket: the server answers as soon
    /// as it sees the length, and closes the connection while an HttpClient would still be sending.
    /// </summary>
    private async Task<string> TooLargeDetailAsync()
    {
        var address = new Uri(server.App.Urls.First());
        using var socket = new TcpClient();
        await socket.ConnectAsync(address.Host, address.Port);
        var stream = socket.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"POST /api/v1/inpaint HTTP/1.1\r\nHost: {address.Authority}\r\n" +
            $"Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 17000000\r\nAccept: image/png\r\n\r\n"));
        await stream.WriteAsync(new byte[64 * 1024]);
        var reader = new StreamReader(stream, Encoding.UTF8);
        var status = await reader.ReadLineAsync();
        Assert.StartsWith("HTTP/1.1 413", status);
        string? line;
        while (!string.IsNullOrEmpty(line = await reader.ReadLineAsync()))
            Assert.False(line.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase) && !line.Contains("application/problem+json"), line);
        var rest = await reader.ReadToEndAsync();
        var json = rest[rest.IndexOf('{')..(rest.LastIndexOf('}') + 1)];
        return JsonDocument.Parse(json).RootElement.GetProperty("detail").GetString()!;
    }

    [Fact]
    public async Task Malformed_forms_are_told_what_is_wrong_and_only_a_large_body_is_called_too_large()
    {
        var forty = Enumerable.Range(0, 40).SelectMany(i => Part($"f{i}", "x")).Concat("--b--\r\n"u8.ToArray()).ToArray();
        var longHeader = Part("caption", "a bird", $"X-Padding: {new string('a', 100_000)}\r\n").Concat("--b--\r\n"u8.ToArray()).ToArray();

        var noBoundary = await DetailOf(await RawAsync("multipart/form-data", "abc"u8.ToArray()), HttpStatusCode.BadRequest);
        var emptyBoundary = await DetailOf(await RawAsync("multipart/form-data; boundary=", "abc"u8.ToArray()), HttpStatusCode.BadRequest);
        var longBoundary = await DetailOf(await RawAsync($"multipart/form-data; boundary={new string('b', 200)}", "abc"u8.ToArray()),
            HttpStatusCode.BadRequest);
        var manyFields = await DetailOf(await RawAsync("multipart/form-data; boundary=b", forty), HttpStatusCode.BadRequest);
        var bigHeader = await DetailOf(await RawAsync("multipart/form-data; boundary=b", longHeader), HttpStatusCode.BadRequest);
        var truncated = await DetailOf(await RawAsync("multipart/form-data; boundary=b", Part("caption", "a bi")[..^4]), HttpStatusCode.BadRequest);
        var json = await DetailOf(await RawAsync("application/json", "{}"u8.ToArray()), HttpStatusCode.UnsupportedMediaType);
        var octets = await DetailOf(await RawAsync("application/octet-stream", Forms.Png()), HttpStatusCode.UnsupportedMediaType);
        var tooLarge = await TooLargeDetailAsync();

        Assert.All(new[] { noBoundary, emptyBoundary, longBoundary, manyFields, bigHeader, truncated }, d => Assert.DoesNotContain("larger than", d));
        Assert.Contains("boundary", noBoundary);
        Assert.Contains("count limit", manyFields);
        Assert.Contains("headers length", bigHeader);
        Assert.Contains("multipart/form-data", json);
        Assert.Contains("multipart/form-data", octets);
        Assert.Equal("the request body is larger than the 16,777,216 bytes the server accepts.", tooLarge);
        Assert.Empty(server.Failures);
    }

    [Fact]
    public async Task A_caption_of_emoji_counts_characters_and_a_caption_outside_latin_1_keeps_its_letters_in_the_png()
    {
        var emoji = string.Concat(Enumerable.Repeat("🐦", 600));
        var caption = "ein Vogel mit rotem Scheitel, 红色的头冠";

        var read = await server.Client.GetAsync("/api/v1/caption?text=" + Uri.EscapeDataString(emoji));
        var fill = await server.Client.SendAsync(Forms.FillRequest(Forms.Fill(Forms.Png(), caption: caption)));

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fill.StatusCode);
        var png = await fill.Content.ReadAsByteArrayAsync();
        Assert.Contains("iTXtCaption\0\0\0\0\0" + caption, Encoding.UTF8.GetString(png));
    }

    /// <summary>A valid PNG of the given size, every pixel mid grey, written by hand (SkiaSharp's encoder stops at 1,000,000 pixels a side).</summary>
    private static byte[] GreyPng(int width, int height)
    {
        static void Chunk(Stream output, string type, byte[] data)
        {
            var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
            Span<byte> number = stackalloc byte[4];
            BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
            output.Write(number);
            output.Write(typed);
            BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typed));
            output.Write(number);
        }
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        header[9] = 2;
        using var pixels = new MemoryStream();
        using (var zlib = new ZLibStream(pixels, CompressionLevel.Fastest, leaveOpen: true))
        {
            var row = Enumerable.Repeat((byte)128, 1 + 3 * width).ToArray();
            row[0] = 0;
            for (int y = 0; y < height; y++)
                zlib.Write(row);
        }
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", pixels.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static uint Crc32(byte[] bytes)
    {
        uint c = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            c ^= b;
            for (int k = 0; k < 8; k++)
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }
        return c ^ 0xFFFFFFFFu;
    }

    [Fact]
    public async Task A_png_wider_than_the_decoder_reads_is_refused_with_the_real_reason()
    {
        var detail = await DetailOf(await server.Client.SendAsync(Forms.FillRequest(Forms.Fill(GreyPng(1_000_001, 2), box: "0,0,10,1"))),
            HttpStatusCode.BadRequest);

        Assert.Equal("image: a 1,000,001x2 PNG; PNGs wider or taller than 1,000,000 pixels cannot be decoded (the PNG decoder's limit).", detail);
    }

    [Theory]
    [InlineData(16_000, 1_000, "0,500,16000,1")]
    [InlineData(100_000, 1, "0,0,100000,1")]
    [InlineData(1, 100_000, "0,0,1,100000")]
    public async Task A_long_thin_hole_is_filled_without_cutting_its_window_at_full_size(int width, int height, string box)
    {
        var response = await server.Client.SendAsync(Forms.FillRequest(Forms.Fill(GreyPng(width, height), box: box)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var filled = ImageBytes.Decode(await response.Content.ReadAsByteArrayAsync(), "filled", long.MaxValue);
        Assert.Equal((width, height), (filled.Width, filled.Height));
        Assert.Empty(server.Failures);
    }

    [Fact]
    public async Task Head_is_answered_where_get_is()
    {
        foreach (var path in new[] { "/", "/api/v1/samples", "/api/v1/model" })
        {
            using var response = await server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"HEAD {path}: {response.StatusCode}");
        }
    }

    [Fact]
    public async Task The_openapi_document_lists_the_png_and_the_json_answer_of_a_fill()
    {
        var document = JsonDocument.Parse(await server.Client.GetStringAsync("/openapi/v1.json")).RootElement;

        var content = document.GetProperty("paths").GetProperty("/api/v1/inpaint").GetProperty("post").GetProperty("responses")
            .GetProperty("200").GetProperty("content");

        Assert.True(content.TryGetProperty("image/png", out _), content.ToString());
        Assert.True(content.TryGetProperty("application/json", out _), content.ToString());
    }

    [Fact]
    public async Task Json_refused_with_quality_zero_is_not_sent()
    {
        var request = Forms.FillRequest(Forms.Fill(Forms.Png()));
        request.Headers.TryAddWithoutValidation("Accept", "application/json;q=0, image/png");

        var response = await server.Client.SendAsync(request);

        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
    }
}
