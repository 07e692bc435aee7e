using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;
using ChatOps.Core.Reports;
using ChatOps.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Bot.Tests.Conversations;

/// <summary>The weekly report dialog, written as conversations (user says, bot answers) on the real engine, on SQLite and PostgreSQL.</summary>
public class ReportDialogTests : IAsyncLifetime
{
    /// <summary>The database the dialog runs on; <see cref="PostgreSqlReportDialogTests"/> runs every test on PostgreSQL.</summary>
    protected virtual string Provider => StorageProviders.Sqlite;

    /// <summary>Wednesday 2026-11-25 10:30 in Kunming: the 2026-W48 report is due tomorrow 17:00.</summary>
    private static readonly DateTimeOffset Wednesday = new(2026, 11, 25, 10, 30, 0, TimeSpan.FromHours(8));

    private ChatHarness _chat = null!;

    public async ValueTask InitializeAsync() => _chat = await ChatHarness.StartAsync(Wednesday, provider: Provider);

    public async ValueTask DisposeAsync() => await _chat.DisposeAsync();

    private async Task<Report?> ReportAsync(string unit, string period = "2026-W48")
    {
        await using var work = await _chat.Services.GetRequiredService<IUnitOfWorkFactory>().BeginAsync();
        return await work.Reports.FindAsync("weekly", period, unit);
    }

    /// <summary>Starts the current week's report for the liaison of 省发展改革委 (no review).</summary>
    private async Task<Speaker> StartAsync(string liaison = "fgw.lly", string unitName = "省发展改革委")
    {
        var me = _chat.As(liaison);
        (await me.SaysAsync("填报")).Shows("请选择要填报的报告", "1. 2026年第48周（11月20日至11月26日）周报（11月26日（周四）17:00截止）",
            "2. 补报2026年第47周（11月13日至11月19日）周报（已逾期）");
        (await me.SaysAsync("1")).Shows($"开始填报{unitName}2026年第48周（11月20日至11月26日）周报", "截止时间：11月26日（周四）17:00",
            "（1/5）本周工作进展");
        return me;
    }

    [Fact]
    public async Task Liaison_FillsEveryField_ChecksSummary_AndSubmitsOnTime()
    {
        var me = await StartAsync();

        (await me.SaysAsync("1. 召开专题会议研究部署爱国卫生专项行动\n2. 开展农贸市场环境卫生督查")).Shows("已记录2条，共2条。").Offers("完成");
        (await me.SaysAsync("3、完成问题整改回头看")).Shows("已记录第3条。");
        (await me.PressesAsync("完成")).Shows("（2/5）存在问题");
        (await me.SaysAsync("个别县区整改进度偏慢")).Shows("（3/5）下周工作计划");
        (await me.SaysAsync("继续推进问题清单整改")).Shows("（4/5）问题清单整改完成数").Offers("跳过");
        (await me.SaysAsync("12")).Shows("（5/5）问题清单总数");
        (await me.SaysAsync("15个")).Shows(
            "请核对省发展改革委2026年第48周（11月20日至11月26日）周报",
            "**本周工作进展**", "1. 召开专题会议研究部署爱国卫生专项行动", "2. 开展农贸市场环境卫生督查", "3. 完成问题整改回头看",
            "**存在问题**", "个别县区整改进度偏慢", "**下周工作计划**", "继续推进问题清单整改",
            "**问题清单整改完成数**：12", "**问题清单总数**：15", "**整改达标率**：80.0%",
            "截止时间：11月26日（周四）17:00。内容无误请点击“提交”。").Offers("提交", "修改", "取消");
        Assert.Equal(ReportStatus.Draft, (await ReportAsync("fgw"))!.Status);

        (await me.PressesAsync("提交")).Shows("报送成功。省发展改革委2026年第48周（11月20日至11月26日）周报已由", "于11月25日（周三）10:30报送。")
            .DoesNotShow("迟报");

        var report = (await ReportAsync("fgw"))!;
        Assert.Equal(ReportStatus.Submitted, report.Status);
        Assert.False(report.IsLate);
        Assert.Equal(Wednesday, report.SubmittedAt);
        Assert.Equal(["召开专题会议研究部署爱国卫生专项行动", "开展农贸市场环境卫生督查", "完成问题整改回头看"], report.Answers["progress"]);
        Assert.Equal(["12"], report.Answers["rectified"]);
        Assert.Equal("fgw.lly", report.AuthorId);
        Assert.Equal(1, report.Revision);
    }

