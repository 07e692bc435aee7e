using ChatOps.Core.Bulletins;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;

namespace ChatOps.Core.Tests.Bulletins;

public sealed class BulletinDocxRendererTests
{
    private static readonly string[] SectionHeadings = ["一、行动要情", "二、省直部门推进情况", "三、州市县区推进情况", "四、报送情况"];

    [Fact]
    public void Render_WeeklyBulletin_PassesTheOpenXmlValidator()
    {
        using var document = Open(BulletinSamples.Weekly());

        AssertValid(document);
    }

    [Fact]
    public void Render_EmptyBulletin_PassesTheOpenXmlValidator()
    {
        using var document = Open(BulletinSamples.Empty());

        AssertValid(document);
    }

    [Fact]
    public void Render_LongOfficeNameAndNoDistribution_PassesTheOpenXmlValidator()
    {
        var bulletin = BulletinSamples.Weekly() with
        {
            OfficeName = "云南省推进爱国卫生“7个专项行动”暨农村人居环境整治提升工作领导小组办公室",
            DistributionList = [],
            PrintedBy = "无法拆分的印发说明",
        };
        using var document = Open(bulletin);

        AssertValid(document);
    }

    [Fact]
    public void Render_WeeklyBulletin_HasTheMastheadFirst()
    {
        using var document = Open(BulletinSamples.Weekly());
        var blocks = Blocks(document);

        Assert.Equal((BulletinDocxStyleIds.Title, "工作专报"), (blocks[0].Style, blocks[0].Text));
        Assert.Equal((BulletinDocxStyleIds.IssueNumber, "第12期"), (blocks[1].Style, blocks[1].Text));
        Assert.Equal(BulletinDocxStyleIds.Masthead, blocks[2].Style);
        Assert.Equal("云南省推进爱国卫生“7个专项行动”领导小组办公室2026年11月26日", blocks[2].Text);
        Assert.Equal((BulletinDocxStyleIds.Period, "2026年第48周（11月20日至11月26日）"), (blocks[3].Style, blocks[3].Text));
        Assert.Equal((BulletinDocxStyleIds.SummaryLabel, "主要内容："), (blocks[4].Style, blocks[4].Text));
        Assert.Equal(
            ["▲省政府副秘书长主持召开会议", "▲省直部门稳步推进爱国卫生“7个专项行动”", "▲州市县区推进爱国卫生“7个专项行动”情况"],
            blocks.Skip(5).TakeWhile(block => block.Style == BulletinDocxStyleIds.Headline).Select(block => block.Text));
    }

    [Fact]
    public void Render_Masthead_PutsTheDateAtARightTabAboveARedRule()
    {
        using var document = Open(BulletinSamples.Weekly());

        var masthead = Paragraphs(document).Single(p => StyleOf(p) == BulletinDocxStyleIds.Masthead);
        Assert.Single(masthead.Descendants<TabChar>());
        Assert.Equal(TabStopValues.Right, masthead.ParagraphProperties!.Tabs!.Elements<TabStop>().Single().Val!.Value);
        Assert.Equal("FF0000", masthead.ParagraphProperties.ParagraphBorders!.BottomBorder!.Color!.Value);
    }

    [Fact]
    public void Render_LongOfficeName_PutsTheDateOnItsOwnLine()
    {
        var office = "云南省推进爱国卫生“7个专项行动”暨农村人居环境整治提升工作领导小组办公室";
        using var document = Open(BulletinSamples.Weekly() with { OfficeName = office });

        var masthead = Paragraphs(document).Where(p => StyleOf(p) == BulletinDocxStyleIds.Masthead).ToList();
        Assert.Equal([office, "2026年11月26日"], masthead.Select(p => p.InnerText));
        Assert.Null(masthead[0].ParagraphProperties!.ParagraphBorders);
        Assert.NotNull(masthead[1].ParagraphProperties!.ParagraphBorders);
    }

