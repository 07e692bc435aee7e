using System.Text;
using ChatOps.Bot.Tests.Conversations;
using ChatOps.Core.Conversations;
using ChatOps.Core.Reports;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Bot.Tests.Cli;

/// <summary>The period and bulletin verbs run as the README shows them, as their own process, against a fresh folder.</summary>
public class ReportVerbTests
{
    private static readonly string Samples = Path.Combine(AppContext.BaseDirectory, "samples", "directory.yaml");

    private static string NewFolder() => Directory.CreateTempSubdirectory("chatops-cli-").FullName;

    /// <summary>A fresh folder whose database holds the sample directory (verbs never seed by themselves).</summary>
    private static async Task<string> SeededFolderAsync()
    {
        var folder = NewFolder();
        var seed = await BotProcess.RunAsync(folder, "import-directory", Samples);
        Assert.Equal((0, ""), (seed.ExitCode, seed.Error));
        return folder;
    }

    [Fact]
    public async Task Periods_2026_ListsTheYearWithTheNationalDayMerge()
    {
        var result = await BotProcess.RunAsync(NewFolder(), "periods", "--cycle", "weekly", "--from", "2026-01-01", "--to", "2026-12-31");

        Assert.Equal((0, ""), (result.ExitCode, result.Error));
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var merged = Assert.Single(lines, l => l.StartsWith("2026-W40+W41", StringComparison.Ordinal));
        Assert.Contains("2026-09-25 ~ 2026-10-08", merged, StringComparison.Ordinal);
        Assert.Contains("截止 2026-10-08（周四）17:00", merged, StringComparison.Ordinal);
        Assert.EndsWith("顺延", merged, StringComparison.Ordinal);
        Assert.StartsWith("周报（weekly）", lines[0], StringComparison.Ordinal);
        Assert.Contains("2026-W48", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.StartsWith("2026-W40 ", StringComparison.Ordinal) || l.StartsWith("2026-W41 ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Periods_YearWithoutHolidayData_WarnsButLists()
    {
        var result = await BotProcess.RunAsync(NewFolder(), "periods", "--cycle", "quarterly", "--from", "2030-01-01", "--to", "2030-12-31");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("警告：2030 年没有官方节假日数据", result.Error, StringComparison.Ordinal);
        Assert.Contains("2029-Q4", result.Output, StringComparison.Ordinal);
        Assert.Contains("无官方节假日数据，按周一至周五计", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--from", "2026-13-01", "--to", "2026-12-31", "--from 的值“2026-13-01”不是有效日期")]
    [InlineData("--from", "2026-12-31", "--to", "2026-01-01", "早于开始日期")]
    [InlineData("--from", "2026-01-01", "--cycle", "weekly", "缺少 --to")]
    [InlineData("--from", "2026-01-01", "--to", "2026-12-31", "--cycle", "daily", "没有名为“daily”的报送周期")]
    [InlineData("--form", "2026-01-01", "--to", "2026-12-31", "未知的选项：--form")]
    public async Task Periods_BadArguments_ExitTwoWithAClearMessage(params string[] argsAndMessage)
    {
        var result = await BotProcess.RunAsync(NewFolder(), ["periods", .. argsAndMessage[..^1]]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(argsAndMessage[^1], result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public async Task Bulletin_NoReports_WritesDocxAndMarkdownWithEveryUnitMissing()
    {
        var folder = await SeededFolderAsync();

        var docx = await BotProcess.RunAsync(folder, "bulletin", "--cycle", "weekly", "--period", "2026-W48", "--out", "专报/2026-W48.docx", "--date", "2026-11-27");
        var markdown = await BotProcess.RunAsync(folder, "bulletin", "--period", "2026-W48", "--out", "2026-W48.md");

        Assert.Equal((0, ""), (docx.ExitCode, docx.Error));
        Assert.Equal((0, ""), (markdown.ExitCode, markdown.Error));
        Assert.Contains("2026年第48周（11月20日至11月26日）", docx.Output, StringComparison.Ordinal);
        Assert.Contains("应报送 45 个单位，按时 0 个，迟报 0 个，未报送 45 个。", docx.Output, StringComparison.Ordinal);

        using (var document = WordprocessingDocument.Open(Path.Combine(folder, "专报", "2026-W48.docx"), false))
        {
            var body = document.MainDocumentPart!.Document!.Body!;
            var headings = body.Elements<Paragraph>()
                .Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == "Heading1")
                .Select(p => p.InnerText);
            Assert.Equal(["一、行动要情", "二、省直部门推进情况", "三、州市县区推进情况", "四、报送情况"], headings);
            Assert.Contains(body.Elements<Paragraph>(), p => p.InnerText.StartsWith("云南省推进爱国卫生“7个专项行动”领导小组办公室", StringComparison.Ordinal) && p.InnerText.EndsWith("2026年11月27日", StringComparison.Ordinal));
            var missing = body.Elements<Table>().Single().Elements<TableRow>()
                .Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToArray())
                .Single(cells => cells[0] == "未报送");
            Assert.Equal("45", missing[1]);
            Assert.StartsWith("省委宣传部（省文明办）、", missing[2], StringComparison.Ordinal);
            Assert.Contains("昆明市", missing[2], StringComparison.Ordinal);
        }

        var text = await File.ReadAllTextAsync(Path.Combine(folder, "2026-W48.md"), Encoding.UTF8, TestContext.Current.CancellationToken);
        Assert.StartsWith("# 工作专报\n", text, StringComparison.Ordinal);
        Assert.Contains("## 二、省直部门推进情况\n\n（本期无）", text, StringComparison.Ordinal);
        Assert.Contains("| 未报送 | 45 | 省委宣传部（省文明办）、", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bulletin_StoredReports_PlacedByKindWithLateAndPendingReviewCounted()
    {
        var now = new DateTimeOffset(2026, 11, 27, 1, 0, 0, TimeSpan.Zero);
        string folder;
        await using (var chat = await ChatHarness.StartAsync(now))
        {
            folder = chat.DataFolder;
            var factory = chat.Services.GetRequiredService<IUnitOfWorkFactory>();
            await using (var work = await factory.BeginAsync(TestContext.Current.CancellationToken))
            {
                await work.Reports.InsertAsync(StoredReport("zjt", ReportStatus.Submitted, false, "7月16日，省住房城乡建设厅召开城镇生活垃圾处理监管专题培训。", "持续推动垃圾处理设施无害化评价工作。"), TestContext.Current.CancellationToken);
                await work.Reports.InsertAsync(StoredReport("530100", ReportStatus.Submitted, true, "建立市、县、街道3级监督检查机制。"), TestContext.Current.CancellationToken);
                await work.Reports.InsertAsync(StoredReport("wjw", ReportStatus.PendingReview, false, "待审核的内容。"), TestContext.Current.CancellationToken);
                await work.CommitAsync(TestContext.Current.CancellationToken);
            }

            // In process, through the registered service and the real SQLite storage.
            var bulletin = await chat.Services.GetRequiredService<BulletinService>().CompileAsync("weekly", "2026-W48", cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal(new DateOnly(2026, 11, 27), bulletin.Date);
            Assert.Equal(["省住房城乡建设厅"], bulletin.ProvincialItems.Select(i => i.UnitName));
            Assert.Equal(["昆明市"], bulletin.LocalItems.Select(i => i.UnitName));
            Assert.Equal((1, 1, 42), (bulletin.Statistics.OnTime.Count, bulletin.Statistics.Late.Count, bulletin.Statistics.Missing.Count));
            Assert.Equal(["省卫生健康委"], bulletin.Statistics.PendingReview); // issue 10 item 4: waiting for review is not 未报送
            Assert.DoesNotContain("省卫生健康委", bulletin.Statistics.Missing);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var result = await BotProcess.RunAsync(folder, "bulletin", "--period", "2026-W48", "--out", "out.docx", $"--Storage:DataFolder={folder}");

        Assert.Equal((0, ""), (result.ExitCode, result.Error));
        Assert.Contains("省直部门 1 条，州市县区 1 条，行动要情 0 条；应报送 45 个单位，按时 1 个，迟报 1 个，未报送 42 个。另有待审核 1 个", result.Output, StringComparison.Ordinal);
        using var document = WordprocessingDocument.Open(Path.Combine(folder, "out.docx"), false);
        var body = document.MainDocumentPart!.Document!.Body!;
        var items = body.Elements<Paragraph>()
            .Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value is "BulletinItem" or "BulletinBody" or "Heading1")
            .Select(p => p.InnerText)
            .SkipWhile(t => t != "二、省直部门推进情况")
            .TakeWhile(t => t != "四、报送情况")
            .ToList();
        Assert.Equal(
            [
                "二、省直部门推进情况",
                "（一）7月16日，省住房城乡建设厅召开城镇生活垃圾处理监管专题培训。",
                "持续推动垃圾处理设施无害化评价工作。",
                "三、州市县区推进情况",
                "（一）昆明市：建立市、县、街道3级监督检查机制。",
            ],
            items);
        var rows = body.Elements<Table>().Single().Elements<TableRow>().Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToArray()).ToList();
        Assert.Equal(["按时报送", "1", "省住房城乡建设厅"], rows[1]);
        Assert.Equal(["迟报", "1", "昆明市"], rows[2]);
        Assert.Equal(["待审核", "1", "省卫生健康委"], rows[3]);
        Assert.Equal(["未报送", "42"], rows[4][..2]);
    }

    [Fact]
    public async Task Headline_ThenBulletin_PrintsItUnderKeyEventsOfTheMergedPeriod()
    {
        var folder = await SeededFolderAsync();

        var added = await BotProcess.RunAsync(folder, "headline", "--period", "2026-W41", "--text", "10月8日，领导小组办公室召开节后调度会。", "--by", "办公室");
        var listed = await BotProcess.RunAsync(folder, "headline", "--period", "2026-W40+W41");
        var bulletin = await BotProcess.RunAsync(folder, "bulletin", "--period", "2026-W40", "--out", "merged.md");

        Assert.Equal((0, ""), (added.ExitCode, added.Error));
        Assert.Contains("已添加到 2026-W40+W41 的行动要情（共 1 条）", added.Output, StringComparison.Ordinal);
        Assert.Contains("1. 10月8日，领导小组办公室召开节后调度会。", listed.Output, StringComparison.Ordinal);
        Assert.Equal((0, ""), (bulletin.ExitCode, bulletin.Error));
        var text = await File.ReadAllTextAsync(Path.Combine(folder, "merged.md"), Encoding.UTF8, TestContext.Current.CancellationToken);
        Assert.Contains("2026年第40—41周（9月25日至10月8日）", text, StringComparison.Ordinal);
        Assert.Contains("## 一、行动要情\n\n10月8日，领导小组办公室召开节后调度会。", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bulletin", "--period", "2026-W48", "--out", "x.pdf", ".docx（Word）或 .md（Markdown）")]
    [InlineData("bulletin", "--period", "2026-W54", "--out", "x.md", "周报没有“2026-W54”这一期")]
    [InlineData("bulletin", "--period", "48", "--out", "x.md", "应写成 2026-W41 这样的格式")]
    [InlineData("bulletin", "--out", "x.md", "--cycle", "weekly", "缺少 --period")]
    [InlineData("headline", "--period", "2026-W48", "--text", " ", "行动要情的内容不能为空")]
    public async Task ReportVerbs_BadArguments_ExitTwo(params string[] argsAndMessage)
    {
        var folder = NewFolder();

        var result = await BotProcess.RunAsync(folder, argsAndMessage[..^1]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(argsAndMessage[^1], result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Parameter", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "x.md")));
    }

    private static Report StoredReport(string unit, ReportStatus status, bool late, params string[] progress)
    {
        var at = new DateTimeOffset(2026, 11, 26, late ? 10 : 6, 0, 0, TimeSpan.Zero);
        var answers = new Dictionary<string, IReadOnlyList<string>> { ["progress"] = progress, ["problems"] = ["无"], ["plan"] = ["继续推进。"] };
        return new Report(0, "weekly", "2026-W48", unit, status, unit + ".lly", answers, at, at, at, late, 1);
    }
}
