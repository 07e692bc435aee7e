using ChatOps.Core.Bulletins;

namespace ChatOps.Core.Tests.Bulletins;

public sealed class BulletinMarkdownRendererTests
{
    private static readonly string[] SectionHeadings =
    [
        "## 一、行动要情",
        "## 二、省直部门推进情况",
        "## 三、州市县区推进情况",
        "## 四、报送情况",
    ];

    [Fact]
    public void Render_WeeklyBulletin_StartsWithTheMastheadLines()
    {
        var lines = Lines(BulletinMarkdownRenderer.Render(BulletinSamples.Weekly()));

        Assert.Equal(
            [
                "# 工作专报",
                "第12期",
                "云南省推进爱国卫生“7个专项行动”领导小组办公室 2026年11月26日",
                "2026年第48周（11月20日至11月26日）",
                "**主要内容：**",
            ],
            lines.Take(5));
    }

    [Fact]
    public void Render_WeeklyBulletin_PutsSectionsInFixedOrderBeforeTheFooter()
    {
        var lines = Lines(BulletinMarkdownRenderer.Render(BulletinSamples.Weekly()));

        var headings = lines.Where(line => line.StartsWith("## ", StringComparison.Ordinal)).ToList();
        Assert.Equal(SectionHeadings, headings);
        var positions = SectionHeadings.Select(heading => lines.IndexOf(heading)).ToList();
        Assert.Equal(positions.Order(), positions);
        Assert.True(lines.IndexOf("**主要内容：**") < positions[0]);
        Assert.True(lines.IndexOf("---") > positions[^1]);
    }

    [Fact]
    public void Render_WeeklyBulletin_GeneratesThreeHeadlinesFromTheSections()
    {
        var lines = Lines(BulletinMarkdownRenderer.Render(BulletinSamples.Weekly()));

        var headlines = lines.Where(line => line.StartsWith('▲')).ToList();
        Assert.Equal(
            [
                "▲省政府副秘书长主持召开会议",
                "▲省直部门稳步推进爱国卫生“7个专项行动”",
                "▲州市县区推进爱国卫生“7个专项行动”情况",
            ],
            headlines);
        Assert.True(lines.IndexOf(headlines[^1]) < lines.IndexOf(SectionHeadings[0]));
    }

    [Fact]
    public void Render_GivenHeadlines_PrintsThemOnceMarked()
    {
        var bulletin = BulletinSamples.Weekly() with
        {
            Headlines = ["彭耀民主持召开专题会议研究爱国卫生“7个专项行动”相关工作", "▲省直部门稳步推进", "  "],
        };

        var headlines = Lines(BulletinMarkdownRenderer.Render(bulletin)).Where(line => line.StartsWith('▲')).ToList();

        Assert.Equal(["▲彭耀民主持召开专题会议研究爱国卫生“7个专项行动”相关工作", "▲省直部门稳步推进"], headlines);
    }

    [Fact]
    public void Render_ShortKeyEvent_BecomesTheHeadlineWithoutItsDate()
    {
        var bulletin = BulletinSamples.Weekly() with { KeyEvents = ["11月24日，省爱卫会召开全体会议。会议听取了各组汇报。"] };

        var lines = Lines(BulletinMarkdownRenderer.Render(bulletin));

        Assert.Contains("▲省爱卫会召开全体会议", lines);
    }

    [Fact]
    public void Render_KeyEventStartingWithItsPurpose_FallsBackToTheTopic()
    {
        var bulletin = BulletinSamples.Weekly() with
        {
            KeyEvents = ["为深入贯彻落实全省爱国卫生工作会议精神，省爱卫办组织各州市召开视频调度会议，逐项分析问题清单整改进度并安排部署下一阶段工作。"],
        };

        var lines = Lines(BulletinMarkdownRenderer.Render(bulletin));

        Assert.Contains("▲爱国卫生“7个专项行动”重要工作动态", lines);
    }

    [Fact]
    public void Render_WeeklyBulletin_NumbersProvincialItemsAndNamesEveryUnit()
    {
        var section = Section(BulletinMarkdownRenderer.Render(BulletinSamples.Weekly()), 1);

        Assert.Equal(
            [
                "（一）11月18日至20日，省爱卫办在石林县组织开展国家卫生县城（城市）省级暗访评估专家现场培训，为下一步全省暗访评估工作打下了坚实的技术基础。",
                "（二）省住房城乡建设厅：召开城镇生活垃圾处理监管及设施无害化等级评价专题培训，持续推动垃圾处理设施无害化评价工作。",
                "（三）省市场监管局综合评估“净餐馆”专项行动“红黑榜”和第三方暗访情况，形成末位州市和县市区名单，以函的形式通报各州市人民政府。",
                "（四）近期，省水利厅制定印发《进一步做好农村供水保障工作行动方案》，进一步巩固拓展农村饮水安全。",
            ],
            section);
    }

