using ChatOps.Core.Audit;
using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;
using ChatOps.Core.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Bot.Tests.Conversations;

/// <summary>
/// Issue 10 items 1, 2, 4 and 5 as conversations on the real engine and SQLite: two editors of one report, a reviewer
/// who wrote the report, the six states in every status view, and 状态 agreeing with 填报.
/// </summary>
public sealed class ReportIntegrityTests : IAsyncLifetime
{
    /// <summary>Wednesday 2026-11-25 10:30 in Kunming: the 2026-W48 report is due tomorrow 17:00.</summary>
    private static readonly DateTimeOffset Wednesday = new(2026, 11, 25, 10, 30, 0, TimeSpan.FromHours(8));

    private ChatHarness _chat = null!;

    public async ValueTask InitializeAsync() => _chat = await ChatHarness.StartAsync(Wednesday);

    public async ValueTask DisposeAsync() => await _chat.DisposeAsync();

    [Fact]
    public async Task TwoEditors_OlderCopyIsRefusedWithTheChanges_AndReappliedOnTheCurrentVersion()
    {
        await _chat.Services.GetRequiredService<IDirectoryRepository>().NameDelegateAsync("fgw", "office.clerk2", "办公室", Wednesday);
        var liaison = _chat.As("fgw.lly");
        await FillAndSubmitAsync(liaison);
        _chat.Clock.Advance(TimeSpan.FromHours(1));

        // Both open 修改报告 on revision 1.
        await liaison.SaysAsync("填报");
        await liaison.SaysAsync("1");
        (await liaison.PressesAsync("修改报告")).Shows("请核对", "旧的问题");
        var delegate_ = _chat.As("office.clerk2");
        await delegate_.SaysAsync("填报");
        (await delegate_.SaysAsync("1")).Shows("已由");
        await delegate_.PressesAsync("修改报告");

        // The delegate changes 存在问题 and submits first.
        await delegate_.PressesAsync("修改");
        await delegate_.PressesAsync("2");
        await delegate_.SaysAsync("经费保障不足");
        (await delegate_.PressesAsync("提交")).Shows("修改已提交", "已由田丽娟于11月25日（周三）11:30更新（第2版）");
        new Reply(await _chat.NewMessagesAsync("fgw.lly")).Shows("已由田丽娟于11月25日（周三）11:30修改（第2版）");

        // The liaison submits her older copy with another change: refused, with what changed and who changed it.
        await liaison.PressesAsync("修改");
        await liaison.PressesAsync("3");
        await liaison.SaysAsync("调整后的计划");
        (await liaison.PressesAsync("提交"))
            .Shows("未能提交", "已由田丽娟于11月25日（周三）11:30报送", "存在问题：原为“旧的问题”，现为“经费保障不足”", "没有丢失")
            .DoesNotShow("下周工作计划：")
            .Offers(ReportText.ReapplyChoice, ReportText.DiscardChoice);
        Assert.Equal(["经费保障不足"], (await ReportAsync("fgw"))!.Answers["problems"]);
        Assert.Equal(["下周计划"], (await ReportAsync("fgw"))!.Answers["plan"]);

        // She re-applies her edit on the current version: both changes survive.
        (await liaison.PressesAsync(ReportText.ReapplyChoice)).Shows("保留您改动的内容（下周工作计划）", "经费保障不足", "调整后的计划");
        (await liaison.PressesAsync("提交")).Shows("修改已提交", "已由", "（第3版）");
        var report = (await ReportAsync("fgw"))!;
        Assert.Equal(["经费保障不足"], report.Answers["problems"]);
        Assert.Equal(["调整后的计划"], report.Answers["plan"]);
        Assert.Equal(3, report.Revision);
    }

    [Fact]
    public async Task Conflict_Discard_KeepsTheCurrentVersion()
    {
        await _chat.Services.GetRequiredService<IDirectoryRepository>().NameDelegateAsync("fgw", "office.clerk2", "办公室", Wednesday);
        var liaison = _chat.As("fgw.lly");
        await FillAndSubmitAsync(liaison);
        await liaison.SaysAsync("填报");
        await liaison.SaysAsync("1");
        await liaison.PressesAsync("修改报告");
        var delegate_ = _chat.As("office.clerk2");
        await delegate_.SaysAsync("填报");
        await delegate_.SaysAsync("1");
        await delegate_.PressesAsync("修改报告");
        await delegate_.PressesAsync("提交");

        (await liaison.PressesAsync("提交")).Shows("未能提交", "内容与您打开时相同");
        (await liaison.PressesAsync(ReportText.DiscardChoice)).Shows("已放弃您的修改");
        Assert.Equal(2, (await ReportAsync("fgw"))!.Revision);
    }

