using Microsoft.Playwright;

namespace ChatOps.Console.Tests;

/// <summary>
/// Headless Chromium from Debian's package (Playwright's own browser download cannot work on these machines), one per
/// test class. Without /usr/bin/chromium the tests skip with that reason (.ci/run installs it).
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser? Chromium { get; private set; }

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            return;
        }

        _playwright = await Playwright.CreateAsync();
        Chromium = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A fresh context (its own cookies) and page; skips the test when Chromium is not installed.</summary>
    public async Task<IPage> NewPageAsync(string baseUrl)
    {
        Assert.SkipWhen(Chromium is null, $"Chromium is not installed at {ChromiumPath} (apt-get install chromium; .ci/run does it).");
        var context = await Chromium!.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1280, Height = 860 } });
        return await context.NewPageAsync();
    }

    /// <summary>Saves a full-page screenshot as a test artefact under bin/…/screenshots.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        if (Chromium is not null)
        {
            await Chromium.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