    [Fact]
    public void Render_WeeklyBulletin_NumbersLocalItemsAfreshAndKeepsExtraParagraphsUnnumbered()
    {
        var section = Section(BulletinMarkdownRenderer.Render(BulletinSamples.Weekly()), 2);

        Assert.Equal(4, section.Count);
        Assert.StartsWith("（一）大理州委州政府", section[0], StringComparison.Ordinal);
        Assert.StartsWith("先后印发", section[1], StringComparison.Ordinal);
        Assert.StartsWith("（二）昆明市城市管理局", section[2], StringComparison.Ordinal);
        Assert.StartsWith("（三）昭通市盐津县：组建爱卫创卫攻坚铁军", section[3], StringComparison.Ordinal);
    }

    [Fact]
    public void Render_KeyEvents_AreUnnumberedParagraphs()
    {
        var section = Section(BulletinMarkdownRenderer.Render(BulletinSamples.Weekly()), 0);

        Assert.Equal([BulletinSamples.Weekly().KeyEvents[0]], section);
    }

    [Fact]
    public void Render_WeeklyBulletin_TabulatesSubmissionsWithCountsAndUnits()
    {
        var section = Section(BulletinMarkdownRenderer.Render(BulletinSamples.Weekly()), 3);

        Assert.Equal(
            [
                "本期应报送单位8个，按时报送5个，迟报2个，未报送1个。",
                "| 类别 | 数量 | 单位 |",
                "| --- | ---: | --- |",
                "| 按时报送 | 5 | 省爱卫办、省住房城乡建设厅、省市场监管局、昆明市、大理州 |",
                "| 迟报 | 2 | 省水利厅、昭通市 |",
                "| 未报送 | 1 | 省教育厅 |",
                "| 合计 | 8 | — |",
            ],
            section);
    }

    [Fact]
    public void Render_NobodyLate_SaysSoInTheTable()
    {
        var bulletin = BulletinSamples.Weekly() with { Statistics = new BulletinStatistics { OnTime = ["省爱卫办"] } };

        var section = Section(BulletinMarkdownRenderer.Render(bulletin), 3);

        Assert.Contains("| 迟报 | 0 | 无 |", section);
        Assert.Contains("| 未报送 | 0 | 无 |", section);
        Assert.Contains("| 合计 | 1 | — |", section);
    }

    [Fact]
    public void Render_WeeklyBulletin_EndsWithDistributionAndImprintBetweenRules()
    {
        var lines = Lines(BulletinMarkdownRenderer.Render(BulletinSamples.Weekly()));

        var footer = lines.Skip(lines.IndexOf("---")).ToList();
        Assert.Equal(
            [
                "---",
                "分送：省委常委，省人民政府领导。",
                "国家卫生健康委办公厅。",
                "省委办公厅、省人大常委会办公厅、省政府办公厅、省政协办公厅，省委督查室、省政府督查室。",
                "云南省推进爱国卫生“7个专项行动”领导小组成员单位，各州、市、县、区推进爱国卫生“7个专项行动”领导小组办公室。",
                "---",
                "云南省推进爱国卫生“7个专项行动”领导小组办公室 2026年11月26日印发",
            ],
            footer);
    }

    [Fact]
    public void Render_GivenImprintAndPrefixedDistribution_UsesThemAsWritten()
    {
        var bulletin = BulletinSamples.Weekly() with
        {
            DistributionList = ["分送：省委常委。"],
            PrintedBy = "省爱卫办秘书科 2026年11月27日印发",
        };

        var lines = Lines(BulletinMarkdownRenderer.Render(bulletin));

        Assert.Equal(["---", "分送：省委常委。", "---", "省爱卫办秘书科 2026年11月27日印发"], lines.Skip(lines.IndexOf("---")));
    }

