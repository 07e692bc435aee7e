using System.Net;
using ChatOps.Core.Conversations;

namespace ChatOps.Bot.Tests.BotFramework;

/// <summary>An Action.Submit from a card that a newer card superseded changes nothing; the current card still works.</summary>
public sealed class BotFrameworkStaleCardTests
{
    [Fact]
    public async Task SupersededCard_Submit_ChangesNothing_GreysItAsExpired_TheNewCardAnswers()
    {
        await using var bf = await BotFrameworkHarness.StartAsync();
        var connector = bf.Connector;
        var before = connector.Calls.Count;
        Assert.Equal(HttpStatusCode.OK, (await bf.PostAsync(Activities.Message(bf.ServiceUrl, "填报"))).StatusCode);
        var opened = await connector.WaitForAsync(
            c => c.Accepted && (c.Text.Contains("请选择要填报的报告", StringComparison.Ordinal) || c.Text.Contains("（1/5）", StringComparison.Ordinal)), before);
        if (!opened.Text.Contains("（1/5）", StringComparison.Ordinal))
        {
            var thisWeek = opened.CardChoices.First(c => c.Title.Contains("周报", StringComparison.Ordinal) && !c.Title.StartsWith("补报", StringComparison.Ordinal));
            await bf.PressAsync(opened, thisWeek.Title, "（1/5）本周工作进展");
        }

        var first = await bf.SayAsync("1. 召开专题会议研究部署爱国卫生专项行动", "已记录第1条");
        var second = await bf.SayAsync("2. 开展农贸市场环境卫生督查", "已记录第2条");
        Assert.NotEqual(first.CardSubmits.Single().Data["card"]!.GetValue<string>(), second.CardSubmits.Single().Data["card"]!.GetValue<string>());

        await bf.PressAsync(first, "完成", ConversationText.StaleCard);
        var greyed = await connector.WaitForAsync(c => c.Kind == "update" && c.ActivityId == first.AssignedId);
        Assert.Contains("已失效", greyed.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("已选择", greyed.Text, StringComparison.Ordinal);

        await bf.PressAsync(second, "完成", "（2/5）存在问题");
        Assert.Equal(0, await bf.CountAsync("inbox", "error IS NOT NULL"));
    }
}
