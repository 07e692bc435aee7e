using ChatOps.Core.Conversations;

namespace ChatOps.Bot.Tests.WeCom;

/// <summary>
/// A click on a card that no longer asks the current step (answered by typing, superseded, or not ours) changes
/// nothing: the engine refuses it, the card is greyed out as expired and the person is told to use the latest message.
/// </summary>
public sealed class WeComStaleCardTests
{
    private const string Liaison = "fgw.lly";

    [Fact]
    public async Task CardAnsweredByTyping_ThenClicked_ChangesNothing_GreysTheCardAsExpired()
    {
        await using var bot = await WeComBot.StartAsync();
        var doneCard = await OpenProgressStepAsync(bot);

        // The step is answered by typing the button's word; the card stays in the chat with its button.
        var mark = bot.Mark(Liaison);
        await bot.SaysAsync(Liaison, "完成");
        await bot.NextAsync(Liaison, mark, "（2/5）存在问题");

        mark = bot.Mark(Liaison);
        var click = await bot.PressesAsync(Liaison, doneCard, "完成");
        await bot.NextAsync(Liaison, mark, ConversationText.StaleCard);
        await WeComBot.WaitUntilAsync(
            () => Task.FromResult(bot.WeCom.CardUpdates.Any(u => u.ResponseCode == click.ResponseCode)), () => "the card was not greyed out");
        Assert.Equal("已失效", Assert.Single(bot.WeCom.CardUpdates, u => u.ResponseCode == click.ResponseCode).ReplaceName);

        // A click on a card that is not ours at all is refused the same way.
        mark = bot.Mark(Liaison);
        await bot.WeCom.SendCardClickAsync(bot.CallbackUrl, bot.Crypto, Liaison, "foreign-task-7", "完成", cancellationToken: TestContext.Current.CancellationToken);
        await bot.NextAsync(Liaison, mark, ConversationText.StaleCard);

        // 存在问题 is still the question: neither click answered it.
        mark = bot.Mark(Liaison);
        await bot.SaysAsync(Liaison, "个别县区整改进度偏慢");
        await bot.NextAsync(Liaison, mark, "（3/5）下周工作计划");
        await bot.WaitForIdleAsync();
        Assert.DoesNotContain(bot.Received(Liaison), d => WeComBot.Show(d).Contains("（4/5）", StringComparison.Ordinal));
        var answers = await bot.ScalarAsync<string>("SELECT answers FROM reports WHERE unit_code = 'fgw' ORDER BY id DESC LIMIT 1");
        Assert.DoesNotContain("\"完成\"", answers, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CurrentCard_StillAnswersItsStep()
    {
        await using var bot = await WeComBot.StartAsync();
        var doneCard = await OpenProgressStepAsync(bot);
        Assert.Matches("^co[0-9]+-[0-9]+-s[0-9a-f]{32}$", doneCard.Payload!["task_id"]!.GetValue<string>());

        var mark = bot.Mark(Liaison);
        var click = await bot.PressesAsync(Liaison, doneCard, "完成");

        await bot.NextAsync(Liaison, mark, "（2/5）存在问题");
        await WeComBot.WaitUntilAsync(
            () => Task.FromResult(bot.WeCom.CardUpdates.Any(u => u.ResponseCode == click.ResponseCode)), () => "the card was not greyed out");
        Assert.Equal("已选择：完成", Assert.Single(bot.WeCom.CardUpdates).ReplaceName);
    }

    /// <summary>填报 up to the card "已记录2条 [完成]" of the first step.</summary>
    private static async Task<FakeWeComDelivery> OpenProgressStepAsync(WeComBot bot)
    {
        var mark = bot.Mark(Liaison);
        await bot.SaysAsync(Liaison, "填报");
        var first = await bot.NextAsync(Liaison, mark, "");
        if (WeComBot.Show(first).Contains("请选择要填报的报告", StringComparison.Ordinal))
        {
            mark = bot.Mark(Liaison);
            await bot.SaysAsync(Liaison, "1");
        }

        await bot.NextAsync(Liaison, mark, "（1/5）本周工作进展");
        mark = bot.Mark(Liaison);
        await bot.SaysAsync(Liaison, "1. 召开专题会议研究部署爱国卫生专项行动\n2. 开展农贸市场环境卫生督查");
        return await bot.NextAsync(Liaison, mark, "已记录2条", "[完成]");
    }
}