    [Fact]
    public void Render_EmptyBulletin_KeepsEverySectionWithANote()
    {
        var markdown = BulletinMarkdownRenderer.Render(BulletinSamples.Empty());
        var lines = Lines(markdown);

        Assert.Equal(SectionHeadings, lines.Where(line => line.StartsWith("## ", StringComparison.Ordinal)));
        for (var i = 0; i < SectionHeadings.Length; i++)
        {
            Assert.Equal(["（本期无）"], Section(markdown, i));
        }

        Assert.Equal("（本期无）", lines[lines.IndexOf("**主要内容：**") + 1]);
        Assert.DoesNotContain(lines, line => line.StartsWith('|') || line.StartsWith('▲'));
        Assert.Equal(["---", "云南省推进爱国卫生“7个专项行动”领导小组办公室 2026年11月26日印发"], lines.Skip(lines.IndexOf("---")));
    }

    [Fact]
    public void Render_EmptyBulletin_OmitsIssueNumberAndPeriod()
    {
        var lines = Lines(BulletinMarkdownRenderer.Render(BulletinSamples.Empty()));

        Assert.Equal(["# 工作专报", "云南省推进爱国卫生“7个专项行动”领导小组办公室 2026年11月26日", "**主要内容：**"], lines.Take(3));
    }

    [Fact]
    public void Render_ManyItems_NumbersPastTenInChinese()
    {
        var items = Enumerable.Range(1, 12).Select(i => new BulletinItem($"第{i}县", $"第{i}县开展整治。")).ToList();
        var bulletin = BulletinSamples.Empty() with { LocalItems = items };

        var section = Section(BulletinMarkdownRenderer.Render(bulletin), 2);

        Assert.Equal(12, section.Count);
        Assert.Equal("（十）第10县开展整治。", section[9]);
        Assert.Equal("（十一）第11县开展整治。", section[10]);
        Assert.Equal("（十二）第12县开展整治。", section[11]);
    }

    [Fact]
    public void Render_ItemsWithOwnNumbersOrNoText_AreRenumberedContiguously()
    {
        var bulletin = BulletinSamples.Empty() with
        {
            ProvincialItems =
            [
                new("省财政厅", "（三）省财政厅下达专项资金2000万元。"),
                new("省教育厅", "   "),
                new("省交通运输厅", "(5)开展公路沿线环境整治。\n共清理垃圾1200吨。"),
            ],
        };

        var section = Section(BulletinMarkdownRenderer.Render(bulletin), 1);

        Assert.Equal(
            ["（一）省财政厅下达专项资金2000万元。", "（二）省交通运输厅：开展公路沿线环境整治。", "共清理垃圾1200吨。"],
            section);
    }

    [Fact]
    public void Render_TextThatLooksLikeMarkdown_IsEscaped()
    {
        var bulletin = BulletinSamples.Empty() with
        {
            KeyEvents = ["1. 召开会议", "# 不是标题", "A*B_C"],
            Statistics = new BulletinStatistics { OnTime = ["甲|乙"] },
        };

        var markdown = BulletinMarkdownRenderer.Render(bulletin);

        Assert.Equal(["1\\. 召开会议", "\\# 不是标题", "A\\*B\\_C"], Section(markdown, 0));
        Assert.Contains("| 按时报送 | 1 | 甲\\|乙 |", Lines(markdown));
    }

    [Fact]
    public void Render_UsesLineFeedsOnlyAndEndsWithOne()
    {
        var markdown = BulletinMarkdownRenderer.Render(BulletinSamples.Weekly());

        Assert.DoesNotContain('\r', markdown);
        Assert.EndsWith("印发\n", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_BlankOfficeName_Throws()
    {
        Assert.Throws<ArgumentException>(() => BulletinMarkdownRenderer.Render(BulletinSamples.Empty() with { OfficeName = " " }));
    }

    [Fact]
    public void Render_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => BulletinMarkdownRenderer.Render(null!));
    }

    private static List<string> Lines(string markdown) =>
        markdown.Split('\n').Where(line => line.Length > 0).ToList();

    /// <summary>Non-empty lines between the heading of section <paramref name="index"/> (0 = 一) and the next heading or rule.</summary>
    private static List<string> Section(string markdown, int index)
    {
        var lines = Lines(markdown);
        var start = lines.IndexOf(SectionHeadings[index]);
        Assert.True(start >= 0, $"missing {SectionHeadings[index]}");
        return lines.Skip(start + 1).TakeWhile(line => !line.StartsWith("## ", StringComparison.Ordinal) && line != "---").ToList();
    }
}
