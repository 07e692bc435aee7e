using ChatOps.Core.Conversations;
using ChatOps.Core.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Bot.Tests.Conversations;

/// <summary>
/// Issue 15, reviewing leaders and the engine's neutral 状态/帮助/fallback: 待审 oldest first with a button per report,
/// a resubmitted report showing what changed since the return, and each feature's part of 帮助, 状态 and the fallback.
/// </summary>
public sealed class ReviewerChatTests : IAsyncLifetime
{
    /// <summary>Wednesday 2026-11-25 10:30 in Kunming: the 2026-W48 report is due tomorrow 17:00.</summary>
    private static readonly DateTimeOffset Wednesday = new(2026, 11, 25, 10, 30, 0, TimeSpan.FromHours(8));

    private ChatHarness _chat = null!;

    public async ValueTask InitializeAsync() => _chat = await ChatHarness.StartAsync(Wednesday);

    public async ValueTask DisposeAsync() => await _chat.DisposeAsync();

    [Fact]
    public async Task Leader_Awaiting_ListsOldestFirst_AndEachButtonOpensTheReport()
    {
        var leader = _chat.As("wjw.fgld");
        (await leader.SaysAsync("待审")).Shows("目前没有等待您审核的报告。");

        var liaison = _chat.As("wjw.lly");
        await liaison.SaysAsync("填报");
        (await liaison.SaysAsync("2")).Shows("已过截止时间"); // last week's report, submitted first
        await FinishAsync(liaison, "上周的进展");
        _chat.Clock.Advance(TimeSpan.FromMinutes(20));
        await liaison.SaysAsync("填报");
        await liaison.SaysAsync("1");
        await FinishAsync(liaison, "本周的进展");
        await _chat.NewMessagesAsync("wjw.fgld");

        var list = (await leader.SaysAsync("待审")).Shows("等待您审核的报告共 2 份（最早提交的在前）",
            "1. 省卫生健康委2026年第47周（11月13日至11月19日）周报（11月25日（周三）10:30提交）",
            "2. 省卫生健康委2026年第48周（11月20日至11月26日）周报（11月25日（周三）10:50提交）");
        var w48 = (await ReportAsync("wjw", "2026-W48"))!.Id;
        Assert.Equal(ReportText.OpenReviewValue(w48), list.Choices[1].Value);

        (await leader.PressesAsync(list.Choices[1].Value)).Shows("省卫生健康委2026年第48周", "（罗倩提交）", "本周的进展", "请审核").Offers("通过", "退回");
        (await _chat.As("wjw.lly").PressesAsync(ReportText.OpenReviewValue(w48))).Shows("只有本单位的分管领导可以审核该报告。");
        (await leader.PressesAsync($"审核通过 #{w48}")).Shows("已审核通过");
        (await leader.SaysAsync("待审")).Shows("共 1 份", "2026年第47周").DoesNotShow("第48周");
        (await leader.SaysAsync("3")).Shows("请回复 1 到 1 之间的序号打开报告");
        (await leader.SaysAsync("1")).Shows("省卫生健康委2026年第47周", "上周的进展", "请审核").Offers("通过", "退回"); // numbered, as on channels without buttons
    }

    [Fact]
    public async Task ResubmittedReport_ShowsTheLeaderWhatChangedSinceTheReturn()
    {
        var liaison = _chat.As("wjw.lly");
        await liaison.SaysAsync("填报");
        await liaison.SaysAsync("1");
        await FinishAsync(liaison, "旧的进展");
        var card = new Reply(await _chat.NewMessagesAsync("wjw.fgld")).DoesNotShow("与退回时相比");
        var leader = _chat.As("wjw.fgld");
        await leader.PressesAsync(card.Choices[1].Value);
        await leader.SaysAsync("请补充督查数据");

        await liaison.SaysAsync("填报");
        (await liaison.SaysAsync("1")).Shows("已被退回");
        await liaison.PressesAsync("修改");
        await liaison.PressesAsync("2");
        await liaison.SaysAsync("督查发现问题3个");
        (await liaison.PressesAsync("提交")).Shows("已提交，等待分管领导");

        new Reply(await _chat.NewMessagesAsync("wjw.fgld"))
            .Shows("**与退回时相比**（退回意见：请补充督查数据）", "- 存在问题：原为“旧的问题”，现为“督查发现问题3个”")
            .DoesNotShow("本周工作进展：");
        var id = (await ReportAsync("wjw", "2026-W48"))!.Id;
        (await leader.PressesAsync(ReportText.OpenReviewValue(id))).Shows("与退回时相比", "存在问题：原为“旧的问题”");
    }

