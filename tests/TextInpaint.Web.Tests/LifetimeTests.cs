using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TextInpaint.Imaging;

namespace TextInpaint.Web.Tests;

/// <summary>Tests that count every live tensor of the process, so nothing else may run beside them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "alone";
}

[Collection(AloneCollection.Name)]
public sealed class LifetimeTests
{
    [Fact]
    public async Task Fifty_sequential_fills_leave_the_number_of_live_tensors_where_it_was()
    {
        await using var server = new ServerFactory(("ClientBurst", "1000"));
        var client = await server.ReadyClientAsync();
        var image = Forms.Png();
        async Task FillAsync(int i)
        {
            using var response = await client.SendAsync(
                Forms.FillRequest(Forms.Fill(image, seed: i.ToString(), caption: "a bird with a red crown and blue wings"), json: i % 2 == 0));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        // Tensors of servers disposed earlier are counted until their finalizers have run.
        static long Live()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            return TorchSharp.torch.Tensor.TotalCount;
        }
        await FillAsync(0);
        long before = Live();

        for (int i = 1; i <= 50; i++)
            await FillAsync(i);

        Assert.Equal(before, Live());
    }

    [Fact]
    public async Task Shutdown_finishes_the_fill_in_flight_and_refuses_what_comes_after()
    {
        var app = TextInpaintServer.Build(["--urls", "http://127.0.0.1:0", "--TextInpaint:Model", ShippedModel.Folder, "--TextInpaint:SampleCount", "1"]);
        await app.StartAsync();
        await using var _ = app;
        await app.Services.GetRequiredService<ModelHost>().Loaded;
        var queue = app.Services.GetRequiredService<FillQueue>();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        var input = Forms.Picture(1600, 1200);

        var inFlight = http.SendAsync(Forms.FillRequest(Forms.Fill(ImageBytes.EncodePng(input), box: "700,500,200,200")));
        // The model call takes tens of milliseconds: a timer's tick may miss it, a spinning thread does not.
        await Task.Run(() => SpinWait.SpinUntil(() => queue.Running || inFlight.IsCompleted, TimeSpan.FromSeconds(30)));
        if (!queue.Running)
            Assert.Fail(inFlight.IsCompleted
                ? $"the fill answered {(await inFlight).StatusCode} before it was seen running"
                : "the fill never started running");
        app.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        var stopped = app.StopAsync();
        // Waits until the queue has stopped taking fills, while the one in flight still runs or answers.
        for (int i = 0; i < 5_000 && queue.Running; i++)
            await Task.Delay(1);
        HttpResponseMessage? late = null;
        try
        {
            late = await http.SendAsync(Forms.FillRequest(Forms.Fill(Forms.Png())));
        }
        catch (HttpRequestException)
        {
            // The listener is already closed: the connection is refused, which is a clean refusal too.
        }

        using var response = await inFlight;
        await stopped;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        var output = ImageBytes.Decode(await response.Content.ReadAsByteArrayAsync(), "response");
        Assert.Equal((1600, 1200), (output.Width, output.Height));
        if (late is not null)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, late.StatusCode);
            Assert.Equal("application/problem+json", late.Content.Headers.ContentType?.MediaType);
            Assert.Contains("shutting down", await late.Content.ReadAsStringAsync());
            Assert.NotNull(late.Headers.RetryAfter);
        }
    }
}
