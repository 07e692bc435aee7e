using ChatOps.Core.Bulletins;
using ChatOps.Core.Calendar;
using ChatOps.Core.Organization;
using ChatOps.Core.Reports;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using static ChatOps.Core.Tests.Calendar.TestDates;

namespace ChatOps.Core.Tests.Reports;

public sealed class BulletinCompilerTests
{
    private const string Office = "云南省推进爱国卫生“7个专项行动”领导小组办公室";

    private static readonly PeriodCalculator Calculator = new(WorkCalendar.LoadDefault());

    private static readonly string[] SectionHeadings = ["一、行动要情", "二、省直部门推进情况", "三、州市县区推进情况", "四、报送情况"];

    [Fact]
    public void Compile_PlacesItemsBySectionOfUnitKind()
    {
        var bulletin = Fixture.Compile();

        Assert.Equal(["省住房城乡建设厅", "省水利厅", "“常消毒”专项行动组"], bulletin.ProvincialItems.Select(i => i.UnitName));
        Assert.Equal(["昆明市", "祥云县"], bulletin.LocalItems.Select(i => i.UnitName));
    }

    [Fact]
    public void Compile_FollowsTheDirectorysSortOrderNotTheListOrNorTheReportOrder()
    {
        // 省水利厅 comes first in the list and 省住房城乡建设厅 reported last, but its SortOrder is lower.
        var bulletin = Fixture.Compile(reports: [.. Fixture.Reports().AsEnumerable().Reverse()]);

        Assert.Equal(["省住房城乡建设厅", "省水利厅", "“常消毒”专项行动组"], bulletin.ProvincialItems.Select(i => i.UnitName));
    }

    [Fact]
    public void Compile_ProgressItemsBecomeTheParagraphsOfTheUnitsItem()
    {
        var bulletin = Fixture.Compile();

        var item = bulletin.ProvincialItems[0];
        Assert.Equal("7月16日，省住房城乡建设厅召开城镇生活垃圾处理监管专题培训。", item.Text);
        Assert.Equal(["持续推动垃圾处理设施无害化评价工作。"], item.ExtraParagraphs);
    }

    [Fact]
    public void Compile_Statistics_OnTimeLateAndMissingAmongCoveredUnits_InDirectoryOrder()
    {
        var bulletin = Fixture.Compile();

        // Weekly covers 省直部门 and 州市: the special-action group and the county give items but are not counted.
        // 省林草局 reported only for other periods; 大理州 waits for its leader's review.
        Assert.Equal(["省住房城乡建设厅", "昆明市"], bulletin.Statistics.OnTime);
        Assert.Equal(["省水利厅"], bulletin.Statistics.Late);
        Assert.Equal(["省林草局"], bulletin.Statistics.Missing);
        Assert.Equal(["大理州"], bulletin.Statistics.PendingReview);
        Assert.Equal(5, bulletin.Statistics.Total);
    }

    [Fact]
    public void Compile_PendingReview_IsNotMissing_AndItsItemsAreLeftOut()
    {
        var bulletin = Fixture.Compile();

        // Issue 10 item 4: a report waiting for review is 待审核, never 未报送.
        Assert.DoesNotContain("大理州", bulletin.Statistics.Missing);
        Assert.Contains("大理州", bulletin.Statistics.PendingReview);
        Assert.DoesNotContain(bulletin.LocalItems, i => i.UnitName == "大理州");
    }

    [Fact]
    public void Compile_Draft_CountsAsMissing()
    {
        var reports = Fixture.Reports().Select(r => r.UnitCode == "km" ? r with { Status = ReportStatus.Draft } : r).ToList();

        var bulletin = Fixture.Compile(reports: reports);

        Assert.Contains("昆明市", bulletin.Statistics.Missing);
        Assert.DoesNotContain(bulletin.LocalItems, i => i.UnitName == "昆明市");
    }

