using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace TextInpaint.Web.Tests;

/// <summary>A server with a queue of two and a 200 kB body limit.</summary>
public sealed class TightServer() : ServerFactory(("QueueCapacity", "2"), ("MaxRequestBytes", "200000"), ("MaxImagePixels", "40000"), ("ClientBurst", "1000"));

public sealed class LimitTests(TightServer server) : IClassFixture<TightServer>
{
    /// <summary>Holds the one model slot with a call that waits on a gate, until the returned gate is set.</summary>
    private static async Task<(ManualResetEventSlim Gate, Task Held)> HoldTheModelAsync(FillQueue queue)
    {
        var gate = new ManualResetEventSlim();
        var started = new TaskCompletionSource();
        var held = queue.Enqueue(() => { started.SetResult(); gate.Wait(TimeSpan.FromSeconds(30)); }, CancellationToken.None);
        await started.Task;
        return (gate, held);
    }

    /// <summary>Holds the model slot and queues two fills behind it: the queue (capacity 2) is full when this returns.</summary>
    private async Task<(ManualResetEventSlim Gate, Task Held, Task<HttpResponseMessage>[] Queued)> FillTheQueueAsync(HttpClient client)
    {
        var (gate, held) = await HoldTheModelAsync(server.Queue);
        var queued = Enumerable.Range(0, 2).Select(_ => client.SendAsync(Forms.FillRequest(Forms.Fill(Forms.Png())))).ToArray();
        await Until(() => server.Queue.Waiting == 2);
        return (gate, held, queued);
    }

    private static async Task Until(Func<bool> condition)
    {
        for (int i = 0; i < 500 && !condition(); i++)
            await Task.Delay(10);
        Assert.True(condition());
    }

    [Fact]
    public async Task Concurrent_requests_past_a_full_queue_get_503_with_retry_after_and_the_queued_ones_are_filled()
    {
        var client = await server.ReadyClientAsync();
        var (gate, held, queued) = await FillTheQueueAsync(client);

        var refused = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.SendAsync(Forms.FillRequest(Forms.Fill(Forms.Png())))));
        gate.Set();
        await held;
        var filled = await Task.WhenAll(queued);

        Assert.All(refused, r =>
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, r.StatusCode);
            Assert.True(int.Parse(r.Headers.GetValues("Retry-After").Single()) >= 1);
            Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        });
        Assert.All(filled, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
    }

    [Fact]
    public async Task A_full_queue_refuses_before_the_image_is_read()
    {
        var client = await server.ReadyClientAsync();
        var (gate, held, queued) = await FillTheQueueAsync(client);

        // Not an image: a server that decoded it first would answer 400.
        var refused = await client.SendAsync(Forms.FillRequest(Forms.Fill("not an image"u8.ToArray())));
        gate.Set();
        await held;
        await Task.WhenAll(queued);
        var read = await client.SendAsync(Forms.FillRequest(Forms.Fill("not an image"u8.ToArray())));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, read.StatusCode);
    }

    [Fact]
    public async Task A_queued_request_whose_client_went_away_is_dropped_before_it_runs()
    {
        var client = await server.ReadyClientAsync();
        var (gate, held) = await HoldTheModelAsync(server.Queue);
        long ran = server.Queue.Ran, dropped = server.Queue.Dropped;

        using var leaving = new CancellationTokenSource();
        var request = client.SendAsync(Forms.FillRequest(Forms.Fill(Forms.Png())), leaving.Token);
        await Until(() => server.Queue.Waiting == 1);
        leaving.Cancel();
        // The in-memory host finishes a cancelled request only once the server is done with it.
        await Task.Delay(100);
        gate.Set();
        await held;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
        await Until(() => server.Queue.Waiting == 0 && server.Queue.Dropped == dropped + 1);

        Assert.Equal(ran + 1, server.Queue.Ran);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413()
    {
        var client = await server.ReadyClientAsync();
        var big = new byte[300_000];
        new Random(1).NextBytes(big);

        var response = await client.SendAsync(Forms.FillRequest(Forms.Fill(big)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_image_over_the_pixel_limit_is_refused_before_decoding()
    {
        var client = await server.ReadyClientAsync();

        var response = await client.SendAsync(Forms.FillRequest(Forms.Fill(Forms.Png(201, 200))));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("image: 201x200 is larger than the limit of 40,000 pixels.", problem.GetProperty("detail").GetString());
    }
}

/// <summary>A server that lets one client send three fills at once, then one a second.</summary>
public sealed class StingyServer() : ServerFactory(("ClientBurst", "3"), ("ClientFillsPerSecond", "1"));

public sealed class RateLimitTests(StingyServer server) : IClassFixture<StingyServer>
{
    [Fact]
    public async Task A_client_past_its_token_bucket_gets_429_with_retry_after_while_caption_reading_stays_open()
    {
        var client = await server.ReadyClientAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.SendAsync(Forms.FillRequest(Forms.Fill(Forms.Png())))));
        var reading = await client.GetAsync("/api/v1/caption?text=a+red+bird");

        Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));
        Assert.InRange(answers.Count(a => a.StatusCode == HttpStatusCode.OK), 3, 4);
        var limited = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToArray();
        Assert.All(limited, a =>
        {
            Assert.True(int.Parse(a.Headers.GetValues("Retry-After").Single()) >= 1);
            Assert.Equal("application/problem+json", a.Content.Headers.ContentType?.MediaType);
        });
        Assert.Equal(HttpStatusCode.OK, reading.StatusCode);
    }
}

public sealed class ModelFailureTests
{
    [Fact]
    public async Task A_model_folder_that_cannot_be_loaded_leaves_the_server_alive_but_not_ready()
    {
        var empty = Directory.CreateTempSubdirectory("textinpaint-web-");
        await using var server = new ServerFactory(("Model", empty.FullName));
        var client = server.CreateClient();
        await server.Services.GetRequiredService<ModelHost>().Loaded.ContinueWith(_ => { });

        var health = await client.GetAsync("/healthz");
        var ready = await client.GetAsync("/readyz");
        var fill = await client.SendAsync(Forms.FillRequest(Forms.Fill(Forms.Png())));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, fill.StatusCode);
        var detail = JsonDocument.Parse(await fill.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString()!;
        Assert.StartsWith("the server's model could not be loaded; ", detail);
        Assert.DoesNotContain("   at ", detail);
        empty.Delete();
    }
}
