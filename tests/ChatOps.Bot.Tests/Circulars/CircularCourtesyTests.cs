using System.Reflection;
using ChatOps.Core.Circulars;
using ChatOps.Core.Conversations;

namespace ChatOps.Bot.Tests.Circulars;

/// <summary>
/// Issue 15, circulars, as conversations: the compose dialog speaks plain language and keeps pasted paragraphs; after
/// 收到 (or on a card already answered) courtesies get a short polite answer rather than the fallback.
/// </summary>
public sealed class CircularCourtesyTests : IAsyncLifetime
{
    /// <summary>Wednesday 2026-11-25 10:30 in Kunming.</summary>
    private static readonly DateTimeOffset Wednesday = new(2026, 11, 25, 10, 30, 0, TimeSpan.FromHours(8));

    private CircularChat _chat = null!;

    public async ValueTask InitializeAsync() => _chat = await CircularChat.StartAsync(Wednesday);

    public async ValueTask DisposeAsync() => await _chat.DisposeAsync();

    [Fact]
    public async Task ComposeDialog_AsksForPlainText_AndPastedParagraphsAndMarksReachTheReaderAsTyped()
    {
        const string clerk = "office.clerk1";
        await _chat.SaysAsync(clerk, "通报");
        (await _chat.PressesAsync(clerk, "2")).Shows("请输入通知的标题");
        (await _chat.SaysAsync(clerk, "关于报送第四季度工作总结的通知")).Shows("请发送正文，直接输入或粘贴即可，分段会原样保留").DoesNotShow("Markdown");

        // Pasted from a Word document: one line per paragraph, full-width indents, a numbered line and marks.
        const string pasted = "各成员单位：\n\u3000\u3000现将有关事项通知如下。\r\n\u3000\u3000一、请于12月5日前报送。\n1. 报送*电子版*\n- 联系人：张三";
        (await _chat.SaysAsync(clerk, pasted)).Shows("请选择发送对象");
        await _chat.PressesAsync(clerk, "成员单位");
        (await _chat.SaysAsync(clerk, "大理州")).Shows("已添加：大理州（发送给联络员）");
        (await _chat.PressesAsync(clerk, "下一步")).Shows("建议文号：云爱卫专项办发〔2026〕1号");
        var summary = await _chat.PressesAsync(clerk, "确定");
        summary.Offers("印发", "修改", "取消");
        Assert.Contains("现将有关事项通知如下。\n\n一、请于12月5日前报送。", summary.Items[0].Message.Text, StringComparison.Ordinal);
        (await _chat.PressesAsync(clerk, "印发")).Shows("已印发《关于报送第四季度工作总结的通知》（云爱卫专项办发〔2026〕1号）");

        var document = (await _chat.NewMessagesAsync("532900.lly")).Items[0].Message;
        Assert.Equal(OutboundKind.Markdown, document.Kind);
        Assert.Contains(
            "各成员单位：\n\n现将有关事项通知如下。\n\n一、请于12月5日前报送。\n\n1\\. 报送\\*电子版\\*\n\n\\- 联系人：张三",
            document.Text, StringComparison.Ordinal);
        Assert.Equal(
            "各成员单位：\n现将有关事项通知如下。\n一、请于12月5日前报送。\n1. 报送*电子版*\n- 联系人：张三",
            MarkdownText.Unescape(CircularText.Paragraphs(pasted)).Replace("\n\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AfterAcknowledging_ThanksRepeatedAcknowledgementsAndClicks_GetAShortPoliteAnswer()
    {
        var first = await _chat.IssueAsync(new CircularDraft("通知", "关于报送材料的通知", "请于周五前报送。", [new(TargetKind.Unit, "532900")]));
        const string liaison = "532900.lly";

        (await _chat.SaysAsync(liaison, "收到")).Shows("已确认收到《关于报送材料的通知》（云爱卫专项办发〔2026〕1号）。");
        (await _chat.SaysAsync(liaison, "收到，谢谢！")).Shows("您已确认收到《关于报送材料的通知》（云爱卫专项办发〔2026〕1号），无需再次回复。")
            .DoesNotShow("未能识别");
        (await _chat.SaysAsync(liaison, "好的，谢谢")).Shows("不客气。").DoesNotShow("未能识别");
        (await _chat.SaysAsync(liaison, "谢谢办公室")).Shows("不客气。");
        (await _chat.PressesAsync(liaison, $"收到 #{first.Id}")).Shows("无需重复确认").DoesNotShow("未能识别"); // the card answered before

        // A new circular: "收到，谢谢" is an acknowledgement first.
        _chat.Clock.Advance(TimeSpan.FromMinutes(5));
        await _chat.IssueAsync(new CircularDraft("通知", "关于召开推进会的通知", "定于下周一召开。", [new(TargetKind.Unit, "532900")]));
        (await _chat.SaysAsync(liaison, "收到，谢谢")).Shows("已确认收到《关于召开推进会的通知》（云爱卫专项办发〔2026〕2号）。");
        Assert.Empty((await _chat.StandingAsync(first.Id + 1)).Units.SelectMany(u => u.Missing));

        // Someone who never had a circular: the words are left to the other features (no courtesy about circulars).
        (await _chat.SaysAsync("fgw.lly", "谢谢")).DoesNotShow("不客气").DoesNotShow("确认收到");
    }

    [Fact]
    public void Courtesies_AreReadWithoutSpacesAndPunctuation_AndNothingElseIsTakenForOne()
    {
        Assert.Equal((true, false), CircularFeature.ReadCourtesy("已收到。"));
        Assert.Equal((true, true), CircularFeature.ReadCourtesy("收到，谢谢！"));
        Assert.Equal((true, true), CircularFeature.ReadCourtesy("好的，收到 谢谢"));
        Assert.Equal((false, true), CircularFeature.ReadCourtesy("好的，谢谢"));
        Assert.Equal((false, true), CircularFeature.ReadCourtesy("Thanks!"));
        Assert.Equal((false, false), CircularFeature.ReadCourtesy("填报"));
        Assert.Equal((false, false), CircularFeature.ReadCourtesy("谢谢你们的通知，但我有个问题"));
        Assert.Equal((false, false), CircularFeature.ReadCourtesy("收到通知了吗"));
    }

    [Fact]
    public void CircularTexts_ReadAsOfficeWording_NoExclamationNoMarkupJargonNoMachineFallback()
    {
        var constants = typeof(CircularText).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();
        Assert.True(constants.Count > 40);
        Assert.All(constants, t => Assert.DoesNotContain("！", t, StringComparison.Ordinal));
        Assert.All(constants, t => Assert.DoesNotContain("Markdown", t, StringComparison.OrdinalIgnoreCase));
        Assert.All(constants, t => Assert.DoesNotContain("没有理解您的意思", t, StringComparison.Ordinal));
        Assert.DoesNotContain("Markdown", CircularText.AskBody(), StringComparison.Ordinal);
    }
}
