using ChatOps.Core.Circulars;
using ChatOps.Core.Conversations;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Console.Tests;

/// <summary>通报 in headless Chromium: targets chosen by name from lists, 签发 by the office head on the sign-off screen, then 立即提醒 of the unacknowledged.</summary>
public sealed class CircularSignOffTests(Browser browser) : IClassFixture<Browser>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Circular_TargetsPickedByName_SignedOffByTheHead_ThenTheUnacknowledgedAreRemindedNow()
    {
        await using var host = new ConsoleHost();
        var clerk = await ConsolePages.SignInAsync(browser, host, "office.clerk1");
        await clerk.GotoAsync("/console/circulars");
        Assert.Contains("省卫生健康委", await clerk.InnerTextAsync("#compose select[name=unit]"), StringComparison.Ordinal); // names, not codes
        await clerk.SelectOptionAsync("#compose select[name=kind]", "通报");
        await clerk.FillAsync("#compose input[name=title]", "关于2026年11月信息报送情况的通报");
        await clerk.FillAsync("#compose textarea[name=body]", "各成员单位：\n现将11月信息报送情况通报如下。");
        await clerk.SelectOptionAsync("#compose select[name=unit]", new[] { "wjw", "fgw" });
        await clerk.ClickAsync("#compose button[type=submit]");
        Assert.Contains("签发", await clerk.InnerTextAsync("#notice"), StringComparison.Ordinal);
        var id = long.Parse(new Uri(clerk.Url).Query.Split("id=")[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("待蔡霞签发", await clerk.InnerTextAsync("main"), StringComparison.Ordinal);

        // 蔡霞 (office head) signs on the 签发 screen; a clerk has nothing to sign.
        await clerk.GotoAsync("/console/signoff");
        Assert.Equal(0, await clerk.Locator("section.signoff").CountAsync());
        var head = await ConsolePages.SignInAsync(browser, host, "office.head");
        await head.GotoAsync("/console/signoff");
        Assert.Contains("现将11月信息报送情况通报如下", await head.InnerTextAsync($"#signoff-{id}"), StringComparison.Ordinal);
        await Browser.ScreenshotAsync(head, "circular-signoff");
        await head.ClickAsync($"#signoff-{id} button.sign");
        Assert.Contains("已签发", await head.InnerTextAsync("#notice"), StringComparison.Ordinal);
        Assert.Contains("目前没有待您签发的文件", await head.InnerTextAsync("#none"), StringComparison.Ordinal);

        // Nobody has acknowledged: 立即提醒 sends the reminder card once per person.
        await clerk.GotoAsync($"/console/circulars?id={id}");
        await clerk.ClickAsync("#remind button");
        var notice = await clerk.InnerTextAsync("#notice");
        Assert.Matches("已提醒[1-9][0-9]*名未回执人员", notice);
        await using var work = await host.Services.GetRequiredService<IUnitOfWorkFactory>().BeginAsync(Ct);
        var recipients = await host.Services.GetRequiredService<ICircularStoreFactory>().For(work).ListRecipientsAsync(id, Ct);
        Assert.All(recipients.Where(r => r.PromptKey is not null), r => Assert.Equal(1, r.Reminders));
        await Browser.ScreenshotAsync(clerk, "circular-reminded");
    }

    [Fact]
    public async Task Compose_WithoutAnyTarget_IsRefused_AndNothingIsSaved()
    {
        await using var host = new ConsoleHost();
        var clerk = await ConsolePages.SignInAsync(browser, host, "office.clerk1");
        await clerk.GotoAsync("/console/circulars");
        await clerk.FillAsync("#compose input[name=title]", "无对象的通知");
        await clerk.FillAsync("#compose textarea[name=body]", "正文");
        await clerk.ClickAsync("#compose button[type=submit]");
        Assert.Contains("请从列表中选择发送对象", await clerk.InnerTextAsync("#errors"), StringComparison.Ordinal);
        Assert.DoesNotContain("无对象的通知", await clerk.InnerTextAsync("#circulars"), StringComparison.Ordinal);
    }
}
