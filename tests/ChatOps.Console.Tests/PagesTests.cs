using ChatOps.Bot.OfficeConsole;
using Microsoft.Playwright;
using MiniExcelLibs;

namespace ChatOps.Console.Tests;

/// <summary>The console's pages in headless Chromium, each with a screenshot kept under bin/…/screenshots.</summary>
public sealed class PagesTests(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task EveryPage_RendersForTheOffice_WithAScreenshot()
    {
        await using var host = new ConsoleHost();
        var page = await SignInAsync(host, "office.clerk1");

        foreach (var item in ConsoleNav.Items.Where(i => i.Ready))
        {
            var response = await page.GotoAsync(item.Path);
            Assert.True(response!.Ok, $"{item.Path}: {response.Status}");
            Assert.Contains(item.Label.Split('/')[0], await page.InnerTextAsync("main h1"), StringComparison.Ordinal);
            await Browser.ScreenshotAsync(page, "page" + item.Path.Replace('/', '-'));
        }
    }

    [Fact]
    public async Task Directory_LiaisonChange_IsFiledWithItsReason_AndAudited()
    {
        await using var host = new ConsoleHost();
        var page = await SignInAsync(host, "office.clerk1");

        await page.GotoAsync("/console/directory?tab=liaisons");
        await page.SelectOptionAsync("#liaison-form select[name=unit]", "wjw");
        await page.SelectOptionAsync("#liaison-form select[name=person]", "wjw.fgld");
        await page.FillAsync("#liaison-form input[name=reason]", "原联络员工作调动");
        await page.ClickAsync("#liaison-form button[type=submit]");

        Assert.Equal("联络员调整已备案。", await page.InnerTextAsync("#notice"));
        var first = page.Locator("#liaison-history tr").Nth(1);
        Assert.Contains("冯亮", await first.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("原联络员工作调动", await first.InnerTextAsync(), StringComparison.Ordinal);
        await Browser.ScreenshotAsync(page, "directory-liaison-filed");

        await page.GotoAsync("/console/audit?action=directory.");
        var line = await page.InnerTextAsync("#audit tr:nth-child(2)");
        Assert.Contains("office.clerk1", line, StringComparison.Ordinal);
        Assert.Contains("unit:wjw", line, StringComparison.Ordinal);
        Assert.Contains("console 127.0.0.1", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Directory_ImportWithErrors_ListsEveryLine_AndWritesNothing()
    {
        await using var host = new ConsoleHost();
        var page = await SignInAsync(host, "office.clerk1");
        var file = Path.Combine(host.DataFolder, "名录.xlsx");
        var rows = new List<Dictionary<string, object>>
        {
            new() { ["单位代码"] = "wjw", ["单位名称"] = "省卫生健康委", ["单位类别"] = "省直部门", ["人员编号"] = "wjw.lly2", ["姓名"] = "新人", ["角色"] = "联络员" },
            new() { ["单位代码"] = "wjw", ["单位名称"] = "省卫生健康委", ["单位类别"] = "火星部门", ["人员编号"] = "wjw.x", ["姓名"] = "甲", ["角色"] = "宇航员" },
        };
        await MiniExcel.SaveAsAsync(file, rows, cancellationToken: TestContext.Current.CancellationToken);

        await page.GotoAsync("/console/directory?tab=import");
        await page.SetInputFilesAsync("#import-form input[type=file]", file);
        await page.ClickAsync("#import-form button[type=submit]");

        var errors = await page.InnerTextAsync("#errors");
        Assert.Contains("第3行", errors, StringComparison.Ordinal);
        await Browser.ScreenshotAsync(page, "directory-import-errors");
        await page.GotoAsync("/console/directory?q=wjw.lly2");
        Assert.DoesNotContain("新人", await page.InnerTextAsync("#people"), StringComparison.Ordinal);

        var export = await page.Context.APIRequest.GetAsync("/console/directory?handler=Export&tab=people&q=office");
        Assert.Equal(ConsoleExport.XlsxContentType, export.Headers["content-type"]);
        using var stream = new MemoryStream(await export.BodyAsync());
        var people = stream.Query(useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().Select(r => r["姓名"]).ToList();
        Assert.Equal(3, people.Count);
        Assert.Contains("余波", people);
    }

    [Fact]
    public async Task AFormWithoutItsAntiforgeryToken_IsRejected()
    {
        await using var host = new ConsoleHost();
        var page = await SignInAsync(host, "office.clerk1");

        var forged = await page.Context.APIRequest.PostAsync("/console/directory?handler=Liaison", new APIRequestContextOptions
        {
            Form = page.Context.APIRequest.CreateFormData().Set("unit", "wjw").Set("person", "wjw.fgld").Set("reason", "伪造"),
        });

        Assert.Equal(400, forged.Status);
        await page.GotoAsync("/console/directory?tab=liaisons");
        Assert.DoesNotContain("伪造", await page.InnerTextAsync("#liaison-history"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMeetingHost_SeesOnlyTheirPages_OfficePagesAre403()
    {
        await using var host = new ConsoleHost();
        var page = await SignInAsync(host, "group.leader");

        Assert.DoesNotContain("名录", await page.InnerTextAsync("nav.side"), StringComparison.Ordinal);
        var response = await page.GotoAsync("/console/directory");
        Assert.Equal(403, response!.Status);
        Assert.Contains("您没有查看此页面的权限", await page.InnerTextAsync("#refusal"), StringComparison.Ordinal);
    }

    [Fact]
    public void Exports_NeutraliseFormulaCells()
    {
        var bytes = ConsoleExport.Xlsx(["a", "b"], [["=HYPERLINK(\"http://x\")", 3], ["+1", "@SUM(A1)"], ["-2", "\tx"], ["正常", null]]);
        using var stream = new MemoryStream(bytes);
        var rows = stream.Query(useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal("'=HYPERLINK(\"http://x\")", rows[0]["a"]);
        Assert.Equal("'+1", rows[1]["a"]);
        Assert.Equal("'@SUM(A1)", rows[1]["b"]);
        Assert.Equal("'-2", rows[2]["a"]);
        Assert.Equal("正常", rows[3]["a"]);
    }

    private async Task<IPage> SignInAsync(ConsoleHost host, string personId)
    {
        var page = await browser.NewPageAsync(host.BaseUrl);
        await page.GotoAsync("/console/signin");
        await page.ClickAsync($"button[data-person='{personId}']");
        return page;
    }
}
