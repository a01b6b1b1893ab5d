using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace TextInpaint.Web.Tests;

/// <summary>
/// The real server on a free loopback port (queue of one, so a busy server is easy to make) and
/// Debian's chromium driven by Playwright (never a browser download).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    private IPlaywright? playwright;

    public WebApplication App { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public string Address { get; private set; } = "";

    public async Task InitializeAsync()
    {
        App = TextInpaintServer.Build(["--urls", "http://127.0.0.1:0", "--TextInpaint:Model", ShippedModel.Folder,
            "--TextInpaint:SampleCount", "3", "--TextInpaint:QueueCapacity", "1", "--TextInpaint:ClientBurst", "1000"]);
        await App.StartAsync();
        Address = App.Urls.First();
        await App.Services.GetRequiredService<ModelHost>().Loaded;
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--disable-gpu", "--disable-quic", "--disable-sync", "--no-first-run", "--disable-background-networking", "--disable-component-update"],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright?.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
