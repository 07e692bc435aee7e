using ChatOps.Core.Bulletins;

namespace ChatOps.Core.Tests.Bulletins;

public sealed class BulletinLayoutTests
{
    [Theory]
    [InlineData("省水利厅", "省水利厅制定印发方案。", "省水利厅制定印发方案。")]
    [InlineData("省水利厅", "制定印发方案。", "省水利厅：制定印发方案。")]
    [InlineData("省住房城乡建设厅", "7月16日，省住房城乡建设厅召开专题培训。", "7月16日，省住房城乡建设厅召开专题培训。")]
    [InlineData("省爱卫办", "7月18至20日，省爱卫办在石林县组织培训。", "7月18至20日，省爱卫办在石林县组织培训。")]
    [InlineData("省机关事务局", "7月14日至15日，省机关事务局组织督查组。", "7月14日至15日，省机关事务局组织督查组。")]
    [InlineData("省水利厅", "近期，省水利厅制定印发方案。", "近期，省水利厅制定印发方案。")]
    [InlineData("省水利厅", "7月16日，召开专题会议。", "省水利厅：7月16日，召开专题会议。")]
    [InlineData("省水利厅", "会同省财政厅，省水利厅下达资金。", "省水利厅：会同省财政厅，省水利厅下达资金。")]
    [InlineData("大理州", "针对内参反映的问题，大理州立即整改。", "大理州：针对内参反映的问题，大理州立即整改。")]
    [InlineData("", "开展整治。", "开展整治。")]
    public void NameUnit_PrefixesOnlyTextThatDoesNotOpenWithTheUnit(string unit, string text, string expected)
    {
        Assert.Equal(expected, BulletinLayout.NameUnit(unit, text));
    }

    [Fact]
    public void From_OfficeNameWithoutCampaign_UsesNeutralHeadlines()
    {
        var bulletin = BulletinSamples.Weekly() with { OfficeName = "某某市爱国卫生运动委员会办公室", KeyEvents = [] };

        var layout = BulletinLayout.From(bulletin);

        Assert.Equal(["省直部门稳步推进各项工作", "州市县区工作推进情况"], layout.Headlines);
    }

    [Fact]
    public void From_ExplicitTopic_WinsOverTheOfficeName()
    {
        var bulletin = BulletinSamples.Weekly() with { Topic = "农村人居环境整治提升", KeyEvents = [] };

        var layout = BulletinLayout.From(bulletin);

        Assert.Equal(["省直部门稳步推进农村人居环境整治提升", "州市县区推进农村人居环境整治提升情况"], layout.Headlines);
    }

    [Fact]
    public void From_ControlCharactersAndTabs_AreRemovedSoXmlAcceptsTheText()
    {
        var bulletin = BulletinSamples.Empty() with { KeyEvents = ["第一段\u0001\t内容\uD800。"] };

        var layout = BulletinLayout.From(bulletin);

        Assert.Equal("第一段 内容。", layout.Sections[0].Paragraphs.Single().Text);
    }

    [Fact]
    public void From_NullListsFromLooseCallers_AreTreatedAsEmpty()
    {
        var bulletin = BulletinSamples.Empty() with
        {
            KeyEvents = null!,
            ProvincialItems = null!,
            Statistics = null!,
            DistributionList = null!,
            Headlines = null!,
        };

        var layout = BulletinLayout.From(bulletin);

        Assert.All(layout.Sections, section => Assert.Empty(section.Paragraphs));
        Assert.Empty(layout.Statistics!.Rows);
    }
}