    [Fact]
    public async Task DelegateSubmits_LiaisonIsTold_AndTheConfirmationSaysWhoAndWhen()
    {
        await _chat.Services.GetRequiredService<IDirectoryRepository>().NameDelegateAsync("fgw", "office.clerk2", "办公室", Wednesday);
        var delegate_ = _chat.As("office.clerk2");
        await delegate_.SaysAsync("填报");
        await delegate_.SaysAsync("1");

        (await FinishAsync(delegate_)).Shows("报送成功。省发展改革委2026年第48周（11月20日至11月26日）周报已由田丽娟于11月25日（周三）10:30报送。");
        new Reply(await _chat.NewMessagesAsync("fgw.lly")).Shows("周报已由田丽娟于11月25日（周三）10:30报送。");
    }

    [Fact]
    public async Task OnlyReviewerIsTheAuthor_CannotApprove_TheOfficeReviewsOnTheUnitsBehalf()
    {
        await _chat.Services.GetRequiredService<IDirectoryRepository>().NameDelegateAsync("wjw", "wjw.fgld", "office.clerk1", Wednesday);
        var leader = _chat.As("wjw.fgld");
        await leader.SaysAsync("填报");
        await leader.SaysAsync("1");
        (await FinishAsync(leader)).Shows("已提交，等待领导小组办公室");
        var id = (await ReportAsync("wjw"))!.Id;

        Assert.DoesNotContain(await _chat.NewMessagesAsync("wjw.fgld"), m => m.Message.Choices.Any(c => c.Value.StartsWith("审核通过", StringComparison.Ordinal)));
        (await leader.PressesAsync($"审核通过 #{id}")).Shows("不能审核本人报送的报告");
        Assert.Equal(ReportStatus.PendingReview, (await ReportAsync("wjw"))!.Status);

        var card = new Reply(await _chat.NewMessagesAsync("office.clerk1")).Shows("分管领导即为填报人", "请领导小组办公室代为审核").Offers("通过", "退回");
        (await _chat.As("office.clerk1").PressesAsync(card.Choices[0].Value)).Shows("已审核通过");
        Assert.Equal(ReportStatus.Submitted, (await ReportAsync("wjw"))!.Status);
        var audit = await _chat.Services.GetRequiredService<IAuditQuery>().ListAsync(new AuditFilter(Subject: $"report:{id}"));
        Assert.Contains(audit, a => a.Action == "report.approve" && a.ActorId == "office.clerk1" && a.Detail.Contains("办公室代省卫生健康委审核", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OfficeStaff_CannotReviewWhenTheUnitHasAnEligibleLeader()
    {
        var liaison = _chat.As("wjw.lly");
        await liaison.SaysAsync("填报");
        await liaison.SaysAsync("1");
        await FinishAsync(liaison);
        var id = (await ReportAsync("wjw"))!.Id;

        (await _chat.As("office.clerk1").PressesAsync($"审核通过 #{id}")).Shows("只有本单位的分管领导可以审核该报告。");
    }

    [Fact]
    public async Task PendingReview_IsNotMissing_InStatusAndBulletin()
    {
        var liaison = _chat.As("wjw.lly");
        await liaison.SaysAsync("填报");
        await liaison.SaysAsync("1");
        await FinishAsync(liaison);

        (await liaison.SaysAsync("状态")).Shows("2026年第48周", "待审核（11月25日（周三）10:30提交");
        (await _chat.As("office.clerk1").SaysAsync("状态")).Shows("2026年第48周", "已报送 0/45，迟报 0，待审核 1，已退回 0，未报送 44，免报 0");
        _chat.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 26, 18, 0, 0, TimeSpan.FromHours(8)));
        (await _chat.As("office.clerk1").SaysAsync("专报")).Shows("按时报送 0 个，迟报 0 个，未报送 44 个；", "另有待审核 1", "| 待审核 | 1 | 省卫生健康委 |");
    }

    [Fact]
    public async Task LateReport_KeepsItsLateMark_OnceApproved_InEveryView()
    {
        _chat.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.FromHours(8)));
        var liaison = _chat.As("wjw.lly");
        await liaison.SaysAsync("填报");
        (await liaison.SaysAsync("2")).Shows("已过截止时间");
        await FinishAsync(liaison);
        var card = new Reply(await _chat.NewMessagesAsync("wjw.fgld"));
        (await _chat.As("wjw.fgld").PressesAsync(card.Choices[0].Value)).Shows("已审核通过", "（迟报）");

