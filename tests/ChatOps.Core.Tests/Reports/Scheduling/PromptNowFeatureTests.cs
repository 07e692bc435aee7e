using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;
using ChatOps.Core.Reports.Scheduling;
using static ChatOps.Core.Tests.Reports.Scheduling.SchedulingHarness;

namespace ChatOps.Core.Tests.Reports.Scheduling;

public class PromptNowFeatureTests
{
    private static async Task<(bool Handled, SchedulingHarness Harness)> SayAsync(string personId, string text, SchedulingHarness? harness = null)
    {
        var h = harness ?? new SchedulingHarness(Utc("2026-11-23T02:00:00Z"));
        var feature = new PromptNowFeature(h.Scheduler, h.Cycles, h.Chasing);
        var person = h.Directory.Snapshot.People.Single(p => p.Id == personId);
        var message = new InboundMessage(ChannelNames.WeCom, "m" + h.Engine.Outbox.Count, "wx-" + personId, text, null, null, h.Now);
        await using var work = await h.Engine.BeginAsync(TestContext.Current.CancellationToken);
        var turn = new Turn(work, person, message, h.Now, new RecipientRouter(new EnabledChannels([ChannelNames.WeCom])));

        var state = h.Engine.DialogStates.GetValueOrDefault(personId);
        var handled = await feature.TryHandleAsync(turn, state, TestContext.Current.CancellationToken);
        if (!handled && state is { Dialog: PromptNowFeature.Name })
        {
            await feature.ContinueAsync(turn, state, TestContext.Current.CancellationToken);
            handled = true;
        }

        await turn.CompleteAsync(h.Engine.DialogStates.ContainsKey(personId), TestContext.Current.CancellationToken);
        await work.CommitAsync(TestContext.Current.CancellationToken);
        return (handled, h);
    }

    /// <summary>Says 发送提醒 (or 催报), checks the confirmation asks first and sends nothing, then confirms.</summary>
    private static async Task<SchedulingHarness> ConfirmedAsync(string personId, string text, string question, SchedulingHarness? harness = null)
    {
        var (handled, h) = await SayAsync(personId, text, harness);
        Assert.True(handled);
        var ask = Assert.Single(h.Engine.Outbox);
        Assert.Equal(question, ask.Message.Text);
        Assert.Equal(["确认", "不发送"], ask.Message.Choices.Select(c => c.Label));
        h.Engine.Outbox.Clear();
        await SayAsync(personId, "确认", h);
        return h;
    }

    [Fact]
    public async Task OfficeStaff_SendsTheCurrentWeeksPrompts_AfterConfirmingHowManyGetThem()
    {
        var h = await ConfirmedAsync("zhou", "发送提醒",
            "将向 3 个单位的联络员发送2026年第48周（11月20日至11月26日）周报填报提醒，确认？\n另有 1 个单位无法送达（未设联络员或没有可用账号）：红河州，请电话通知。");

        Assert.Equal(["chen", "li", "zhao"], h.Engine.Outbox.Where(o => o.DedupeKey is not null).Select(o => o.PersonId).Order(StringComparer.Ordinal));
        var reply = Assert.Single(h.Engine.Outbox, o => o.DedupeKey is null);
        Assert.Equal("zhou", reply.PersonId);
        Assert.Equal(
            "已向 3 个单位的联络员发送2026年第48周（11月20日至11月26日）周报填报提醒。已报送或待审核 0 个单位，请假免催 0 个。\n无法送达（未设联络员或没有可用账号）：红河州，请电话通知。",
            reply.Message.Text);
        Assert.Empty(h.Engine.DialogStates);
    }

    [Fact]
    public async Task OfficeStaff_DeclinesTheConfirmation_AndNothingIsSent()
    {
        var (_, h) = await SayAsync("zhou", "发送提醒");
        h.Engine.Outbox.Clear();

        await SayAsync("zhou", "嗯？", h);
        Assert.Equal("请回复“确认”或“不发送”。", Assert.Single(h.Engine.Outbox).Message.Text);
        h.Engine.Outbox.Clear();
        await SayAsync("zhou", "不发送", h);

        Assert.Equal("已取消，未发送。", Assert.Single(h.Engine.Outbox).Message.Text);
        Assert.Empty(h.Engine.DialogStates);
    }

    [Fact]
    public async Task OfficeStaff_Chases_TheUnitsMissingTheWeekThatClosed()
    {
        var h = new SchedulingHarness(Utc("2026-11-27T02:00:00Z"));
        h.Engine.AddReport("weekly", "2026-W48", "jyt", Core.Reports.ReportStatus.Submitted, h.Now);
        h = await ConfirmedAsync("zhou", "催报",
            "2026年第48周（11月20日至11月26日）周报已截止。将向尚未报送的 2 个单位的联络员发送催报通知，确认？\n另有 1 个单位无法送达（未设联络员或没有可用账号）：红河州，请电话通知。", h);

        var sent = h.Engine.Outbox.Where(o => o.DedupeKey is not null).ToList();
        Assert.Equal(2, sent.Count);
        Assert.All(sent, o => Assert.Contains("已过，目前仍未收到贵单位报送，请尽快补报", o.Message.Text, StringComparison.Ordinal));
        Assert.StartsWith("已向 2 个单位的联络员发送2026年第48周", Assert.Single(h.Engine.Outbox, o => o.DedupeKey is null).Message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OfficeStaff_NamesTheQuarter()
    {
        var (_, h) = await SayAsync("wu", "发送提醒 季报");
        Assert.StartsWith("将向 4 个单位的联络员发送2026年第四季度季报填报提醒，确认？", Assert.Single(h.Engine.Outbox).Message.Text, StringComparison.Ordinal);
        h.Engine.Outbox.Clear();
        await SayAsync("wu", "1", h);

        Assert.Equal(4, h.Engine.Outbox.Count(o => o.DedupeKey?.StartsWith("report:quarterly:2026-Q4:manual-", StringComparison.Ordinal) == true));
    }

    [Fact]
    public async Task Liaison_IsRefused_AndNothingIsSent()
    {
        var (handled, h) = await SayAsync("li", "发送提醒");

        Assert.True(handled);
        Assert.Equal("“发送提醒”仅供办公室人员使用。", Assert.Single(h.Engine.Outbox).Message.Text);
    }

    [Fact]
    public async Task UnknownCycle_IsExplained()
    {
        var (_, h) = await SayAsync("zhou", "发送提醒 月报");

        Assert.Equal("未找到“月报”。可选：周报、季报，例如“发送提醒 周报”。", Assert.Single(h.Engine.Outbox).Message.Text);
    }

    [Fact]
    public async Task OtherWords_AreLeftToOtherFeatures()
    {
        var (handled, h) = await SayAsync("zhou", "填报");

        Assert.False(handled);
        Assert.Empty(h.Engine.Outbox);
    }

    [Fact]
    public void Help_ForOfficeStaffOnly()
    {
        var h = new SchedulingHarness(Utc("2026-11-23T02:00:00Z"));
        var feature = new PromptNowFeature(h.Scheduler, h.Cycles, h.Chasing);

        Assert.Equal(2, feature.HelpLines(h.Directory.Snapshot.People.Single(p => p.Id == "zhou")).Count());
        Assert.Empty(feature.HelpLines(h.Directory.Snapshot.People.Single(p => p.Id == "li")));
    }
}
