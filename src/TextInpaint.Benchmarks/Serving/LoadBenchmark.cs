using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TextInpaint.Imaging;
using TextInpaint.Inference;
using TextInpaint.Web;

namespace TextInpaint.Benchmarks.Serving;

/// <summary>
/// A load test of the server on loopback: starts it in this process on a free port, then runs
/// <see cref="LoadOptions.Clients"/> clients that each send the page's request (a JSON fill of a
/// sample bird on a <see cref="LoadOptions.Width"/>x<see cref="LoadOptions.Height"/> image) one
/// after another, and wait as Retry-After says when refused.
/// </summary>
public static class LoadBenchmark
{
    public static async Task<LoadReport> RunAsync(LoadOptions options, IProgress<string>? progress = null, CancellationToken cancel = default)
    {
        if (options.Clients is < 1 or > 250)
            throw new UserInputException($"--clients {options.Clients}: give 1 to 250 clients (one loopback address each).");
        var duration = options.Duration == default ? TimeSpan.FromSeconds(60) : options.Duration;
        var app = TextInpaintServer.Build(["--urls", "http://127.0.0.1:0", "--TextInpaint:Model", options.Model]);
        await app.StartAsync(cancel);
        try
        {
            await app.Services.GetRequiredService<ModelHost>().Loaded;
            if (app.Services.GetRequiredService<ModelHost>().Failure is { } failure)
                throw new UserInputException($"{options.Model}: {failure}");
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            var (image, box, caption) = Workload(options.Width, options.Height);
            var limits = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ServerOptions>>().Value;
            if (image.Length + 4096 > limits.MaxRequestBytes)
                throw new UserInputException($"--size {options.Width}x{options.Height}: the request's image is {image.Length:N0} bytes, more than "
                    + $"the {limits.MaxRequestBytes:N0} the server accepts ({ServerOptions.Section}:MaxRequestBytes).");
            using var self = Process.GetCurrentProcess();
            var idle = MemorySample.Take(0, self);

            var statuses = new Dictionary<int, int>();
            var latencies = new List<double>();
            var memory = new List<MemorySample>();
            var warmup = TimeSpan.FromSeconds(Math.Max(0, options.WarmupSeconds));
            var clock = Stopwatch.StartNew();
            bool Measuring() => clock.Elapsed >= warmup;
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            stop.CancelAfter(warmup + duration);
            var sampler = Task.Run(async () =>
            {
                using var process = Process.GetCurrentProcess();
                while (!stop.IsCancellationRequested)
                {
                    var sample = MemorySample.Take((clock.Elapsed - warmup).TotalSeconds, process);
                    if (sample.Seconds >= 0)
                        lock (memory) memory.Add(sample);
                    progress?.Report($"{sample.Seconds:0} s{(sample.Seconds < 0 ? " (warm-up)" : "")}: {Count(statuses)} answers; resident "
                        + $"{MB(sample.Resident)} MB, managed heap {MB(sample.ManagedHeap)} MB, "
                        + $"malloc {MB(sample.MallocInUse)} MB in use and {MB(sample.MallocFree)} MB free, {sample.LiveTensors} live tensors");
                    try { await Task.Delay(1000, stop.Token); } catch (OperationCanceledException) { }
                }
            });
            var clients = Enumerable.Range(0, options.Clients).Select(i => Task.Run(() =>
                ClientAsync(i, address, image, box, caption, statuses, latencies, Measuring, stop.Token))).ToArray();
            await Task.WhenAll(clients);
            await sampler;
            double elapsed = Math.Min((clock.Elapsed - warmup).TotalSeconds, duration.TotalSeconds);
            await Task.Delay(TimeSpan.FromSeconds(LoadReport.SettleSeconds), CancellationToken.None);
            var after = MemorySample.Take(clock.Elapsed.TotalSeconds, self);

            latencies.Sort();
            double Percentile(double p) => latencies.Count == 0 ? 0 : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];
            return new LoadReport(options.Clients, duration, statuses, (Percentile(0.50), Percentile(0.95), Percentile(0.99)),
                statuses.GetValueOrDefault(200) / elapsed, memory, options.Width, options.Height, idle, after);
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
        }
    }

    /// <summary>Bytes in whole megabytes (MiB), for reports.</summary>
    public static string MB(long bytes) => bytes < 0 ? "?" : (bytes / 1048576.0).ToString("0", System.Globalization.CultureInfo.InvariantCulture);

    private static int Count(Dictionary<int, int> statuses)
    {
        lock (statuses) return statuses.Values.Sum();
    }

    /// <summary>A sample bird on a wide image (its border replicated), its centre hidden, and its caption.</summary>
    private static (byte[] Image, string Box, string Caption) Workload(int width, int height)
    {
        var bird = SampleBirds.Create(1, Math.Min(width, height))[0];
        var image = ImageOps.Crop(bird.Image, (bird.Image.Width - width) / 2, (bird.Image.Height - height) / 2, width, height);
        var hole = bird.Hole;
        int dx = (width - bird.Image.Width) / 2, dy = (height - bird.Image.Height) / 2;
        return (ImageBytes.EncodePng(image), $"{hole.X + dx},{hole.Y + dy},{hole.Width},{hole.Height}", bird.Caption);
    }

    private static async Task ClientAsync(int index, Uri address, byte[] image, string box, string caption,
        Dictionary<int, int> statuses, List<double> latencies, Func<bool> measuring, CancellationToken stop)
    {
        var local = new IPAddress([127, 0, (byte)(index / 250), (byte)(2 + index % 250)]);
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancel) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(local, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancel);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        using var http = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };
        while (!stop.IsCancellationRequested)
        {
            using var form = new MultipartFormDataContent
            {
                { new ByteArrayContent(image), "image", "image.png" },
                { new StringContent(box), "box" },
                { new StringContent(caption), "caption" },
            };
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/inpaint") { Content = form };
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            var clock = Stopwatch.StartNew();
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, stop);
                await response.Content.ReadAsByteArrayAsync(stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpRequestException)
            {
                // No answer at all (the connection was reset): counted as status 0, an unexpected answer.
                if (measuring())
                    lock (statuses) statuses[0] = statuses.GetValueOrDefault(0) + 1;
                continue;
            }
            int status = (int)response.StatusCode;
            var retryAfter = response.Headers.RetryAfter?.Delta;
            if (status is 429 or 503 && retryAfter is null)
                status = -1;
            bool counted = measuring();
            if (counted)
                lock (statuses) statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (status == 200 && counted)
                lock (latencies) latencies.Add(clock.Elapsed.TotalMilliseconds);
            else if (retryAfter is { } wait)
            {
                try { await Task.Delay(wait, stop); } catch (OperationCanceledException) { return; }
            }
            response.Dispose();
        }
    }
}