    [Fact]
    public void Compile_NoReports_EveryCoveredUnitIsMissing()
    {
        var bulletin = Fixture.Compile(reports: []);

        Assert.Empty(bulletin.ProvincialItems);
        Assert.Empty(bulletin.LocalItems);
        Assert.Equal(["省住房城乡建设厅", "省水利厅", "省林草局", "昆明市", "大理州"], bulletin.Statistics.Missing);
    }

    [Fact]
    public void Compile_IgnoresReportsOfOtherPeriodsCyclesAndUnknownUnits()
    {
        var bulletin = Fixture.Compile();

        Assert.DoesNotContain(bulletin.ProvincialItems.Concat(bulletin.LocalItems), i => i.Text.Contains("上周", StringComparison.Ordinal));
        Assert.DoesNotContain(bulletin.ProvincialItems.Concat(bulletin.LocalItems), i => i.Text.Contains("季度", StringComparison.Ordinal));
        Assert.Equal(5, bulletin.ProvincialItems.Count + bulletin.LocalItems.Count);
    }

    [Fact]
    public void Compile_SubmittedReportWithoutProgress_CountsButAddsNoItem()
    {
        var reports = Fixture.Reports()
            .Select(r => r.UnitCode == "slt" ? r with { Answers = Answers(["  ", ""]) } : r)
            .ToList();

        var bulletin = Fixture.Compile(reports: reports);

        Assert.DoesNotContain(bulletin.ProvincialItems, i => i.UnitName == "省水利厅");
        Assert.Equal(["省水利厅"], bulletin.Statistics.Late);
    }

    [Fact]
    public void Compile_OfficeItemsBecomeKeyEvents_HeadingAndIssueAreKept()
    {
        var bulletin = Fixture.Compile(headlines: ["11月20日，省政府副秘书长主持召开专题会议。", "  "], issueNumber: " 第12期 ");

        Assert.Equal(["11月20日，省政府副秘书长主持召开专题会议。"], bulletin.KeyEvents);
        Assert.Equal(Office, bulletin.OfficeName);
        Assert.Equal(D("2026-11-27"), bulletin.Date);
        Assert.Equal("第12期", bulletin.IssueNumber);
        Assert.Equal("2026年第48周（11月20日至11月26日）", bulletin.PeriodLabel);
    }

    [Fact]
    public void Compile_MergedPeriod_ReadsReportsFiledUnderTheFullOrAComponentKey()
    {
        var period = Calculator.Find(ReportCycleDefinition.Weekly, "2026-W41")!;
        var reports = new List<Report>
        {
            Fixture.Report(1, "zjt", "2026-W40+W41", ReportStatus.Submitted, ["国庆期间开展城乡环境卫生整治。"]),
            Fixture.Report(2, "slt", "2026-W41", ReportStatus.Submitted, ["节后开展农村供水检查。"], isLate: true),
        };

        var bulletin = BulletinCompiler.Compile(ReportCatalog.Weekly, period, Office, D("2026-10-09"), Fixture.Directory(), reports, []);

        Assert.Equal("2026年第40—41周（9月25日至10月8日）", bulletin.PeriodLabel);
        Assert.Equal(["省住房城乡建设厅", "省水利厅"], bulletin.ProvincialItems.Select(i => i.UnitName));
        Assert.Equal(["省住房城乡建设厅"], bulletin.Statistics.OnTime);
        Assert.Equal(["省水利厅"], bulletin.Statistics.Late);
    }

    [Fact]
    public void Compile_TwoReportsOfOneUnit_TheCountedOneWins()
    {
        var period = Calculator.Find(ReportCycleDefinition.Weekly, "2026-W40+W41")!;
        var reports = new List<Report>
        {
            Fixture.Report(1, "zjt", "2026-W40+W41", ReportStatus.Draft, ["草稿"]),
            Fixture.Report(2, "zjt", "2026-W40", ReportStatus.Submitted, ["已报送的内容。"]),
        };

        var bulletin = BulletinCompiler.Compile(ReportCatalog.Weekly, period, Office, D("2026-10-09"), Fixture.Directory(), reports, []);

        Assert.Equal("已报送的内容。", Assert.Single(bulletin.ProvincialItems).Text);
        Assert.Equal(["省住房城乡建设厅"], bulletin.Statistics.OnTime);
    }