    [Fact]
    public async Task Leader_HelpStatusAndFallback_OfferReviewNotFillIn()
    {
        var leader = _chat.As("wjw.fgld");

        (await leader.SaysAsync("帮助")).Shows("**待审**").DoesNotShow("**填报**");
        (await leader.SaysAsync("状态")).Shows("**待您审核**：无").DoesNotShow("没有需要报送的报告");
        (await leader.SaysAsync("你好")).Offers("待审", "查看状态", "帮助");
    }

    [Fact]
    public async Task Office_FallbackAndFillIn_NeitherOfferFillInNorSendToTheOffice()
    {
        var office = _chat.As("office.clerk1");

        (await office.SaysAsync("你好")).Offers("查看状态", "帮助");
        (await office.SaysAsync("填报")).Shows(ReportText.OfficeDoesNotReport).DoesNotShow("联系领导小组办公室");
        (await office.SaysAsync("帮助")).Shows("状态 上周").DoesNotShow("**填报**");
        (await _chat.As("fgw.lly").SaysAsync("你好")).Offers("填报", "查看状态", "帮助");
    }

    [Fact]
    public async Task Office_Status_NamesTheUnits_ForTheOpenWeekAndTheOneJustClosed()
    {
        var liaison = _chat.As("wjw.lly");
        await liaison.SaysAsync("填报");
        await liaison.SaysAsync("1");
        await FinishAsync(liaison, "本周的进展");
        var fgw = _chat.As("fgw.lly");
        await fgw.SaysAsync("填报");
        await fgw.SaysAsync("2");
        await FinishAsync(fgw, "上周的进展");
        var office = _chat.As("office.clerk1");

        (await office.SaysAsync("状态")).Shows(
            "**2026年第47周（11月13日至11月19日）周报**（11月19日（周四）17:00已截止）",
            "已报送 0/45，迟报 1，待审核 0，已退回 0，未报送 44，免报 0", "- 未报送（已逾期）：", "- 迟报：省发展改革委",
            "**2026年第48周（11月20日至11月26日）周报**（11月26日（周四）17:00截止）",
            "已报送 0/45，迟报 0，待审核 1，已退回 0，未报送 44，免报 0", "- 未报送：", "- 待审核：省卫生健康委",
            "2026年第四季度季报").DoesNotShow("第三季度");
        (await office.SaysAsync("状态 上周")).Shows("2026年第47周", "- 迟报：省发展改革委").DoesNotShow("第48周");
        (await office.SaysAsync("状态 2026-w48")).Shows("2026年第48周", "- 待审核：省卫生健康委").DoesNotShow("第47周");
        (await office.SaysAsync("状态 季报")).Shows("2026年第三季度季报", "已截止", "2026年第四季度季报").DoesNotShow("周报");
        (await office.SaysAsync("状态 下个月")).Shows("未能识别“下个月”", "状态 上周");
    }

    private async Task<Report?> ReportAsync(string unit, string period)
    {
        await using var work = await _chat.Services.GetRequiredService<IUnitOfWorkFactory>().BeginAsync();
        return await work.Reports.FindAsync("weekly", period, unit);
    }

    private static async Task FinishAsync(Speaker me, string progress)
    {
        await me.SaysAsync(progress);
        await me.PressesAsync("完成");
        await me.SaysAsync("旧的问题");
        await me.SaysAsync("下周计划");
        await me.PressesAsync("跳过");
        await me.PressesAsync("跳过");
        await me.PressesAsync("提交");
    }
}
