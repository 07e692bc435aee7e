using ChatOps.Core.Circulars;
using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MiniExcelLibs;

namespace ChatOps.Console.Tests;

/// <summary>The office's main tasks on the 通报/通知 and 会议 pages, end to end in headless Chromium.</summary>
public sealed class WorkPagesTests(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task Circular_ComposedWithAnAttachment_IsSent_AndAcknowledgementsShow()
    {
        await using var host = new ConsoleHost();
        var page = await SignInAsync(host, "office.clerk1");
        var attachment = Path.Combine(host.DataFolder, "爱国卫生月活动方案.docx");
        await File.WriteAllBytesAsync(attachment, "PK\u0003\u0004 pretend this is a document"u8.ToArray(), TestContext.Current.CancellationToken);

        await page.GotoAsync("/console/circulars");
        await page.SelectOptionAsync("#compose select[name=kind]", "通知");
        await page.FillAsync("#compose input[name=title]", "关于开展爱国卫生月活动的通知");
        await page.FillAsync("#compose textarea[name=body]", "各成员单位：\n请按附件要求开展活动。");
        await page.SelectOptionAsync("#compose select[name=role]", "分管领导");
        await page.SetInputFilesAsync("#compose input[type=file]", attachment);
        await page.ClickAsync("#compose button[type=submit]");

        Assert.Contains("关于开展爱国卫生月活动的通知", await page.InnerTextAsync("#standing-title"), StringComparison.Ordinal);
        Assert.Contains("爱国卫生月活动方案.docx", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.Equal(5, await page.Locator("#deliveries tr").CountAsync()); // the four reviewing leaders
        var id = long.Parse(new Uri(page.Url).Query.Split("id=")[1], System.Globalization.CultureInfo.InvariantCulture);

        // 冯亮 answers 收到 in chat (the service the chat feature calls).
        var services = host.Services;
        var leader = (await services.GetRequiredService<IDirectoryRepository>().FindPersonAsync("wjw.fgld", TestContext.Current.CancellationToken))!;
        await using (var work = await services.GetRequiredService<IUnitOfWorkFactory>().BeginAsync(TestContext.Current.CancellationToken))
        {
            await services.GetRequiredService<CircularService>().AcknowledgeAsync(Actor.Of(leader, "test"), work, id, AckMethod.Text, ChannelNames.Local, DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);
            await work.CommitAsync(TestContext.Current.CancellationToken);
        }

        await page.ReloadAsync();
        Assert.Contains("已回执 1 人", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await Browser.ScreenshotAsync(page, "circular-standing");
        await page.GotoAsync("/console/audit?action=circular.");
        Assert.Contains($"circular:{id}", await page.InnerTextAsync("#audit"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Meeting_Created_RosterShown_SignSheetDownloaded()
    {
        await using var host = new ConsoleHost();
        var page = await SignInAsync(host, "office.clerk1");

        await page.GotoAsync("/console/meetings");
        await page.FillAsync("#create input[name=title]", "领导小组办公室会议");
        await page.FillAsync("#create input[name=start]", "2027-03-02 09:00");
        await page.FillAsync("#create input[name=end]", "2027-03-02 10:30");
        await page.FillAsync("#create input[name=place]", "省卫生健康委3楼会议室");
        await page.FillAsync("#create input[name=attendees]", "unit:fgw, unit:wjw");
        await page.ClickAsync("#create button[type=submit]");

        Assert.Contains("已创建并邀请2人", await page.InnerTextAsync("#notice"), StringComparison.Ordinal);
        Assert.Equal(3, await page.Locator("#roster tr").CountAsync());
        await Browser.ScreenshotAsync(page, "meeting-roster");

        var sheet = await page.Context.APIRequest.GetAsync("/console/meetings" + await page.GetAttributeAsync("#sign-sheet", "href"));
        Assert.Equal(200, sheet.Status);
        using var stream = new MemoryStream(await sheet.BodyAsync());
        var rows = stream.Query(useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal("未答复", r["参会情况"]));
    }

    [Fact]
    public async Task Meeting_InvalidInput_ShowsTheServicesMessages()
    {
        await using var host = new ConsoleHost();
        var page = await SignInAsync(host, "office.clerk1");
        await page.GotoAsync("/console/meetings");
        await page.FillAsync("#create input[name=title]", "会");
        await page.FillAsync("#create input[name=start]", "明天上午");
        await page.FillAsync("#create input[name=end]", "2027-03-02 10:30");
        await page.FillAsync("#create input[name=attendees]", "unit:xyz");
        await page.ClickAsync("#create button[type=submit]");

        var errors = await page.InnerTextAsync("#errors");
        Assert.Contains("开始时间“明天上午”格式不正确", errors, StringComparison.Ordinal);
        Assert.Contains("名录中没有代码或名称为“xyz”的单位", errors, StringComparison.Ordinal);
    }

    private async Task<IPage> SignInAsync(ConsoleHost host, string personId)
    {
        var page = await browser.NewPageAsync(host.BaseUrl);
        await page.GotoAsync("/console/signin");
        await page.ClickAsync($"button[data-person='{personId}']");
        return page;
    }
}