    [Fact]
    public void Compile_Quarterly_CoversSpecialActionGroupsAndSaysTheQuarter()
    {
        var period = Calculator.Find(ReportCycleDefinition.Quarterly, "2026-Q3")!;
        var reports = new List<Report> { Fixture.Report(1, "cxd", "2026-Q3", ReportStatus.Submitted, ["召开巩固提升工作视频调度会议。"], cycle: "quarterly") };

        var bulletin = BulletinCompiler.Compile(ReportCatalog.Quarterly, period, Office, D("2026-10-09"), Fixture.Directory(), reports, []);

        Assert.Equal("2026年第三季度", bulletin.PeriodLabel);
        Assert.Equal(["“常消毒”专项行动组"], bulletin.Statistics.OnTime);
        Assert.Equal(6, bulletin.Statistics.Total);
    }

    [Theory]
    [InlineData("weekly", "2026-W48", "2026年第48周（11月20日至11月26日）")]
    [InlineData("weekly", "2026-W40", "2026年第40—41周（9月25日至10月8日）")]
    [InlineData("weekly", "2026-W01", "2026年第1周（2025年12月26日至2026年1月1日）")]
    [InlineData("quarterly", "2026-Q1", "2026年第一季度")]
    [InlineData("quarterly", "2026-Q4", "2026年第四季度")]
    public void PeriodLabel_InNaturalChinese(string cycleKey, string periodKey, string expected)
    {
        var cycle = new ReportCycles(ReportCatalog.Defaults).Get(cycleKey).Definition;

        Assert.Equal(expected, BulletinCompiler.PeriodLabel(cycle, Calculator.Find(cycle, periodKey)!));
    }

    [Theory]
    [InlineData("weekly")]
    [InlineData("quarterly")]
    public void PeriodLabel_SaysWhatTheBotsMessagesSay(string cycleKey)
    {
        var cycle = new ReportCycles(ReportCatalog.Defaults).Get(cycleKey);

        Assert.All(
            Calculator.Periods(cycle.Definition, D("2025-01-01"), D("2027-01-31")),
            period => Assert.Equal(PeriodText.Label(cycle, period), BulletinCompiler.PeriodLabel(cycle.Definition, period)));
    }

    [Fact]
    public void PeriodLabel_MonthlyAndAcrossYears()
    {
        var monthly = new ReportCycleDefinition { Key = "monthly", Name = "月报", Frequency = ReportFrequency.Monthly };
        var acrossYears = new ReportPeriod("weekly", "2026-W53+2027-W01", ["2026-W53", "2027-W01"], new DateRange(D("2026-12-25"), D("2027-01-07")), default, default, true, true);

        Assert.Equal("2026年10月", BulletinCompiler.PeriodLabel(monthly, Calculator.Find(monthly, "2026-10")!));
        Assert.Equal("2026年第53周—2027年第1周（2026年12月25日至2027年1月7日）", BulletinCompiler.PeriodLabel(ReportCycleDefinition.Weekly, acrossYears));
    }

    [Fact]
    public void Compile_BlankOfficeName_Throws()
    {
        Assert.Throws<ArgumentException>(() => Fixture.Compile(office: " "));
    }

