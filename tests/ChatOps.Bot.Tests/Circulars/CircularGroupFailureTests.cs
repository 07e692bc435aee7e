using ChatOps.Core.Circulars;
using ChatOps.Core.Conversations;

namespace ChatOps.Bot.Tests.Circulars;

/// <summary>
/// A circular whose group message failed: members' 收到 cards carry the document itself and never claim the group
/// delivery, and the office is told at once which group failed and why.
/// </summary>
public sealed class CircularGroupFailureTests
{
    /// <summary>Wednesday 2026-11-25 10:30 in Kunming.</summary>
    private static readonly DateTimeOffset Wednesday = new(2026, 11, 25, 10, 30, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task GroupDeliveryFails_CardsCarryTheText_NeverClaimTheGroup_OfficeToldAtOnce()
    {
        await using var chat = await CircularChat.StartAsync(Wednesday);
        chat.WeCom.Script = item => item.GroupCode == "lly-group" ? new SendResult.Failed("appchat/send errcode 86003: chatid not found") : null;
        var circular = await chat.IssueAsync(new CircularDraft(
            "通知", "关于开展农贸市场环境卫生整治的通知", "请各单位于12月10日前完成辖区农贸市场环境卫生整治，并报送整治情况。", [new(TargetKind.Group, "lly-group")]));
        await chat.NewMessagesAsync("office.clerk1");

        await chat.DispatchAsync();

        (await chat.NewMessagesAsync("fgw.lly"))
            .Shows("通知：请确认收到", circular.Number, "《关于开展农贸市场环境卫生整治的通知》", "请各单位于12月10日前完成辖区农贸市场环境卫生整治，并报送整治情况。")
            .DoesNotShow("已发至");
        (await chat.NewMessagesAsync("office.clerk1"))
            .Shows("【发送失败】", "《关于开展农贸市场环境卫生整治的通知》", "未能发送到“", "appchat/send errcode 86003: chatid not found", $"重发 #{circular.Id}");

        // Reminders do not claim the failed group either.
        var scheduler = chat.Services.GetServiceOrThrow<CircularScheduler>();
        Assert.True(await scheduler.RunDueAsync(Wednesday.AddHours(2), TestContext.Current.CancellationToken) > 0);
        (await chat.NewMessagesAsync("fgw.lly")).Shows("尚未确认收到").DoesNotShow("已发至");
    }
}
