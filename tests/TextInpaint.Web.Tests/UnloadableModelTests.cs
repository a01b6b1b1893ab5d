using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace TextInpaint.Web.Tests;

/// <summary>A server whose model folder cannot be loaded, at a path a client must never see.</summary>
public sealed class BrokenModelServer : ServerFactory
{
    public static readonly string Folder = Path.Combine(Path.GetTempPath(), "textinpaint-tests", "secret-" + Guid.NewGuid().ToString("N"), "broken-model");

    public BrokenModelServer() : base(("Model", Prepare())) { }

    private static string Prepare()
    {
        Directory.CreateDirectory(Folder);
        File.WriteAllText(Path.Combine(Folder, "model.json"), "{ not json");
        return Folder;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (Directory.Exists(Path.GetDirectoryName(Folder)))
            Directory.Delete(Path.GetDirectoryName(Folder)!, recursive: true);
    }
}

public sealed class UnloadableModelTests(BrokenModelServer server) : IClassFixture<BrokenModelServer>
{
    [Fact]
    public async Task A_model_that_failed_to_load_is_unavailable_without_its_path_and_without_a_retry_time()
    {
        var client = server.CreateClient();
        await server.Services.GetRequiredService<ModelHost>().Loaded.ContinueWith(_ => { });

        var answers = new[]
        {
            await client.GetAsync("/api/v1/model"),
            await client.GetAsync("/api/v1/caption?text=a%20bird"),
            await client.SendAsync(Forms.FillRequest(Forms.Fill(Forms.Png()))),
        };

        foreach (var answer in answers)
        {
            var body = await answer.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
            Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
            Assert.Null(answer.Headers.RetryAfter);
            Assert.Equal("unavailable", JsonDocument.Parse(body).RootElement.GetProperty("title").GetString());
            Assert.DoesNotContain("secret-", body);
            Assert.DoesNotContain("busy", body);
        }
    }
}