    [Fact]
    public void RenderDocx_PassesTheOpenXmlValidator()
    {
        using var document = Open(Fixture.Compile(headlines: ["11月20日，省政府副秘书长主持召开专题会议。"]));

        var errors = new OpenXmlValidator().Validate(document, TestContext.Current.CancellationToken).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void RenderDocx_SectionsInTheSeedsOrder()
    {
        using var document = Open(Fixture.Compile(headlines: ["11月20日，省政府副秘书长主持召开专题会议。"]));

        var blocks = Blocks(document);
        Assert.Equal(SectionHeadings, blocks.Where(b => b.Style == BulletinDocxStyleIds.Heading).Select(b => b.Text));
        Assert.Equal("2026年第48周（11月20日至11月26日）", blocks.Single(b => b.Style == BulletinDocxStyleIds.Period).Text);
        Assert.Equal([(BulletinDocxStyleIds.Body, "11月20日，省政府副秘书长主持召开专题会议。")], Section(blocks, 0));
    }

    [Fact]
    public void RenderDocx_ItemsNumberedInChineseNumeralsAndNamingTheirUnits()
    {
        using var document = Open(Fixture.Compile());

        var blocks = Blocks(document);
        Assert.Equal(
            [
                (BulletinDocxStyleIds.Item, "（一）7月16日，省住房城乡建设厅召开城镇生活垃圾处理监管专题培训。"),
                (BulletinDocxStyleIds.Body, "持续推动垃圾处理设施无害化评价工作。"),
                (BulletinDocxStyleIds.Item, "（二）省水利厅：制定印发《进一步做好农村供水保障工作行动方案》。"),
                (BulletinDocxStyleIds.Item, "（三）“常消毒”专项行动组：召开巩固提升工作视频调度会议。"),
            ],
            Section(blocks, 1));
        Assert.Equal(
            [
                (BulletinDocxStyleIds.Item, "（一）昆明市：建立市、县、街道3级监督检查机制。"),
                (BulletinDocxStyleIds.Item, "（二）祥云县：开展农贸市场“五乱”整治。"),
            ],
            Section(blocks, 2));
    }

    [Fact]
    public void RenderDocx_StatisticsTableListsOnTimeLateAndMissing()
    {
        using var document = Open(Fixture.Compile());

        var blocks = Blocks(document);
        Assert.Equal("本期应报送单位5个，按时报送2个，迟报1个，待审核1个，未报送1个。", Section(blocks, 3)[0].Text);
        var table = document.MainDocumentPart!.Document!.Body!.Elements<Table>().Single();
        var rows = table.Elements<TableRow>()
            .Select(row => row.Elements<TableCell>().Select(cell => cell.InnerText).ToArray())
            .ToList();
        Assert.Equal(
            [
                ["类别", "数量", "单位"],
                ["按时报送", "2", "省住房城乡建设厅、昆明市"],
                ["迟报", "1", "省水利厅"],
                ["待审核", "1", "大理州"],
                ["未报送", "1", "省林草局"],
                ["合计", "5", "—"],
            ],
            rows);
    }

    [Fact]
    public void RenderMarkdown_SaysTheSameAsTheDocx()
    {
        var markdown = BulletinMarkdownRenderer.Render(Fixture.Compile());

        Assert.Contains("## 二、省直部门推进情况\n\n（一）7月16日，省住房城乡建设厅召开", markdown, StringComparison.Ordinal);
        Assert.Contains("（三）“常消毒”专项行动组：召开", markdown, StringComparison.Ordinal);
        Assert.Contains("| 待审核 | 1 | 大理州 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| 未报送 | 1 | 省林草局 |", markdown, StringComparison.Ordinal);
    }

    private static IReadOnlyDictionary<string, IReadOnlyList<string>> Answers(IReadOnlyList<string> progress) =>
        new Dictionary<string, IReadOnlyList<string>> { ["progress"] = progress, ["problems"] = ["无"], ["plan"] = ["继续推进。"] };

    private static WordprocessingDocument Open(Bulletin bulletin) =>
        WordprocessingDocument.Open(new MemoryStream(BulletinDocxRenderer.RenderToArray(bulletin)), false);

    private static List<(string? Style, string Text)> Blocks(WordprocessingDocument document) =>
        document.MainDocumentPart!.Document!.Body!.ChildElements
            .Select(element => element switch
            {
                Paragraph paragraph => (paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value, paragraph.InnerText),
                Table table => ("table", table.InnerText),
                _ => (null, string.Empty),
            })
            .Where(block => block.Item1 is not null)
            .ToList();

    /// <summary>The blocks of section <paramref name="index"/> (0 = 一), up to the next heading, table or footer.</summary>
    private static List<(string? Style, string Text)> Section(List<(string? Style, string Text)> blocks, int index)
    {
        var start = blocks.FindIndex(b => b.Style == BulletinDocxStyleIds.Heading && b.Text == SectionHeadings[index]);
        Assert.True(start >= 0, $"missing {SectionHeadings[index]}");
        return blocks.Skip(start + 1)
            .TakeWhile(b => b.Style is not (BulletinDocxStyleIds.Heading or "table" or BulletinDocxStyleIds.Distribution or BulletinDocxStyleIds.Imprint))
            .ToList();
    }

    /// <summary>
    /// A small directory in the spirit of seed 001, deliberately listed out of sort order, and the weekly reports of
    /// 2026-W48 with every status, plus reports that must be ignored.
    /// </summary>
    internal static class Fixture
    {
        public static DirectorySnapshot Directory() => new(
            [
                new Unit("slt", "省水利厅", UnitKind.ProvincialDepartment, null, false, 2),
                new Unit("zjt", "省住房城乡建设厅", UnitKind.ProvincialDepartment, null, false, 1),
                new Unit("lcj", "省林草局", UnitKind.ProvincialDepartment, null, false, 3),
                new Unit("cxd", "“常消毒”专项行动组", UnitKind.SpecialActionGroup, null, false, 4),
                new Unit("km", "昆明市", UnitKind.Prefecture, null, false, 10),
                new Unit("dl", "大理州", UnitKind.Prefecture, null, true, 11),
                new Unit("xy", "祥云县", UnitKind.County, "dl", false, 12),
            ],
            [],
            []);

        public static List<Report> Reports() =>
        [
            Report(1, "slt", "2026-W48", ReportStatus.Submitted, ["制定印发《进一步做好农村供水保障工作行动方案》。"], isLate: true),
            Report(2, "cxd", "2026-W48", ReportStatus.Submitted, ["召开巩固提升工作视频调度会议。"]),
            Report(3, "km", "2026-W48", ReportStatus.Submitted, ["建立市、县、街道3级监督检查机制。"]),
            Report(4, "dl", "2026-W48", ReportStatus.PendingReview, ["印发整改督办通知。"]),
            Report(5, "xy", "2026-W48", ReportStatus.Submitted, ["开展农贸市场“五乱”整治。"]),
            Report(6, "lcj", "2026-W47", ReportStatus.Submitted, ["上周的工作。"]),
            Report(7, "lcj", "2026-Q4", ReportStatus.Submitted, ["本季度的工作。"], cycle: "quarterly"),
            Report(8, "gone", "2026-W48", ReportStatus.Submitted, ["已撤销单位的报告。"]),
            Report(9, "zjt", "2026-W48", ReportStatus.Submitted, ["7月16日，省住房城乡建设厅召开城镇生活垃圾处理监管专题培训。", "持续推动垃圾处理设施无害化评价工作。"]),
        ];

        public static Report Report(long id, string unit, string period, ReportStatus status, IReadOnlyList<string> progress, bool isLate = false, string cycle = "weekly")
        {
            var at = Utc("2026-11-26T05:00:00Z").AddMinutes(id);
            return new Report(id, cycle, period, unit, status, unit + ".lly", Answers(progress), at, at, status == ReportStatus.Draft ? null : at, isLate);
        }

        public static Bulletin Compile(
            IReadOnlyList<Report>? reports = null, IReadOnlyList<string>? headlines = null, string? issueNumber = null, string office = Office) =>
            BulletinCompiler.Compile(
                ReportCatalog.Weekly,
                Calculator.Find(ReportCycleDefinition.Weekly, "2026-W48")!,
                office,
                D("2026-11-27"),
                Directory(),
                reports ?? Reports(),
                headlines ?? [],
                issueNumber);
    }
}