    [Fact]
    public async Task EveryInvalidAnswer_GetsItsOwnMessage_AndNothingIsRecorded()
    {
        var me = await StartAsync();

        (await me.SaysAsync("完成")).Shows("请至少填写一条本周工作进展。");
        (await me.SaysAsync(new string('很', 501))).Shows("这一条内容过长（最多500字，现为501字），请精简后重新发送。本条未记录。");
        (await me.SaysAsync("短的一条\n" + new string('长', 600))).Shows("第2条内容过长（最多500字，现为600字）");
        (await me.SaysAsync("   ")).Shows("内容不能为空，请重新发送。");
        (await me.SaysAsync("有效的一条")).Shows("已记录第1条。");
        (await me.SaysAsync("完成")).Shows("（2/5）存在问题");
        (await me.SaysAsync(new string('问', 1001))).Shows("内容过长（最多1000字，现为1001字），请精简后重新发送。");
        (await me.SaysAsync("无")).Shows("（3/5）下周工作计划");
        (await me.SaysAsync("计划")).Shows("（4/5）问题清单整改完成数");
        (await me.SaysAsync("十二")).Shows("“十二”不是数字，请填写一个整数（如 12）。");
        (await me.SaysAsync("-3")).Shows("数字不能为负数，请重新填写。");
        (await me.SaysAsync("1.5")).Shows("“1.5”不是数字");
        (await me.SaysAsync("１２")).Shows("（5/5）问题清单总数");
        (await me.SaysAsync("10")).Shows("整改完成数不能大于问题总数，请核对后重新填写。");
        (await me.PressesAsync("跳过")).Shows("请核对", "**问题清单整改完成数**：12", "**问题清单总数**：（未填写）").DoesNotShow("整改达标率");

        var draft = (await ReportAsync("fgw"))!;
        Assert.Equal(["有效的一条"], draft.Answers["progress"]);
        Assert.Empty(draft.Answers["total"]);
    }

    [Fact]
    public async Task Summary_EditAField_ThenSubmit()
    {
        var me = await FillToSummaryAsync();

        (await me.PressesAsync("修改")).Shows("请选择要修改的内容").Offers("本周工作进展", "存在问题", "下周工作计划", "问题清单整改完成数", "问题清单总数");
        (await me.PressesAsync("2")).Shows("（2/5）存在问题");
        (await me.SaysAsync("经费保障不足")).Shows("请核对", "经费保障不足").DoesNotShow("（3/5）");
        (await me.PressesAsync("修改")).Shows("请选择要修改的内容");
        (await me.SaysAsync("本周工作进展")).Shows("本周工作进展（共1条）：", "1. 旧的进展").Offers("重写全部", "返回核对");
        (await me.PressesAsync("重写全部")).Shows("（1/5）本周工作进展", "（重新发送的内容将替换原有内容）");
        (await me.SaysAsync("新的进展")).Shows("已记录第1条。");
        (await me.PressesAsync("完成")).Shows("请核对", "1. 新的进展").DoesNotShow("旧的进展");
        (await me.PressesAsync("提交")).Shows("报送成功。");

        Assert.Equal(["新的进展"], (await ReportAsync("fgw"))!.Answers["progress"]);
        Assert.Equal(["经费保障不足"], (await ReportAsync("fgw"))!.Answers["problems"]);
    }

    [Fact]
    public async Task Restart_InTheMiddle_ResumesWhereItStopped()
    {
        var me = await StartAsync();
        await me.SaysAsync("旧的进展");
        await me.PressesAsync("完成");
        (await me.SaysAsync("存在的问题")).Shows("（3/5）下周工作计划");
        _chat = await _chat.RestartAsync(Wednesday.AddHours(2));
        var again = _chat.As("fgw.lly");
        (await again.SaysAsync("填报")).Shows("继续填写省发展改革委2026年第48周（11月20日至11月26日）周报。", "（3/5）下周工作计划");
        (await again.SaysAsync("下周计划")).Shows("（4/5）问题清单整改完成数");
        await again.PressesAsync("跳过");
        (await again.PressesAsync("跳过")).Shows("请核对", "旧的进展", "存在的问题", "下周计划");
    }