    [Fact]
    public void Render_WeeklyBulletin_HasSectionHeadingsInOrderThenTheTableThenTheImprint()
    {
        using var document = Open(BulletinSamples.Weekly());
        var blocks = Blocks(document);

        var headings = blocks.Where(block => block.Style == BulletinDocxStyleIds.Heading).Select(block => block.Text).ToList();
        Assert.Equal(SectionHeadings, headings);

        var positions = SectionHeadings.Select(heading => blocks.FindIndex(block => block.Text == heading)).ToList();
        var table = blocks.FindIndex(block => block.Style == "table");
        var distribution = blocks.FindIndex(block => block.Style == BulletinDocxStyleIds.Distribution);
        var imprint = blocks.FindIndex(block => block.Style == BulletinDocxStyleIds.Imprint);
        Assert.Equal(positions.Order(), positions);
        Assert.True(positions[^1] < table && table < distribution && distribution < imprint);
        Assert.Equal(blocks.Count - 1, imprint);
    }

    [Fact]
    public void Render_WeeklyBulletin_NumbersItemsAndNamesTheirUnits()
    {
        using var document = Open(BulletinSamples.Weekly());
        var blocks = Blocks(document);

        var provincial = SectionBlocks(blocks, 1);
        Assert.All(provincial, block => Assert.Equal(BulletinDocxStyleIds.Item, block.Style));
        Assert.Equal(["（一）", "（二）", "（三）", "（四）"], provincial.Select(block => block.Text[..3]));
        Assert.Contains("省爱卫办", provincial[0].Text, StringComparison.Ordinal);
        Assert.StartsWith("（二）省住房城乡建设厅：召开", provincial[1].Text, StringComparison.Ordinal);
        Assert.StartsWith("（三）省市场监管局综合评估", provincial[2].Text, StringComparison.Ordinal);
        Assert.Contains("省水利厅", provincial[3].Text, StringComparison.Ordinal);

        var local = SectionBlocks(blocks, 2);
        Assert.Equal(
            [BulletinDocxStyleIds.Item, BulletinDocxStyleIds.Body, BulletinDocxStyleIds.Item, BulletinDocxStyleIds.Item],
            local.Select(block => block.Style));
        Assert.StartsWith("（一）大理州", local[0].Text, StringComparison.Ordinal);
        Assert.StartsWith("先后印发", local[1].Text, StringComparison.Ordinal);
        Assert.StartsWith("（二）昆明市", local[2].Text, StringComparison.Ordinal);
        Assert.StartsWith("（三）昭通市盐津县：", local[3].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Items_KeepTheMarkerInItsOwnRun()
    {
        using var document = Open(BulletinSamples.Weekly());

        var items = Paragraphs(document).Where(p => StyleOf(p) == BulletinDocxStyleIds.Item).ToList();

        Assert.Equal(7, items.Count);
        Assert.Equal(
            ["（一）", "（二）", "（三）", "（四）", "（一）", "（二）", "（三）"],
            items.Select(p => p.Elements<Run>().First().InnerText));
    }

    [Fact]
    public void Render_WeeklyBulletin_TabulatesSubmissionsInARealTable()
    {
        using var document = Open(BulletinSamples.Weekly());

        var table = Assert.Single(document.MainDocumentPart!.Document!.Body!.Elements<Table>());
        var rows = table.Elements<TableRow>().Select(row => row.Elements<TableCell>().Select(cell => cell.InnerText).ToList()).ToList();

        Assert.Equal(
            [
                ["类别", "数量", "单位"],
                ["按时报送", "5", "省爱卫办、省住房城乡建设厅、省市场监管局、昆明市、大理州"],
                ["迟报", "2", "省水利厅、昭通市"],
                ["未报送", "1", "省教育厅"],
                ["合计", "8", "—"],
            ],
            rows);
        var header = table.Elements<TableRow>().First();
        Assert.NotNull(header.TableRowProperties!.GetFirstChild<TableHeader>());
        Assert.All(header.Descendants<Paragraph>(), p => Assert.Equal(BulletinDocxStyleIds.TableHeader, StyleOf(p)));
        Assert.Equal(3, table.GetFirstChild<TableGrid>()!.Elements<GridColumn>().Count());
    }

    [Fact]
    public void Render_WeeklyBulletin_SummarisesSubmissionsBeforeTheTable()
    {
        using var document = Open(BulletinSamples.Weekly());
        var blocks = Blocks(document);

        Assert.Equal(
            [(BulletinDocxStyleIds.Body, "本期应报送单位8个，按时报送5个，迟报2个，未报送1个。"), ("table", "")],
            SectionBlocks(blocks, 3).Select(block => (block.Style, block.Style == "table" ? "" : block.Text)));
    }

    [Fact]
    public void Render_WeeklyBulletin_EndsWithDistributionAndImprint()
    {
        using var document = Open(BulletinSamples.Weekly());
        var blocks = Blocks(document);

        var footer = blocks.SkipWhile(block => block.Style != BulletinDocxStyleIds.Distribution).ToList();
        Assert.Equal(
            [
                "分送：省委常委，省人民政府领导。",
                "国家卫生健康委办公厅。",
                "省委办公厅、省人大常委会办公厅、省政府办公厅、省政协办公厅，省委督查室、省政府督查室。",
                "云南省推进爱国卫生“7个专项行动”领导小组成员单位，各州、市、县、区推进爱国卫生“7个专项行动”领导小组办公室。",
                "云南省推进爱国卫生“7个专项行动”领导小组办公室 2026年11月26日印发",
            ],
            footer.Select(block => block.Text));
        var imprint = Paragraphs(document).Last();
        Assert.NotNull(imprint.ParagraphProperties!.ParagraphBorders!.TopBorder);
        Assert.NotNull(imprint.ParagraphProperties.ParagraphBorders.BottomBorder);
    }

    [Fact]
    public void Render_ImprintThatFitsOneLine_PutsTheDateAtARightTab()
    {
        using var document = Open(BulletinSamples.Weekly() with { OfficeName = "某某县爱国卫生运动委员会办公室" });

        var imprint = Paragraphs(document).Last();
        Assert.Equal(BulletinDocxStyleIds.Imprint, StyleOf(imprint));
        Assert.Equal("某某县爱国卫生运动委员会办公室2026年11月26日印发", imprint.InnerText);
        Assert.Single(imprint.Descendants<TabChar>());
        Assert.Equal(TabStopValues.Right, imprint.ParagraphProperties!.Tabs!.Elements<TabStop>().Single().Val!.Value);
    }

    [Fact]
    public void Render_EmptyBulletin_KeepsEverySectionWithANoteAndNoTable()
    {
        using var document = Open(BulletinSamples.Empty());
        var blocks = Blocks(document);

        Assert.Equal(SectionHeadings, blocks.Where(block => block.Style == BulletinDocxStyleIds.Heading).Select(block => block.Text));
        for (var i = 0; i < SectionHeadings.Length; i++)
        {
            Assert.Equal([(BulletinDocxStyleIds.Body, "（本期无）")], SectionBlocks(blocks, i).Select(block => (block.Style, block.Text)));
        }

        Assert.Empty(document.MainDocumentPart!.Document!.Body!.Elements<Table>());
        Assert.Equal(
            [(BulletinDocxStyleIds.Headline, "（本期无）")],
            blocks.SkipWhile(block => block.Style != BulletinDocxStyleIds.SummaryLabel).Skip(1).Take(1).Select(block => (block.Style, block.Text)));
        Assert.DoesNotContain(blocks, block => block.Style is BulletinDocxStyleIds.IssueNumber or BulletinDocxStyleIds.Period or BulletinDocxStyleIds.Distribution);
        Assert.Equal("云南省推进爱国卫生“7个专项行动”领导小组办公室 2026年11月26日印发", blocks[^1].Text);
    }

    [Fact]
    public void Render_Styles_UseOfficialDocumentFontsAndSizes()
    {
        using var document = Open(BulletinSamples.Weekly());
        var styles = document.MainDocumentPart!.StyleDefinitionsPart!.Styles!;

        var normal = Style(styles, BulletinDocxStyleIds.Normal);
        Assert.True(normal.Default!.Value);
        Assert.Equal("仿宋_GB2312", normal.StyleRunProperties!.RunFonts!.EastAsia!.Value);
        Assert.Equal("32", normal.StyleRunProperties.FontSize!.Val!.Value);

        var title = Style(styles, BulletinDocxStyleIds.Title);
        Assert.Equal("方正小标宋简体", title.StyleRunProperties!.RunFonts!.EastAsia!.Value);
        Assert.NotNull(title.StyleRunProperties.Bold);
        Assert.True(int.Parse(title.StyleRunProperties.FontSize!.Val!.Value!, System.Globalization.CultureInfo.InvariantCulture) >= 44);
        Assert.Equal(JustificationValues.Center, title.StyleParagraphProperties!.Justification!.Val!.Value);

        var heading = Style(styles, BulletinDocxStyleIds.Heading);
        Assert.Equal("黑体", heading.StyleRunProperties!.RunFonts!.EastAsia!.Value);
        Assert.Equal(0, heading.StyleParagraphProperties!.OutlineLevel!.Val!.Value);

        Assert.Equal(BulletinDocxStyleIds.Body, Style(styles, BulletinDocxStyleIds.Item).BasedOn!.Val!.Value);
        var defaults = styles.DocDefaults!.RunPropertiesDefault!.RunPropertiesBaseStyle!;
        Assert.Equal("zh-CN", defaults.Languages!.EastAsia!.Value);

        var usedStyles = Paragraphs(document).Select(StyleOf).Distinct().ToList();
        Assert.All(usedStyles, id => Assert.NotNull(Style(styles, id!)));
    }

    [Fact]
    public void Render_FontTable_NamesFallbacksForChineseFonts()
    {
        using var document = Open(BulletinSamples.Weekly());

        var fonts = document.MainDocumentPart!.FontTablePart!.Fonts!.Elements<Font>()
            .ToDictionary(font => font.Name!.Value!, font => font.GetFirstChild<AltName>()?.Val?.Value);

        Assert.Equal("宋体", fonts["方正小标宋简体"]);
        Assert.Equal("仿宋", fonts["仿宋_GB2312"]);
        Assert.Equal("楷体", fonts["楷体_GB2312"]);
        Assert.True(fonts.ContainsKey("黑体"));
    }

    [Fact]
    public void Render_Page_IsA4WithOfficialMarginsAndAPageNumber()
    {
        using var document = Open(BulletinSamples.Weekly());
        var section = document.MainDocumentPart!.Document!.Body!.GetFirstChild<SectionProperties>()!;

        var size = section.GetFirstChild<PageSize>()!;
        Assert.Equal((11906U, 16838U), (size.Width!.Value, size.Height!.Value));
        var margin = section.GetFirstChild<PageMargin>()!;
        Assert.Equal((2098, 1984, 1588U, 1474U), (margin.Top!.Value, margin.Bottom!.Value, margin.Left!.Value, margin.Right!.Value));

        // GB/T 9704 7.5: odd pages number on the right, even pages on the left, each one character in.
        Assert.NotNull(document.MainDocumentPart.DocumentSettingsPart!.Settings!.GetFirstChild<EvenAndOddHeaders>());
        var sides = section.Elements<FooterReference>().ToDictionary(
            r => r.Type!.Value,
            r => (FooterPart)document.MainDocumentPart.GetPartById(r.Id!.Value!));
        foreach (var (type, side) in new[] { (HeaderFooterValues.Default, JustificationValues.Right), (HeaderFooterValues.Even, JustificationValues.Left) })
        {
            var footer = sides[type].Footer!;
            Assert.Contains("PAGE", footer.Descendants<SimpleField>().Single().Instruction!.Value, StringComparison.Ordinal);
            Assert.Equal(side, footer.Descendants<Justification>().Single().Val!.Value);
        }

        Assert.Equal("工作专报（第12期）", document.PackageProperties.Title);
    }

    [Fact]
    public void Render_ToStream_WritesAtThePositionAndLeavesTheStreamOpen()
    {
        using var output = new MemoryStream();
        output.Write([1, 2, 3]);

        BulletinDocxRenderer.Render(BulletinSamples.Weekly(), output);

        Assert.True(output.CanWrite);
        Assert.Equal([1, 2, 3], output.ToArray()[..3]);
        using var document = WordprocessingDocument.Open(new MemoryStream(output.ToArray()[3..]), false);
        Assert.Equal(SectionHeadings, Blocks(document).Where(block => block.Style == BulletinDocxStyleIds.Heading).Select(block => block.Text));
    }

    [Fact]
    public async Task RenderAsync_ToAWriteOnlyStream_WritesAnOpenableDocument()
    {
        using var sink = new MemoryStream();
        await using (var writeOnly = new WriteOnlyStream(sink))
        {
            await BulletinDocxRenderer.RenderAsync(BulletinSamples.Weekly(), writeOnly, TestContext.Current.CancellationToken);
        }

        using var document = WordprocessingDocument.Open(new MemoryStream(sink.ToArray()), false);
        AssertValid(document);
    }

    [Fact]
    public void Render_ReadOnlyStream_Throws()
    {
        using var readOnly = new MemoryStream([], writable: false);

        Assert.Throws<ArgumentException>(() => BulletinDocxRenderer.Render(BulletinSamples.Weekly(), readOnly));
    }

    [Fact]
    public void Render_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => BulletinDocxRenderer.Render(null!, new MemoryStream()));
        Assert.Throws<ArgumentNullException>(() => BulletinDocxRenderer.Render(BulletinSamples.Weekly(), null!));
    }

