using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;
using ChatOps.Core.Reports.Scheduling;
using static ChatOps.Core.Tests.Reports.Scheduling.SchedulingHarness;

namespace ChatOps.Core.Tests.Reports.Scheduling;

public class PromptNowFeatureTests
{
    private static async Task<(bool Handled, SchedulingHarness Harness)> SayAsync(string personId, string text)
    {
        var h = new SchedulingHarness(Utc("2026-11-23T02:00:00Z"));
        var feature = new PromptNowFeature(h.Scheduler, h.Cycles);
        var person = h.Directory.Snapshot.People.Single(p => p.Id == personId);
        var message = new InboundMessage(ChannelNames.WeCom, "m1", "wx-" + personId, text, null, null, h.Now);
        await using var work = await h.Engine.BeginAsync(TestContext.Current.CancellationToken);
        var turn = new Turn(work, person, message, h.Now, new RecipientRouter(new EnabledChannels([ChannelNames.WeCom])));

        var handled = await feature.TryHandleAsync(turn, null, TestContext.Current.CancellationToken);
        await work.CommitAsync(TestContext.Current.CancellationToken);
        return (handled, h);
    }

    [Fact]
    public async Task OfficeStaff_SendsTheCurrentWeeksPrompts_AndIsToldWhatHappened()
    {
        var (handled, h) = await SayAsync("zhou", "发送提醒");

        Assert.True(handled);
        Assert.Equal(["chen", "li", "zhao"], h.Engine.Outbox.Where(o => o.DedupeKey is not null).Select(o => o.PersonId).Order(StringComparer.Ordinal));
        var reply = Assert.Single(h.Engine.Outbox, o => o.DedupeKey is null);
        Assert.Equal("zhou", reply.PersonId);
        Assert.Equal(
            "已向 3 名联络员发送2026年第48周（11月20日至11月26日）周报填报提醒。已报送或待审核 0 个单位，请假免催 0 个。\n无法送达（未设联络员或没有可用账号）：红河州，请电话通知。",
            reply.Message.Text);
    }

    [Fact]
    public async Task OfficeStaff_NamesTheQuarter()
    {
        var (_, h) = await SayAsync("wu", "发送提醒 季报");

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

        Assert.Equal("没有“月报”，可用：周报、季报。例如：发送提醒 周报", Assert.Single(h.Engine.Outbox).Message.Text);
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
        var feature = new PromptNowFeature(h.Scheduler, h.Cycles);

        Assert.Single(feature.HelpLines(h.Directory.Snapshot.People.Single(p => p.Id == "zhou")));
        Assert.Empty(feature.HelpLines(h.Directory.Snapshot.People.Single(p => p.Id == "li")));
    }
}