    [Fact]
    public async Task Cancel_AbandonsTheDraft()
    {
        var me = await StartAsync();
        await me.SaysAsync("一条进展");

        (await me.SaysAsync("取消")).Shows("已取消，本次填写的内容未保存");

        Assert.Null(await ReportAsync("fgw"));
        (await me.SaysAsync("取消")).Shows("当前没有进行中的操作。");
        (await me.SaysAsync("填报")).Shows("请选择要填报的报告");
    }

    [Theory]
    [InlineData("wjw.fgld", "您目前不是成员单位的联络员，不能填报。如需代本单位填报，请联系领导小组办公室指定。")]
    [InlineData("office.clerk1", "办公室人员无需填报。查看各单位报送情况，请回复“状态”。")]
    public async Task NotALiaison_IsRefused(string person, string answer)
    {
        (await _chat.As(person).SaysAsync("填报")).Shows(answer);
    }

    [Fact]
    public async Task Delegate_CannotOpenASecondDraftForTheSameUnit()
    {
        var directory = _chat.Services.GetRequiredService<IDirectoryRepository>();
        await directory.NameDelegateAsync("fgw", "office.clerk2", "办公室", Wednesday);
        var liaison = await StartAsync();
        await liaison.SaysAsync("进展");

        var helper = _chat.As("office.clerk2");
        await helper.SaysAsync("填报");
        (await helper.SaysAsync("1")).Shows("正由", "填写中。每个单位每期只报送一份，请勿重复填报（不得多头报送）。");

        Assert.Equal("fgw.lly", (await ReportAsync("fgw"))!.AuthorId);
    }

    [Fact]
    public async Task Delegate_CanReportWhenNobodyElseIs()
    {
        await _chat.Services.GetRequiredService<IDirectoryRepository>().NameDelegateAsync("fgw", "office.clerk2", "办公室", Wednesday);

        var me = await StartAsync("office.clerk2");
        await FinishAsync(me);

        Assert.Equal("office.clerk2", (await ReportAsync("fgw"))!.AuthorId);
    }