    private static WordprocessingDocument Open(Bulletin bulletin)
    {
        var stream = new MemoryStream();
        BulletinDocxRenderer.Render(bulletin, stream);
        stream.Position = 0;
        return WordprocessingDocument.Open(stream, false);
    }

    private static void AssertValid(WordprocessingDocument document)
    {
        var errors = new OpenXmlValidator().Validate(document)
            .Select(error => $"{error.Part?.Uri} {error.Path?.XPath}: {error.Description}")
            .ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    /// <summary>The body in order: each paragraph as (style id, text), each table as ("table", its text).</summary>
    private static List<(string? Style, string Text)> Blocks(WordprocessingDocument document) =>
        document.MainDocumentPart!.Document!.Body!.ChildElements
            .Select(element => element switch
            {
                Paragraph paragraph => (StyleOf(paragraph), paragraph.InnerText),
                Table table => ("table", table.InnerText),
                _ => ((string?)null, string.Empty),
            })
            .Where(block => block.Item1 is not null)
            .ToList();

    /// <summary>Blocks after the heading of section <paramref name="index"/> (0 = 一) up to the next heading or the 分送 block.</summary>
    private static List<(string? Style, string Text)> SectionBlocks(List<(string? Style, string Text)> blocks, int index)
    {
        var start = blocks.FindIndex(block => block.Style == BulletinDocxStyleIds.Heading && block.Text == SectionHeadings[index]);
        Assert.True(start >= 0, $"missing {SectionHeadings[index]}");
        return blocks.Skip(start + 1)
            .TakeWhile(block => block.Style is not (BulletinDocxStyleIds.Heading or BulletinDocxStyleIds.Distribution or BulletinDocxStyleIds.Imprint))
            .ToList();
    }

    private static IEnumerable<Paragraph> Paragraphs(WordprocessingDocument document) =>
        document.MainDocumentPart!.Document!.Body!.Elements<Paragraph>();

    private static string? StyleOf(Paragraph paragraph) => paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value;

    private static Style Style(Styles styles, string id) =>
        styles.Elements<Style>().Single(style => style.StyleId?.Value == id);

    /// <summary>A stream like an HTTP response body: write-only, not seekable.</summary>
    private sealed class WriteOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
