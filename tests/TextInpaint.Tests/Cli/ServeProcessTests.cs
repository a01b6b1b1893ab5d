using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using TextInpaint.Cli;
using TextInpaint.Imaging;

namespace TextInpaint.Tests.Cli;

/// <summary>`textinpaint serve` as a process of its own: what it accepts on its command line, and how it stops.</summary>
public sealed class ServeProcessTests
{
    [Theory]
    [InlineData("http://127.0.0.l:4000", "'127.0.0.l' is neither localhost nor an IP address")]
    [InlineData("http://999.1.1.1:4000", "'999.1.1.1' is neither localhost nor an IP address")]
    public async Task An_address_that_is_not_an_interface_is_refused_in_one_line_instead_of_listening_everywhere(string url, string reason)
    {
        var outcome = await CliProcess.RunAsync(["serve", "--urls", url]);

        Assert.Equal(CommandLine.InputError, outcome.ExitCode);
        Assert.Equal($"error: --urls {url}: {reason}; give the address of the interface to listen on " +
            $"(127.0.0.1 for this machine only, 0.0.0.0 for every interface).", outcome.Error.Trim());
        Assert.DoesNotContain("listening", outcome.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_servers_settings_are_taken_from_the_command_line_and_the_environment_and_checked_by_name()
    {
        var commandLine = await CliProcess.RunAsync(["serve", "--urls", "http://127.0.0.1:0", "--TextInpaint:QueueCapacity", "0"]);
        var start = CliProcess.StartInfo(["serve", "--urls", "http://127.0.0.1:0"]);
        start.Environment["TextInpaint__MaxRequestBytes"] = "-1";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(CommandLine.InputError, commandLine.ExitCode);
        Assert.Equal("error: TextInpaint:QueueCapacity is 0; expected 1 to 10,000 fills.", commandLine.Error.Trim());
        Assert.Equal(CommandLine.InputError, process.ExitCode);
        Assert.Equal("error: TextInpaint:MaxRequestBytes is -1; expected at least 1,024 bytes.", (await error).Trim());
    }

    [DllImport("libc", EntryPoint = "kill")]
    private static extern int Signal(int pid, int signal);

    private const int SigTerm = 15;

    [Fact]
    public async Task Sigterm_answers_every_waiting_fill_finishes_the_one_in_flight_removes_every_upload_and_exits_soon_after()
    {
        using var temp = new TempFolder();
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        var start = CliProcess.StartInfo(["serve", "--urls", $"http://127.0.0.1:{port}"]);
        // Uploads past 64 kB are buffered in files here.
        start.Environment["ASPNETCORE_TEMP"] = temp.Path;
        using var server = Process.Start(start)!;
        var output = server.StandardOutput.ReadToEndAsync();
        var errors = server.StandardError.ReadToEndAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(2) };
        for (int i = 0; i < 600 && !await ReadyAsync(http); i++)
            await Task.Delay(100);
        var noise = new RgbImage(1600, 1200);
        new Random(1).NextBytes(noise.Pixels);
        var image = ImageBytes.EncodePng(noise);

        var fills = Enumerable.Range(0, 12).Select(_ => SendAsync(http, image)).ToArray();
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(0, Signal(server.Id, SigTerm));
        var answers = await Task.WhenAll(fills);
        await server.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        var exited = DateTime.UtcNow;

        Assert.All(answers, a => Assert.True(a.Status == HttpStatusCode.OK || a.Status == HttpStatusCode.ServiceUnavailable && a.RetryAfter,
            $"{a.Status} {a.Body}"));
        Assert.Contains(answers, a => a.Status == HttpStatusCode.ServiceUnavailable);
        var lastAnswer = answers.Max(a => a.At);
        Assert.True(exited - lastAnswer < TimeSpan.FromSeconds(2), $"exited {(exited - lastAnswer).TotalSeconds:0.0} s after the last answer");
        Assert.Empty(Directory.EnumerateFiles(temp.Path, "ASPNETCORE_*"));
        Assert.DoesNotContain("   at ", await output + await errors);
    }

    private static async Task<bool> ReadyAsync(HttpClient http)
    {
        try
        {
            return (await http.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private sealed record Answer(HttpStatusCode Status, bool RetryAfter, string Body, DateTime At);

    private static async Task<Answer> SendAsync(HttpClient http, byte[] image)
    {
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(image) { Headers = { ContentType = new MediaTypeHeaderValue("image/png") } }, "image", "noise.png" },
            { new StringContent("600,400,400,400"), "box" },
            { new StringContent("a bird with a red crown"), "caption" },
        };
        using var response = await http.PostAsync("/api/v1/inpaint", form);
        var body = response.Content.Headers.ContentType?.MediaType == "image/png" ? "(png)" : await response.Content.ReadAsStringAsync();
        return new Answer(response.StatusCode, response.Headers.RetryAfter is not null, body, DateTime.UtcNow);
    }
}