    [Fact]
    public async Task AfterTheDeadline_ALateReportIsAccepted_AndMarkedLate()
    {
        _chat.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.FromHours(8)));
        var me = _chat.As("fgw.lly");
        (await me.SaysAsync("填报")).Shows("1. 2026年第49周", "2. 补报2026年第48周（11月20日至11月26日）周报（已逾期）");
        (await me.SaysAsync("2")).Shows("已过截止时间，提交后将记为迟报。");
        await FinishAsync(me, expectSubmitted: "于11月27日（周五）09:00报送（迟报）。");

        Assert.True((await ReportAsync("fgw"))!.IsLate);
    }

    [Fact]
    public async Task Revision_BeforeTheDeadline_KeepsTheOldVersion()
    {
        var me = await FillToSummaryAsync();
        await me.PressesAsync("提交");
        _chat.Clock.Advance(TimeSpan.FromHours(3));

        (await me.SaysAsync("填报")).Shows("1. 2026年第48周");
        (await me.SaysAsync("1")).Shows("于11月25日（周三）10:30报送。截止前可以修改").Offers("修改报告", "不修改");
        (await me.PressesAsync("修改报告")).Shows("请核对", "旧的进展");
        await me.PressesAsync("修改");
        await me.PressesAsync("3");
        (await me.SaysAsync("调整后的计划")).Shows("调整后的计划");
        (await me.PressesAsync("提交")).Shows("修改已提交", "（第2版），原版本已保留。");

        var report = (await ReportAsync("fgw"))!;
        Assert.Equal((2, ReportStatus.Submitted, Wednesday), (report.Revision, report.Status, report.SubmittedAt!.Value));
        await using var work = await _chat.Services.GetRequiredService<IUnitOfWorkFactory>().BeginAsync();
        var revisions = await work.Reports.ListRevisionsAsync(report.Id);
        Assert.Equal(["下周计划", "调整后的计划"], revisions.Select(r => r.Answers["plan"][0]));
    }

    /// <summary>
    /// 提交 pressed at 16:59:30 on the deadline day is stored, and so acknowledged, at once, but handled a minute later
    /// (behind a busy hour's messages, or after a restart): it was sent on time and counts on time, with the time it was
    /// sent.
    /// </summary>
    [Fact]
    public async Task Submit_SentBeforeTheDeadline_HandledAfterIt_CountsOnTime()
    {
        var me = await FillToSummaryAsync();
        var pressed = new DateTimeOffset(2026, 11, 26, 16, 59, 30, TimeSpan.FromHours(8));

        (await SentThenHandledAsync(me, "提交", pressed, pressed.AddMinutes(1))).Shows("报送成功", "于11月26日（周四）16:59报送。")
            .DoesNotShow("迟报");

        var report = (await ReportAsync("fgw"))!;
        Assert.Equal((ReportStatus.Submitted, false, pressed), (report.Status, report.IsLate, report.SubmittedAt!.Value));
    }

    /// <summary>
    /// At 17:00 the overdue notices wait while a 提交 received at 16:59:30 still waits for the engine. Once it is handled
    /// its sender is not among the missing; the others are told at the next minute's run.
    /// </summary>
    [Fact]
    public async Task OverdueNotices_WaitForASubmissionReceivedBeforeTheDeadline()
    {
        var scheduler = ActivatorUtilities.CreateInstance<Core.Reports.Scheduling.ReportScheduler>(_chat.Services); // the every-minute job's
        await scheduler.RunDueAsync(_chat.Clock.GetUtcNow()); // the scheduler has run before the deadline (not a fresh installation)
        var me = await FillToSummaryAsync();
        var pressed = new DateTimeOffset(2026, 11, 26, 16, 59, 30, TimeSpan.FromHours(8));
        _chat.Clock.SetUtcNow(pressed);
        Assert.True(await _chat.Services.AcceptAsync("sent-" + Guid.NewGuid().ToString("N"), me.PersonId, null, "提交", pressed));
        await _chat.NewMessagesAsync(me.PersonId);
        await _chat.NewMessagesAsync("wjw.lly");

        _chat.Clock.SetUtcNow(pressed.AddSeconds(30));
        await scheduler.RunDueAsync(_chat.Clock.GetUtcNow());
        new Reply(await _chat.NewMessagesAsync("wjw.lly")).DoesNotShow("逾期");

        _chat.Clock.SetUtcNow(pressed.AddSeconds(50));
        await _chat.HandlePendingAsync();
        new Reply(await _chat.NewMessagesAsync(me.PersonId)).Shows("报送成功").DoesNotShow("迟报").DoesNotShow("逾期");
        _chat.Clock.SetUtcNow(pressed.AddSeconds(90));
        await scheduler.RunDueAsync(_chat.Clock.GetUtcNow());
        new Reply(await _chat.NewMessagesAsync("wjw.lly")).Shows("周报已逾期");
        new Reply(await _chat.NewMessagesAsync(me.PersonId)).DoesNotShow("逾期");
    }

    /// <summary>A message received before the deadline that the engine never gets to holds the notices ten minutes, no longer.</summary>
    [Fact]
    public async Task OverdueNotices_WaitTenMinutesAtMost()
    {
        var scheduler = ActivatorUtilities.CreateInstance<Core.Reports.Scheduling.ReportScheduler>(_chat.Services);
        await scheduler.RunDueAsync(_chat.Clock.GetUtcNow());
        var due = new DateTimeOffset(2026, 11, 26, 17, 0, 0, TimeSpan.FromHours(8));
        _chat.Clock.SetUtcNow(due.AddSeconds(-20));
        Assert.True(await _chat.Services.AcceptAsync("stuck-" + Guid.NewGuid().ToString("N"), "fgw.lly", null, "状态", due.AddSeconds(-20)));
        await _chat.NewMessagesAsync("wjw.lly");

        _chat.Clock.SetUtcNow(due.Add(DeadlineHold.Limit).AddSeconds(-1));
        await scheduler.RunDueAsync(_chat.Clock.GetUtcNow());
        new Reply(await _chat.NewMessagesAsync("wjw.lly")).DoesNotShow("逾期");
        _chat.Clock.SetUtcNow(due.Add(DeadlineHold.Limit));
        await scheduler.RunDueAsync(_chat.Clock.GetUtcNow());
        new Reply(await _chat.NewMessagesAsync("wjw.lly")).Shows("周报已逾期");
    }

    /// <summary>A revision confirmed before the deadline and handled after it is taken, not refused as locked.</summary>
    [Fact]
    public async Task Revision_SentBeforeTheDeadline_HandledAfterIt_IsTaken()
    {
        var me = await FillToSummaryAsync();
        await me.PressesAsync("提交");
        _chat.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 26, 16, 55, 0, TimeSpan.FromHours(8)));
        await me.SaysAsync("填报");
        await me.SaysAsync("1");
        await me.PressesAsync("修改报告");
        await me.PressesAsync("修改");
        await me.PressesAsync("3");
        await me.SaysAsync("调整后的计划");
        var pressed = new DateTimeOffset(2026, 11, 26, 16, 59, 50, TimeSpan.FromHours(8));

        (await SentThenHandledAsync(me, "提交", pressed, pressed.AddSeconds(30))).Shows("修改已提交", "（第2版）")
            .DoesNotShow("截止时间已过");

        var report = (await ReportAsync("fgw"))!;
        Assert.Equal((2, false, Wednesday), (report.Revision, report.IsLate, report.SubmittedAt!.Value));
        Assert.Equal("调整后的计划", report.Answers["plan"][0]);
    }

    /// <summary>
    /// A button pressed at <paramref name="sent"/>: the message is stored then, as the channel's endpoint stores it before
    /// answering; the engine handles it at <paramref name="handled"/>. Returns what the person was sent.
    /// </summary>
    private async Task<Reply> SentThenHandledAsync(Speaker me, string value, DateTimeOffset sent, DateTimeOffset handled)
    {
        await _chat.NewMessagesAsync(me.PersonId);
        _chat.Clock.SetUtcNow(sent);
        Assert.True(await _chat.Services.AcceptAsync("sent-" + Guid.NewGuid().ToString("N"), me.PersonId, null, value, sent));
        _chat.Clock.SetUtcNow(handled);
        await _chat.HandlePendingAsync();
        return new Reply(await _chat.NewMessagesAsync(me.PersonId));
    }

    [Fact]
    public async Task AfterTheDeadline_ASubmittedWeekIsNoLongerOffered()
    {
        var me = await FillToSummaryAsync();
        await me.PressesAsync("提交");
        _chat.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 26, 17, 1, 0, TimeSpan.FromHours(8)));

        (await me.SaysAsync("填报")).Shows("1. 2026年第49周（11月27日至12月3日）周报").DoesNotShow("第48周");
    }

    [Fact]
    public async Task Review_Approve_CountsWithTheLiaisonsSubmissionTime()
    {
        var me = await StartAsync("wjw.lly", "省卫生健康委");
        await FinishAsync(me, expectSubmitted: "已提交，等待分管领导");
        Assert.Equal(ReportStatus.PendingReview, (await ReportAsync("wjw"))!.Status);

        var leader = _chat.As("wjw.fgld");
        var card = await _chat.NewMessagesAsync("wjw.fgld");
        var review = new Reply(card).Shows("周报审核", "省卫生健康委2026年第48周", "旧的进展", "请审核").Offers("通过", "退回");
        _chat.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.FromHours(8)));

        (await leader.PressesAsync(review.Choices[0].Value)).Shows("已审核通过");
        new Reply(await _chat.NewMessagesAsync("wjw.lly")).Shows("审核通过，报送完成（报送时间：11月25日（周三）10:30）。");
        var report = (await ReportAsync("wjw"))!;
        Assert.Equal((ReportStatus.Submitted, false, Wednesday), (report.Status, report.IsLate, report.SubmittedAt!.Value));
        (await leader.PressesAsync(review.Choices[0].Value)).Shows("该报告已审核，无需重复审核");
    }

    [Fact]
    public async Task Review_Return_GoesBackToTheLiaisonWithTheComment()
    {
        var me = await StartAsync("wjw.lly", "省卫生健康委");
        await FinishAsync(me, expectSubmitted: "已提交");
        var review = new Reply(await _chat.NewMessagesAsync("wjw.fgld"));
        var leader = _chat.As("wjw.fgld");

        (await _chat.As("wjw.lly").PressesAsync(review.Choices[0].Value)).Shows("只有本单位的分管领导可以审核该报告。");
        (await leader.PressesAsync(review.Choices[1].Value)).Shows("请输入退回意见");
        (await leader.SaysAsync("请补充本周督查发现的问题数")).Shows("已退回，并已通知联络员");
        new Reply(await _chat.NewMessagesAsync("wjw.lly")).Shows("被分管领导", "退回", "退回意见：请补充本周督查发现的问题数").Offers("修改报告");
        Assert.Equal(ReportStatus.Draft, (await ReportAsync("wjw"))!.Status);

        await me.PressesAsync("填报");
        (await me.SaysAsync("1")).Shows("已被退回，退回意见：请补充本周督查发现的问题数", "请核对");
        (await me.PressesAsync("提交")).Shows("已提交，等待分管领导");
        Assert.Equal(ReportStatus.PendingReview, (await ReportAsync("wjw"))!.Status);
    }

    [Fact]
    public async Task Status_ShowsWhatIsDueAndWhatWasSubmitted()
    {
        var me = await FillToSummaryAsync();
        await me.PressesAsync("提交");

        (await me.SaysAsync("状态")).Shows("**省发展改革委**", "2026年第47周", "未报送（已逾期，可回复“填报”补报）",
            "2026年第48周", "已报送（11月25日（周三）10:30，按时）");
        (await _chat.As("office.clerk1").SaysAsync("status")).Shows("2026年第48周（11月20日至11月26日）周报", "已报送 1/45");
    }

    [Fact]
    public async Task HelpAndUnknownInput_AreAnswered()
    {
        var me = _chat.As("fgw.lly");
        (await me.SaysAsync("帮助")).Shows("**填报**：", "**状态**：");
        (await me.SaysAsync("你好")).Shows("未能识别该指令").Offers("填报", "查看状态", "帮助");
    }

    [Fact]
    public async Task SameDelivery_Twice_IsHandledOnce()
    {
        var inbox = _chat.Services.GetRequiredService<IInbox>();
        var message = new InboundMessage(ChannelNames.Local, "same-id", "fgw.lly", "填报", null, null, Wednesday);

        Assert.True(await inbox.AcceptAsync(message, "fgw.lly"));
        Assert.False(await inbox.AcceptAsync(message, "fgw.lly"));
        await _chat.HandlePendingAsync();

        Assert.Single(await _chat.NewMessagesAsync("fgw.lly"));
    }

    private async Task<Speaker> FillToSummaryAsync()
    {
        var me = await StartAsync();
        await me.SaysAsync("旧的进展");
        await me.PressesAsync("完成");
        await me.SaysAsync("旧的问题");
        await me.SaysAsync("下周计划");
        await me.PressesAsync("跳过");
        (await me.PressesAsync("跳过")).Shows("请核对");
        return me;
    }

    private static async Task FinishAsync(Speaker me, string expectSubmitted = "报送成功。")
    {
        await me.SaysAsync("旧的进展");
        await me.PressesAsync("完成");
        await me.SaysAsync("旧的问题");
        await me.SaysAsync("下周计划");
        await me.PressesAsync("跳过");
        await me.PressesAsync("跳过");
        (await me.PressesAsync("提交")).Shows(expectSubmitted);
    }
}

/// <summary>The same report dialog conversations on PostgreSQL (skipped with a reason without CHATOPS_TEST_POSTGRES).</summary>
public sealed class PostgreSqlReportDialogTests : ReportDialogTests
{
    protected override string Provider => StorageProviders.PostgreSql;
}
