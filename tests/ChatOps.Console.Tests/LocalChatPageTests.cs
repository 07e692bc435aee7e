using ChatOps.Core.Conversations;
using ChatOps.Core.Reports.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ChatOps.Console.Tests;

/// <summary>
/// The local web chat (the README's first command opens it) in headless Chromium: its script modules load under the
/// page's content security policy, and a liaison picked from the directory asks for 帮助, reads the answer rendered
/// from Markdown, and presses 开始填报 on the weekly prompt the office sends — with no script error on the way.
/// </summary>
public sealed class LocalChatPageTests(Browser browser) : IClassFixture<Browser>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ALiaison_AsksForHelp_ThenStartsTheWeeklyReportFromThePrompt()
    {
        // As `dotnet run` starts it (Properties/launchSettings.json): what the bot starts goes to the web chat.
        await using var host = new ConsoleHost(new Dictionary<string, string?> { ["Channels:Preferred:0"] = "local" });
        var page = await browser.NewPageAsync(host.BaseUrl);
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };

        await page.GotoAsync("/");
        await page.ClickAsync(".person[data-id='wjw.lly']");
        Assert.Equal("罗倩", await page.InnerTextAsync("#chat-name"));
        Assert.Equal("#person=wjw.lly", new Uri(page.Url).Fragment);

        await page.FillAsync("#input", "帮助");
        await page.PressAsync("#input", "Enter");
        await page.Locator(".msg-mine .bubble", new() { HasText = "帮助" }).WaitForAsync();
        var help = page.Locator(".msg:not(.msg-mine) .card", new() { HasText = "帮助" }).Last;
        await help.WaitForAsync(new() { Timeout = 15_000 });
        Assert.True(await help.Locator(".card-text.markdown strong").CountAsync() > 0, "the answer's Markdown is rendered, not shown as asterisks");
        Assert.DoesNotContain("**", await help.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, await page.InputValueAsync("#input"));

        // The office's "send now" (the send-prompts verb's work): the weekly prompt arrives as a card with buttons.
        var run = await host.Services.GetRequiredService<ReportScheduler>().SendPromptsNowAsync("weekly", DateTimeOffset.UtcNow, "office.clerk1", Ct);
        Assert.True(run.Queued > 0);
        host.Services.GetRequiredService<IWorkSignal>().OutboxChanged(); // as the console's pages do after queuing
        var prompt = page.Locator(".card", new() { HasText = "填报提醒" });
        await prompt.WaitForAsync(new() { Timeout = 15_000 });
        Assert.Contains("罗倩同志", await prompt.InnerTextAsync(), StringComparison.Ordinal);
        var botMessages = await page.Locator(".msg:not(.msg-mine)").CountAsync();
        await prompt.Locator("button.choice", new() { HasText = "开始填报" }).ClickAsync();

        Assert.Equal("已选择：开始填报", await prompt.Locator(".card-done").InnerTextAsync());
        Assert.Equal(2, await prompt.Locator("button.choice").CountAsync());
        Assert.True(await prompt.Locator("button.choice").Last.IsDisabledAsync(), "a card is answered once");
        await page.Locator(".msg-mine .pressed-tag").WaitForAsync();
        await page.WaitForFunctionAsync(
            "n => document.querySelectorAll('.msg:not(.msg-mine)').length > n", botMessages, new() { Timeout = 15_000 });
        Assert.DoesNotContain("未能识别", await page.Locator(".msg:not(.msg-mine)").Last.InnerTextAsync(), StringComparison.Ordinal);
        await Browser.ScreenshotAsync(page, "local-chat");
        Assert.Empty(errors);
    }
}