        (await liaison.SaysAsync("状态")).Shows("2026年第48周", "迟报（11月27日（周五）09:00报送）");
        var board = await _chat.Services.GetRequiredService<ReportStatusQuery>().BoardAsync("weekly", "2026-W48");
        var entry = board.Entries.Single(e => e.Unit.Code == "wjw");
        Assert.Equal((BoardState.Late, "罗倩"), (entry.State, entry.Submitter?.Name));
        (await _chat.As("office.clerk1").SaysAsync("专报 2026-W48")).Shows("按时报送 0 个，迟报 1 个，未报送 44 个；");
    }

    [Fact]
    public async Task Returned_And_Exempt_AreTheirOwnStates()
    {
        var liaison = _chat.As("wjw.lly");
        await liaison.SaysAsync("填报");
        await liaison.SaysAsync("1");
        await FinishAsync(liaison);
        var card = new Reply(await _chat.NewMessagesAsync("wjw.fgld"));
        await _chat.As("wjw.fgld").PressesAsync(card.Choices[1].Value);
        await _chat.As("wjw.fgld").SaysAsync("请补充数据");
        var outcome = await _chat.Services.GetRequiredService<ReportService>()
            .ExemptAsync(Actor.System("office", "test"), "weekly", "2026-W48", "fgw.lly", "出差");
        Assert.True(outcome.Succeeded, outcome.Message);

        var board = await _chat.Services.GetRequiredService<ReportStatusQuery>().BoardAsync("weekly", "2026-W48");
        Assert.Equal((1, 1, 43), (board.Count(BoardState.Returned), board.Count(BoardState.Exempt), board.Count(BoardState.Missing)));
        (await liaison.SaysAsync("状态")).Shows("已退回，待修改（意见：请补充数据）");
    }

    [Fact]
    public async Task EveryPeriodStatusCallsDue_IsOfferedByFillIn_TheQuarterlyIncluded()
    {
        var liaison = _chat.As("fgw.lly");

        (await liaison.SaysAsync("状态")).Shows("2026年第三季度季报", "未报送（已逾期，可回复“填报”补报）", "2026年第四季度季报", "未到填报时间")
            .DoesNotShow("第二季度");
        (await liaison.SaysAsync("填报")).Shows("补报2026年第三季度季报（已逾期）").DoesNotShow("2026年第四季度");
        (await liaison.SaysAsync("3")).Shows("开始填报省发展改革委2026年第三季度季报", "已过截止时间，提交后将记为迟报。");
    }

    [Fact]
    public async Task Service_SubmitOnAnOlderVersion_IsRefused_AndNothingIsWritten()
    {
        var liaison = _chat.As("fgw.lly");
        await FillAndSubmitAsync(liaison);
        var service = _chat.Services.GetRequiredService<ReportService>();
        var person = (await _chat.Services.GetRequiredService<IDirectoryRepository>().FindPersonAsync("fgw.lly"))!;
        var report = (await ReportAsync("fgw"))!;
        var answers = report.Answers.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        answers["plan"] = ["新计划"];

        await using var work = await _chat.Services.GetRequiredService<IUnitOfWorkFactory>().BeginAsync();
        var stale = await service.SubmitAsync(Actor.Of(person, "test"), work, new ReportSubmission(report.Id, report.Version - 1, answers, report.Answers));
        var stranger = await service.SubmitAsync(
            new Actor("jyt.lly", "某人", Roles.Liaison, "jyt", "test"), work, new ReportSubmission(report.Id, report.Version, answers, report.Answers));
        var current = await service.SubmitAsync(Actor.Of(person, "test"), work, new ReportSubmission(report.Id, report.Version, answers, report.Answers));

        Assert.Equal(ReportOutcomeKind.Conflict, stale.Kind);
        Assert.Equal(ReportOutcomeKind.Refused, stranger.Kind);
        Assert.Equal(ReportOutcomeKind.Revised, current.Kind);
        Assert.Equal(report.Version + 1, current.Report!.Version);
    }

    [Fact]
    public void DirectoryImport_WarnsAboutAUnitWhoseOnlyReviewerIsItsLiaison()
    {
        var unit = new Unit("wjw", "省卫生健康委", UnitKind.ProvincialDepartment, null, RequiresReview: true, 1);
        var both = new Person("p", "冯亮", "wjw", Roles.Liaison | Roles.ReviewingLeader, null, null, []);
        var fine = new DirectorySnapshot([unit], [both with { Roles = Roles.Liaison }, both with { Id = "q", Roles = Roles.ReviewingLeader }], []);

        Assert.Contains("冯亮同时是联络员", Assert.Single(DirectoryImportResult.SelfReviewWarnings(new DirectorySnapshot([unit], [both], []))), StringComparison.Ordinal);
        Assert.Empty(DirectoryImportResult.SelfReviewWarnings(fine));
    }

    private async Task<Report?> ReportAsync(string unit, string period = "2026-W48")
    {
        await using var work = await _chat.Services.GetRequiredService<IUnitOfWorkFactory>().BeginAsync();
        return await work.Reports.FindAsync("weekly", period, unit);
    }

    private static async Task FillAndSubmitAsync(Speaker me)
    {
        await me.SaysAsync("填报");
        await me.SaysAsync("1");
        (await FinishAsync(me)).Shows("报送成功。");
    }

    private static async Task<Reply> FinishAsync(Speaker me)
    {
        await me.SaysAsync("旧的进展");
        await me.PressesAsync("完成");
        await me.SaysAsync("旧的问题");
        await me.SaysAsync("下周计划");
        await me.PressesAsync("跳过");
        await me.PressesAsync("跳过");
        return await me.PressesAsync("提交");
    }
}
