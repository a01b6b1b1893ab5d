using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace TextInpaint.Web.Tests;

/// <summary>The server on the in-memory host with the shipped model and the given settings (section TextInpaint).</summary>
public class ServerFactory(params (string Key, string Value)[] settings) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("TextInpaint:Model", ShippedModel.Folder);
        builder.UseSetting("TextInpaint:SampleCount", "3");
        foreach (var (key, value) in settings)
            builder.UseSetting("TextInpaint:" + key, value);
    }

    public FillQueue Queue => Services.GetRequiredService<FillQueue>();

    /// <summary>A client once the model is loaded.</summary>
    public async Task<HttpClient> ReadyClientAsync()
    {
        var client = CreateClient();
        await Services.GetRequiredService<ModelHost>().Loaded;
        return client;
    }
}

/// <summary>The server with its default settings.</summary>
public sealed class DefaultServer() : ServerFactory();

/// <summary>One server for the tests that do not change its settings.</summary>
[CollectionDefinition(Name)]
public sealed class SharedServer : ICollectionFixture<DefaultServer>
{
    public const string Name = "shared server";
}
