using ChatOps.Core.Bulletins;
using ChatOps.Core.Organization;
using ChatOps.Core.Reports;
using ChatOps.Core.Reports.Overview;
using ChatOps.Core.Tests.Bulletins;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;

namespace ChatOps.Core.Tests.Reports.Overview;

public sealed class ReportOverviewTests
{
    private static Unit U(string code) => new(code, code, UnitKind.ProvincialDepartment, null, false, 0);

    [Fact]
    public void Rank_OrdersByRateThenMissingThenLate_TiesShareARank_NothingDueLast()
    {
        ComplianceRow[] rows =
        [
            new(U("a"), 4, 2, 1, 1, 0, 0, 0),
            new(U("b"), 4, 4, 0, 0, 0, 0, 0),
            new(U("c"), 0, 0, 0, 0, 0, 1, 0),
            new(U("d"), 4, 2, 2, 0, 1, 0, 0),
            new(U("e"), 4, 4, 0, 0, 2, 0, 0),
        ];

        var ranked = ComplianceRank(rows);

        Assert.Equal(["b:1", "e:1", "d:3", "a:4", "c:5"], ranked.Select(r => $"{r.Unit.Code}:{r.Rank}"));
        Assert.Equal("50%", ranked.Single(r => r.Unit.Code == "a").RateText);
        Assert.Equal("—", ranked.Single(r => r.Unit.Code == "c").RateText);
        Assert.Equal("87.5%", ComplianceMonth.Percent(0.875));
    }

    [Fact]
    public void ComplianceCircular_NamesTheMonth_TheFigures_AndTheUnitsThatFellShort()
    {
        var month = new ComplianceMonth(2026, 11, [], ComplianceRank([new(U("省水利厅"), 4, 2, 1, 1, 1, 0, 0), new(U("省教育厅"), 4, 4, 0, 0, 0, 0, 0)]));

        var body = ReportText.ComplianceCircular.Body(month, "领导小组办公室", new DateOnly(2026, 12, 3));

        Assert.Equal("关于2026年11月信息报送情况的通报", ReportText.ComplianceCircular.Title(month));
        Assert.Contains("应报送8份，按时报送6份，迟报1份，未报送1份，经审核退回修改1次，按时报送率75%", body, StringComparison.Ordinal);
        Assert.Contains("省教育厅等1个单位全部按时报送", body, StringComparison.Ordinal);
        Assert.Contains("省水利厅（未报1次、迟报1次）", body, StringComparison.Ordinal);
        Assert.EndsWith("2026年12月3日", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Edit_TurnsProgressItemsIntoOneParagraphOfSentences()
    {
        var item = new BulletinItem("省水利厅", "1. 制定印发农村供水保障行动方案。") { ExtraParagraphs = ["（二）开展水源地排查，", "  ", "③ 完成整改12处"] };

        var edited = BulletinEditor.Edit(item);

        Assert.Equal("制定印发农村供水保障行动方案；开展水源地排查；完成整改12处。", edited.Text);
        Assert.Equal("省水利厅", edited.UnitName);
    }

    [Fact]
    public void Docx_WithSignerHeadingsAndNoTable_PutsIssueAndSignerOnOneLine_AndPassesTheValidator()
    {
        var bulletin = BulletinSamples.Weekly() with
        {
            Signer = "蔡霞",
            ProvincialHeading = "省直部门“7个专项行动”推进情况",
            IncludeStatistics = false,
        };

        using var document = WordprocessingDocument.Open(new MemoryStream(BulletinDocxRenderer.RenderToArray(bulletin)), false);
        var errors = new OpenXmlValidator().Validate(document, TestContext.Current.CancellationToken).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var paragraphs = document.MainDocumentPart!.Document!.Body!.Elements<Paragraph>().ToList();
        Assert.Equal("第12期签发人：蔡霞", paragraphs[1].InnerText);
        Assert.Single(paragraphs[1].Descendants<TabChar>());
        Assert.Contains(paragraphs, p => p.InnerText == "二、省直部门“7个专项行动”推进情况");
        Assert.DoesNotContain(paragraphs, p => p.InnerText.StartsWith("四、", StringComparison.Ordinal));
        Assert.DoesNotContain("报送情况", BulletinMarkdownRenderer.Render(bulletin), StringComparison.Ordinal);
    }

    [Fact]
    public void Html_IsEncoded_AndShowsTheSignerAndTheImprintOnOneLine()
    {
        var bulletin = BulletinSamples.Weekly() with { Signer = "蔡霞", KeyEvents = ["<script>alert(1)</script>"] };

        var html = BulletinHtmlRenderer.Render(bulletin);

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"bl-signer\">签发人：蔡霞</span>", html, StringComparison.Ordinal);
        Assert.Contains("bl-printed bl-split", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ChaseTarget_ReadsOnlyWellFormedValues()
    {
        Assert.Equal(new ChaseTarget("2026-W48", "wjw"), ChaseTarget.Parse("2026-W48|wjw"));
        Assert.Null(ChaseTarget.Parse("2026-W48"));
        Assert.Null(ChaseTarget.Parse("|wjw"));
        Assert.Null(ChaseTarget.Parse(null));
    }

    private static IReadOnlyList<ComplianceRow> ComplianceRank(IReadOnlyList<ComplianceRow> rows) => ReportCompliance.Rank(rows);
}
