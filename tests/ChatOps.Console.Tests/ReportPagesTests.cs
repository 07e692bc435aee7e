using System.Text.Json;
using ChatOps.Bot.OfficeConsole;
using ChatOps.Core.Reports;
using ChatOps.Core.Reports.Overview;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MiniExcelLibs;

namespace ChatOps.Console.Tests;

/// <summary>The report pages (本期报送, 报告, 专报编辑, 报送统计) end to end in headless Chromium, with screenshots.</summary>
public sealed class ReportPagesTests(Browser browser) : IClassFixture<Browser>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Home_ShowsEveryUnit_AndChasingTheMissing_AfterConfirmation_ReachesTheirLocalChat()
    {
        await using var host = new ConsoleHost();
        var (open, closed) = ReportSeed.Periods(host.Services);
        await ReportSeed.AddAsync(host.Services, closed, "fgw", ReportStatus.Submitted, late: false);
        await ReportSeed.AddAsync(host.Services, closed, "530100", ReportStatus.Submitted, late: true);
        await ReportSeed.AddAsync(host.Services, closed, "wjw", ReportStatus.PendingReview, late: false);
        var page = await SignInAsync(host, "office.clerk1");

        await page.GotoAsync("/console");
        Assert.Equal(2, await page.Locator("h2.board-title").CountAsync());
        var closedBoard = page.Locator($"#board-{closed.Key.Replace('+', '_')}");
        Assert.Equal(45 + 1, await closedBoard.Locator("tr").CountAsync()); // 29 departments and 16 prefectures, and the header
        Assert.Contains("已报送", await closedBoard.Locator("tr[data-unit=fgw]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("迟报", await closedBoard.Locator("tr[data-unit='530100']").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("待审核", await closedBoard.Locator("tr[data-unit=wjw]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await closedBoard.Locator("tr[data-unit=wjw] input[type=checkbox]").CountAsync());
        await Browser.ScreenshotAsync(page, "reports-home");

        // Filter and export: the late one only.
        await page.GotoAsync($"/console?period={closed.Key}&state=Late");
        Assert.Equal(2, await page.Locator("table.board tr").CountAsync());
        var export = await page.Context.APIRequest.GetAsync($"/console?handler=Export&period={closed.Key}&state=Late");
        Assert.Equal(ConsoleExport.XlsxContentType, export.Headers["content-type"]);
        using (var stream = new MemoryStream(await export.BodyAsync()))
        {
            var row = Assert.Single(stream.Query(useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>());
            Assert.Equal("昆明市", row["单位"]);
            Assert.Equal("迟报", row["状态"]);
        }

        // 催报: two overdue units of the closed period and one of the open period.
        await page.GotoAsync("/console");
        await closedBoard.Locator("tr[data-unit=slt] input[type=checkbox]").CheckAsync();
        await closedBoard.Locator("tr[data-unit='530300'] input[type=checkbox]").CheckAsync();
        await page.Locator($"#board-{open.Key.Replace('+', '_')} tr[data-unit=jyt] input[type=checkbox]").CheckAsync();
        await page.Locator("#board-form button:not([name])").First.ClickAsync();

        Assert.Contains("将向 3 名联络员", await page.InnerTextAsync("#chase-summary"), StringComparison.Ordinal);
        var groups = page.Locator(".chase-group");
        Assert.Equal(2, await groups.CountAsync());
        var confirmation = await page.InnerTextAsync("#chase-confirm");
        Assert.Contains("已逾期", confirmation, StringComparison.Ordinal);
        Assert.Contains("（姓名）同志", confirmation, StringComparison.Ordinal);
        Assert.DoesNotContain(await MessagesAsync(page, "slt.lly"), m => m.Contains("请尽快补报", StringComparison.Ordinal)); // nothing sent before the confirmation
        await Browser.ScreenshotAsync(page, "reports-chase-confirm");
        await page.ClickAsync("#chase-form button[type=submit]");

        Assert.Equal("已向3名联络员发送催报提醒。", await page.InnerTextAsync("#notice"));
        Assert.Single(await WaitForMessagesAsync(page, "slt.lly", "请尽快补报"));
        Assert.Contains(await WaitForMessagesAsync(page, "530300.lly", "请尽快补报"), m => m.Contains("曲靖市", StringComparison.Ordinal));
        Assert.NotEmpty(await WaitForMessagesAsync(page, "jyt.lly", "请于"));
        Assert.DoesNotContain(await MessagesAsync(page, "fgw.lly"), m => m.Contains("请尽快补报", StringComparison.Ordinal));

        await page.GotoAsync("/console/audit?action=report.chase");
        Assert.Contains("催报3人", await page.InnerTextAsync("#audit"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chase_TheSameConfirmationTwice_SendsOnce()
    {
        await using var host = new ConsoleHost();
        var (_, closed) = ReportSeed.Periods(host.Services);
        var chasing = host.Services.GetRequiredService<ReportChasing>();
        var office = Core.Organization.Actor.Of((await host.Services.GetRequiredService<Core.Organization.IDirectoryRepository>().FindPersonAsync("office.clerk1", Ct))!, "test");
        ChaseTarget[] targets = [new(closed.Key, "slt")];

        var first = await chasing.SendAsync(office, ReportSeed.Weekly, targets, "token-1", Ct);
        var again = await chasing.SendAsync(office, ReportSeed.Weekly, targets, "token-1", Ct);

        Assert.Equal((1, 0), (first.Queued, again.Queued));
        Assert.Equal("这批催报已经发送过，未重复发送。", again.Text);
        var liaison = Core.Organization.Actor.Of((await host.Services.GetRequiredService<Core.Organization.IDirectoryRepository>().FindPersonAsync("slt.lly", Ct))!, "test");
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => chasing.PlanAsync(liaison, ReportSeed.Weekly, targets, Ct));
    }

    [Fact]
    public async Task Report_ShowsEveryRevisionAndItsChanges_AndALeaderOutsideTheUnitIsRefused()
    {
        await using var host = new ConsoleHost();
        var period = await ReportSeed.SubmitAndReviseAsync(host.Services, "fgw.lly");
        var page = await SignInAsync(host, "office.clerk1");

        await page.GotoAsync($"/console/reports?cycle={ReportSeed.Weekly}&period={period.Key}&unit=fgw");
        Assert.Contains("省发展改革委", await page.InnerTextAsync("#report-title"), StringComparison.Ordinal);
        Assert.Equal(2, await page.Locator(".revision").CountAsync());
        var latest = await page.Locator(".revision").First.InnerTextAsync();
        Assert.Contains("第 2 版", latest, StringComparison.Ordinal);
        Assert.Contains("下周工作计划", latest, StringComparison.Ordinal);
        Assert.Contains("开展督导检查，并组织暗访", latest, StringComparison.Ordinal);
        Assert.DoesNotContain("本周工作进展", latest, StringComparison.Ordinal); // unchanged fields are not listed
        var history = await page.InnerTextAsync("#history");
        Assert.Contains("提交", history, StringComparison.Ordinal);
        Assert.Contains("修改后重新提交", history, StringComparison.Ordinal);
        await Browser.ScreenshotAsync(page, "reports-report");

        var leader = await SignInAsync(host, "530100.fgld");
        var refused = await leader.GotoAsync($"/console/reports?cycle={ReportSeed.Weekly}&period={period.Key}&unit=fgw");
        Assert.Equal(403, refused!.Status);
        Assert.Contains("您只能查看本单位的报告", await leader.InnerTextAsync("#refusal"), StringComparison.Ordinal);
        var own = await leader.GotoAsync($"/console/reports?cycle={ReportSeed.Weekly}&period={period.Key}&unit=530100");
        Assert.Equal(200, own!.Status);
        await leader.GotoAsync("/console");
        Assert.Equal(2, await leader.Locator("table.board").First.Locator("tr").CountAsync()); // only their unit
        Assert.Equal(0, await leader.Locator("input[type=checkbox]").CountAsync());
    }

    [Fact]
    public async Task Bulletin_EditedSavedSignedAndDownloaded_IsLaidOutAsTheOfficePrintsIt()
    {
        await using var host = new ConsoleHost();
        var (_, closed) = ReportSeed.Periods(host.Services);
        await ReportSeed.AddAsync(host.Services, closed, "zjt", ReportStatus.Submitted, false, "7月16日，省住房城乡建设厅召开城镇生活垃圾处理监管专题培训", "推动垃圾处理设施无害化评价工作");
        await ReportSeed.AddAsync(host.Services, closed, "530100", ReportStatus.Submitted, false, "1. 牵头制定生活垃圾中转站及城市公厕检查标准");
        var page = await SignInAsync(host, "office.clerk1");

        await page.GotoAsync("/console/bulletin");
        Assert.Contains("未保存", await page.InnerTextAsync("#edition-state"), StringComparison.Ordinal);
        Assert.Equal("7月16日，省住房城乡建设厅召开城镇生活垃圾处理监管专题培训；推动垃圾处理设施无害化评价工作。", await page.InputValueAsync("#edit textarea[name=pText] >> nth=0"));
        await page.FillAsync("#edit input[name=number]", "7");
        await page.FillAsync("#edit textarea[name=keyEvents]", "7月23日，省政府副秘书长主持召开会议，专题研究全省爱国卫生“7个专项行动”有关工作。");
        await page.FillAsync("#edit textarea[name=distribution]", "省委常委，省人民政府领导。\n国家卫生健康委办公厅。");
        await page.ClickAsync("#edit button[type=submit]:not(#recompile)");
        Assert.Contains("已保存", await page.InnerTextAsync("#notice"), StringComparison.Ordinal);
        Assert.Contains("二、省直部门“7个专项行动”推进情况", await page.InnerTextAsync("#preview"), StringComparison.Ordinal);
        await Browser.ScreenshotAsync(page, "reports-bulletin-draft");
        Assert.Equal(0, await page.Locator("#sign-form").CountAsync()); // a clerk does not sign off

        var head = await SignInAsync(host, "office.head");
        await head.GotoAsync("/console/bulletin");
        await head.ClickAsync("#sign-form button");
        Assert.Contains("已签发", await head.InnerTextAsync("#notice"), StringComparison.Ordinal);
        Assert.Contains("第7期", await head.InnerTextAsync("#archive"), StringComparison.Ordinal);
        await Browser.ScreenshotAsync(head, "reports-bulletin-issued");

        var download = await head.Context.APIRequest.GetAsync("/console/bulletin" + await head.GetAttributeAsync("#archive a[href*=Docx]", "href"));
        Assert.Equal(200, download.Status);
        using var document = WordprocessingDocument.Open(new MemoryStream(await download.BodyAsync()), false);
        var paragraphs = document.MainDocumentPart!.Document!.Body!.Elements<Paragraph>().Select(p => p.InnerText).ToList();
        Assert.Equal("工作专报", paragraphs[0]);
        Assert.StartsWith($"{closed.Due.Year}年第7期", paragraphs[1], StringComparison.Ordinal);
        Assert.EndsWith("签发人：蔡霞", paragraphs[1], StringComparison.Ordinal);
        Assert.Contains("一、行动要情", paragraphs);
        Assert.Contains("7月23日，省政府副秘书长主持召开会议，专题研究全省爱国卫生“7个专项行动”有关工作。", paragraphs);
        Assert.Contains("二、省直部门“7个专项行动”推进情况", paragraphs);
        Assert.Contains("（一）7月16日，省住房城乡建设厅召开城镇生活垃圾处理监管专题培训；推动垃圾处理设施无害化评价工作。", paragraphs);
        Assert.Contains("三、州市县区推进“7个专项行动”情况", paragraphs);
        Assert.Contains("（一）昆明市：牵头制定生活垃圾中转站及城市公厕检查标准。", paragraphs);
        Assert.Contains("分送：省委常委，省人民政府领导。", paragraphs);
        Assert.EndsWith("印发", paragraphs[^1], StringComparison.Ordinal);
        Assert.DoesNotContain(paragraphs, p => p.StartsWith("四、", StringComparison.Ordinal)); // the table was left out, as in the seed
        Assert.Equal(2, document.MainDocumentPart.FooterParts.Count()); // odd pages right, even pages left
        Assert.NotNull(document.MainDocumentPart.DocumentSettingsPart!.Settings!.GetFirstChild<EvenAndOddHeaders>());
    }

    [Fact]
    public async Task Stats_RanksTheMonth_ExportsIt_AndDraftsTheCircular()
    {
        await using var host = new ConsoleHost();
        var (_, closed) = ReportSeed.Periods(host.Services);
        await ReportSeed.AddAsync(host.Services, closed, "fgw", ReportStatus.Submitted, late: false);
        await ReportSeed.AddAsync(host.Services, closed, "530100", ReportStatus.Submitted, late: true);
        var due = TimeZoneInfo.ConvertTime(closed.Due, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        var page = await SignInAsync(host, "office.clerk1");

        await page.GotoAsync($"/console/stats?year={due.Year}&month={due.Month}");
        Assert.Equal("1", await page.InnerTextAsync("#stats tr[data-unit=fgw] td >> nth=0"));
        Assert.Equal("1", await page.InnerTextAsync("#stats tr[data-unit='530100'] td >> nth=4")); // 迟报
        await Browser.ScreenshotAsync(page, "reports-stats");

        var export = await page.Context.APIRequest.GetAsync($"/console/stats?handler=Export&year={due.Year}&month={due.Month}");
        using (var stream = new MemoryStream(await export.BodyAsync()))
        {
            var rows = stream.Query(useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToList();
            Assert.Equal("省发展改革委", rows[0]["单位"]);
            Assert.Equal(1, Convert.ToInt32(rows[0]["按时"], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Contains(rows, r => (string?)r["单位"] == "昆明市" && Convert.ToInt32(r["迟报"], System.Globalization.CultureInfo.InvariantCulture) >= 1);
        }

        await page.ClickAsync("#draft-form button");
        Assert.Contains("信息报送情况的通报", await page.InnerTextAsync("#standing-title"), StringComparison.Ordinal);
        Assert.Contains("草稿", await page.InnerTextAsync("main"), StringComparison.Ordinal);
    }

    private async Task<IPage> SignInAsync(ConsoleHost host, string personId)
    {
        var page = await browser.NewPageAsync(host.BaseUrl);
        await page.GotoAsync("/console/signin");
        await page.ClickAsync($"button[data-person='{personId}']");
        return page;
    }

    private static async Task<List<string>> MessagesAsync(IPage page, string personId)
    {
        var response = await page.Context.APIRequest.GetAsync($"/local/api/messages?personId={personId}");
        using var json = JsonDocument.Parse(await response.TextAsync());
        return [.. json.RootElement.EnumerateArray().Select(m => m.GetProperty("text").GetString() ?? "")];
    }

    /// <summary>The person's local-chat messages containing <paramref name="text"/>, once there are any (10 s at most).</summary>
    private static async Task<List<string>> WaitForMessagesAsync(IPage page, string personId, string text)
    {
        for (var i = 0; i < 50; i++)
        {
            if ((await MessagesAsync(page, personId)).Where(m => m.Contains(text, StringComparison.Ordinal)).ToList() is { Count: > 0 } messages)
            {
                return messages;
            }

            await Task.Delay(200, Ct);
        }

        return [];
    }
}
