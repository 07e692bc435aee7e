using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;
using ChatOps.Core.Reports;
using ChatOps.Core.Reports.Scheduling;
using static ChatOps.Core.Tests.Reports.Scheduling.SchedulingHarness;

namespace ChatOps.Core.Tests.Reports.Scheduling;

public class ReportSchedulerTests
{
    private const string WeeklyLiaisons = "chen li zhao";
    private const string QuarterlyLiaisons = "chen li sun zhao";
    private const string OfficeStaff = "wu zhou";
    private static readonly string[] Office = ["wu", "zhou"];

    /// <summary>(instant, cycle, period, what, recipients sorted and joined) for every batch queued.</summary>
    private static List<(DateTimeOffset At, string Cycle, string Period, string What, string To)> Batches(SchedulingHarness h) =>
        [.. h.Sent
            .GroupBy(s => (s.At, s.Cycle, s.Period, s.What))
            .OrderBy(g => g.Key.At).ThenBy(g => g.Key.Cycle, StringComparer.Ordinal).ThenBy(g => g.Key.What, StringComparer.Ordinal)
            .Select(g => (g.Key.At, g.Key.Cycle, g.Key.Period, g.Key.What, string.Join(' ', g.Select(s => s.Person).Order(StringComparer.Ordinal))))];

    [Fact]
    public async Task OrdinaryWeek_MinuteByMinute_PromptsRemindsAndChasesAtExactInstants()
    {
        // Starts Thursday 11-19 18:00 (after W47's deadline), runs every minute to Friday 11-27 08:00.
        var h = new SchedulingHarness(Utc("2026-11-19T10:00:00Z"));

        await h.RunEveryMinuteUntilAsync("2026-11-27T00:00:00Z");

        Assert.Equal(
            [
                (Utc("2026-11-25T02:00:00Z"), "weekly", "2026-W48", "first-prompt", WeeklyLiaisons),
                (Utc("2026-11-26T01:00:00Z"), "weekly", "2026-W48", "morning-reminder", WeeklyLiaisons),
                (Utc("2026-11-26T07:00:00Z"), "weekly", "2026-W48", "final-reminder", WeeklyLiaisons),
                (Utc("2026-11-26T09:00:00Z"), "weekly", "2026-W48", "overdue", WeeklyLiaisons),
                (Utc("2026-11-26T09:00:00Z"), "weekly", "2026-W48", "overdue-summary", OfficeStaff),
            ],
            Batches(h));
        Assert.Equal(
            ["first-prompt", "morning-reminder", "final-reminder", "overdue"],
            h.Engine.StepLog.Where(s => s.Period == "2026-W48").Select(s => s.Step));
        Assert.All(h.Sent, s => Assert.Equal(ChannelNames.WeCom, s.Item.Channel));
        Assert.Equal("wx-li", h.Sent.First(s => s.Person == "li").Item.Address);
    }

    [Fact]
    public async Task OrdinaryWeek_MessagesNameTheCycleThePeriodAndTheDeadline()
    {
        var h = new SchedulingHarness(Utc("2026-11-19T10:00:00Z"));

        await h.RunEveryMinuteUntilAsync("2026-11-26T09:00:00Z");

        var prompt = h.Sent.Single(s => s.What == "first-prompt" && s.Person == "li").Item.Message;
        Assert.Equal(OutboundKind.Choices, prompt.Kind);
        Assert.Equal("周报填报提醒", prompt.Title);
        Assert.Equal(
            "李明同志：\n请于11月26日（周四）17:00前报送省卫生健康委2026年第48周（11月20日至11月26日）工作信息周报。\n点“开始填报”，按提示逐项填写即可。",
            prompt.Text);
        Assert.Equal([new Choice("开始填报", "填报"), new Choice("查看状态", "状态")], prompt.Choices);

        var morning = h.Sent.Single(s => s.What == "morning-reminder" && s.Person == "zhao").Item.Message;
        Assert.Equal("周报今日截止", morning.Title);
        Assert.Equal("赵刚同志：\n省教育厅2026年第48周（11月20日至11月26日）工作信息周报将于今天17:00截止。目前尚未收到贵单位报送，请抓紧填报。", morning.Text);

        var final = h.Sent.Single(s => s.What == "final-reminder" && s.Person == "chen").Item.Message;
        Assert.Equal("周报即将截止", final.Title);
        Assert.Contains("将于今天17:00截止，距截止还有2小时。", final.Text, StringComparison.Ordinal);

        var overdue = h.Sent.Single(s => s.What == "overdue" && s.Person == "chen").Item.Message;
        Assert.Equal("周报已逾期", overdue.Title);
        Assert.Equal(
            "陈静同志：\n昆明市2026年第48周（11月20日至11月26日）工作信息周报的报送时限（11月26日（周四）17:00）已过，目前仍未收到贵单位报送，请尽快补报。如有特殊情况，请及时与办公室联系。",
            overdue.Text);
        Assert.Equal("立即补报", overdue.Choices[0].Label);
        Assert.Equal("填报", overdue.Choices[0].Value);
    }

    [Fact]
    public async Task NationalDayWeek_MinuteByMinute_MergedWeekAndPostponedQuarterPromptedBeforeTheHoliday()
    {
        // Starts Thursday 09-24 18:00 (after W39's deadline) and runs every minute through the holiday to 10-08 18:00.
        var h = new SchedulingHarness(Utc("2026-09-24T10:00:00Z"));

        await h.RunEveryMinuteUntilAsync("2026-10-08T10:00:00Z");

        Assert.Equal(
            [
                (Utc("2026-09-30T02:00:00Z"), "quarterly", "2026-Q3", "first-prompt", QuarterlyLiaisons),
                (Utc("2026-09-30T02:00:00Z"), "weekly", "2026-W40+W41", "first-prompt", WeeklyLiaisons),
                (Utc("2026-10-08T01:00:00Z"), "quarterly", "2026-Q3", "morning-reminder", QuarterlyLiaisons),
                (Utc("2026-10-08T01:00:00Z"), "weekly", "2026-W40+W41", "morning-reminder", WeeklyLiaisons),
                (Utc("2026-10-08T07:00:00Z"), "quarterly", "2026-Q3", "final-reminder", QuarterlyLiaisons),
                (Utc("2026-10-08T07:00:00Z"), "weekly", "2026-W40+W41", "final-reminder", WeeklyLiaisons),
                (Utc("2026-10-08T09:00:00Z"), "quarterly", "2026-Q3", "overdue", QuarterlyLiaisons),
                (Utc("2026-10-08T09:00:00Z"), "quarterly", "2026-Q3", "overdue-summary", OfficeStaff),
                (Utc("2026-10-08T09:00:00Z"), "weekly", "2026-W40+W41", "overdue", WeeklyLiaisons),
                (Utc("2026-10-08T09:00:00Z"), "weekly", "2026-W40+W41", "overdue-summary", OfficeStaff),
            ],
            Batches(h));

        var weekly = h.Sent.Single(s => s.Cycle == "weekly" && s.What == "first-prompt" && s.Person == "li").Text;
        Assert.Equal(
            "李明同志：\n请于10月8日（周四）17:00前报送省卫生健康委2026年第40—41周（9月25日至10月8日）工作信息周报（原定10月1日，因国庆节放假顺延）。\n点“开始填报”，按提示逐项填写即可。",
            weekly);
        var quarterly = h.Sent.Single(s => s.Cycle == "quarterly" && s.What == "first-prompt" && s.Person == "sun").Item.Message;
        Assert.Equal("季报填报提醒", quarterly.Title);
        Assert.Equal(
            "孙丽同志：\n请于10月8日（周四）17:00前报送健康知识普及行动组2026年第三季度工作进展季报（原定10月5日，因国庆节放假顺延）。\n点“开始填报”，按提示逐项填写即可。",
            quarterly.Text);
    }

    [Fact]
    public async Task HostDownOverThePrompt_SendsItOnceAfterRestart()
    {
        var h = new SchedulingHarness(Utc("2026-11-24T02:00:00Z"));
        await h.RunAsync();

        Assert.Equal(3, await h.RunAtAsync("2026-11-25T05:17:00Z"));
        Assert.Equal(0, await h.RunAsync());
        Assert.Equal(0, await h.RunAtAsync("2026-11-25T05:18:00Z"));

        Assert.Equal([(Utc("2026-11-25T05:17:00Z"), "weekly", "2026-W48", "first-prompt", WeeklyLiaisons)], Batches(h));
        await h.RunAtAsync("2026-11-26T01:00:00Z");
        Assert.Equal(6, h.Sent.Count);
    }

    [Fact]
    public async Task HostDownOverPromptAndMorningReminder_SendsOnlyTheLatest()
    {
        var h = new SchedulingHarness(Utc("2026-11-24T02:00:00Z"));
        await h.RunAsync();

        await h.RunAtAsync("2026-11-26T03:00:00Z");

        Assert.Equal([(Utc("2026-11-26T03:00:00Z"), "weekly", "2026-W48", "morning-reminder", WeeklyLiaisons)], Batches(h));
        Assert.Contains(("weekly", "2026-W48", "first-prompt"), h.Engine.DoneSteps);
    }

    [Fact]
    public async Task HostDownOverTheDeadline_SendsNoPromptsButRunsTheOverdueFlow()
    {
        var h = new SchedulingHarness(Utc("2026-11-24T02:00:00Z"));
        await h.RunAsync();

        await h.RunAtAsync("2026-11-27T01:30:00Z");

        Assert.Equal(
            [
                (Utc("2026-11-27T01:30:00Z"), "weekly", "2026-W48", "overdue", WeeklyLiaisons),
                (Utc("2026-11-27T01:30:00Z"), "weekly", "2026-W48", "overdue-summary", OfficeStaff),
            ],
            Batches(h));
        Assert.Equal(
            ["final-reminder", "first-prompt", "morning-reminder", "overdue"],
            h.Engine.DoneSteps.Where(s => s.Period == "2026-W48").Select(s => s.Step).Order(StringComparer.Ordinal));
        Assert.Equal(0, await h.RunAtAsync("2026-11-27T01:31:00Z"));
    }

    [Fact]
    public async Task HostDownLongerThanTheCatchUpLimit_LeavesTheOldPeriodAlone()
    {
        var h = new SchedulingHarness(Utc("2026-11-24T02:00:00Z"));
        await h.RunAsync();

        // W48 was due 11-26 09:00Z; five days later only W49's own first prompt (12-02 02:00Z) is due.
        await h.RunAtAsync("2026-12-02T02:00:00Z");

        Assert.Equal([(Utc("2026-12-02T02:00:00Z"), "weekly", "2026-W49", "first-prompt", WeeklyLiaisons)], Batches(h));
    }

    [Fact]
    public async Task FirstRunEver_AfterADeadline_DoesNotChaseThePeriodTheBotNeverPrompted()
    {
        var h = new SchedulingHarness(Utc("2026-11-26T12:00:00Z"));

        Assert.Equal(0, await h.RunAsync());
        Assert.Contains(("weekly", "2026-W48", "overdue"), h.Engine.DoneSteps);

        await h.RunAtAsync("2026-12-02T02:00:00Z");
        Assert.Equal([(Utc("2026-12-02T02:00:00Z"), "weekly", "2026-W49", "first-prompt", WeeklyLiaisons)], Batches(h));
    }

    [Fact]
    public async Task FirstRunEver_InsideAnOpenPeriod_CatchesUpItsPrompt()
    {
        var h = new SchedulingHarness(Utc("2026-11-25T06:00:00Z"));

        Assert.Equal(3, await h.RunAsync());

        Assert.Equal([(Utc("2026-11-25T06:00:00Z"), "weekly", "2026-W48", "first-prompt", WeeklyLiaisons)], Batches(h));
    }

    [Fact]
    public async Task RunTwiceAtTheSameInstant_SequentiallyOrConcurrently_NothingIsSentTwice()
    {
        var h = new SchedulingHarness(Utc("2026-11-24T02:00:00Z"));
        await h.RunAsync();
        h.Time.SetUtcNow(Utc("2026-11-26T09:00:00Z"));

        var counts = await Task.WhenAll(h.RunAsync(), h.RunAsync(), h.RunAsync());
        Assert.Equal(0, await h.RunAsync());

        Assert.Equal(5, counts.Sum());
        Assert.Equal(5, h.Sent.Count);
        Assert.Equal(h.Sent.Count, h.Sent.Select(s => s.Item.DedupeKey).Distinct().Count());
    }

    [Fact]
    public async Task SecondSchedulerInstance_SameDatabase_DoesNotRepeatSteps()
    {
        var h = new SchedulingHarness(Utc("2026-11-25T02:00:00Z"));
        await h.RunAsync();
        var other = new ReportScheduler(h.Cycles, h.Periods, h.Engine, h.Directory,
            new RecipientRouter(new EnabledChannels([ChannelNames.WeCom])),
            Microsoft.Extensions.Options.Options.Create(new ReportSchedulerOptions()),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<ReportScheduler>.Instance);

        Assert.Equal(0, await other.RunDueAsync(h.Now, TestContext.Current.CancellationToken));
        Assert.Equal(3, h.Sent.Count);
    }

    [Fact]
    public async Task CommitFails_StepIsNotRecorded_AndTheNextRunSendsIt()
    {
        var h = new SchedulingHarness(Utc("2026-11-24T02:00:00Z"));
        await h.RunAsync();
        h.Time.SetUtcNow(Utc("2026-11-25T02:00:00Z"));
        h.Engine.FailNextCommit = true;

        await Assert.ThrowsAsync<AggregateException>(h.RunAsync);
        Assert.Empty(h.Sent);
        Assert.DoesNotContain(("weekly", "2026-W48", "first-prompt"), h.Engine.DoneSteps);

        await h.RunAtAsync("2026-11-25T02:01:00Z");
        Assert.Equal(3, h.Sent.Count);
    }

    [Fact]
    public async Task SubmittedPendingAndExemptLiaisons_AreNotChased_DraftsAre()
    {
        var h = new SchedulingHarness(Utc("2026-11-24T02:00:00Z"));
        await h.RunAsync();
        await h.RunAtAsync("2026-11-25T02:00:00Z");
        h.Engine.AddReport("weekly", "2026-W48", "wjw", ReportStatus.PendingReview, h.Now);
        h.Engine.AddReport("weekly", "2026-W48", "jyt", ReportStatus.Draft, h.Now);
        await h.Exemptions.ExemptAsync("weekly", "2026-W48", "chen", "休假", "zhou", TestContext.Current.CancellationToken);

        await h.RunAtAsync("2026-11-26T01:00:00Z");
        await h.RunAtAsync("2026-11-26T07:00:00Z");
        await h.RunAtAsync("2026-11-26T09:00:00Z");

        Assert.Equal(["zhao"], h.Sent.Where(s => s.What == "morning-reminder").Select(s => s.Person));
        Assert.Equal(["zhao"], h.Sent.Where(s => s.What == "final-reminder").Select(s => s.Person));
        Assert.Equal(["zhao"], h.Sent.Where(s => s.What == "overdue").Select(s => s.Person));
        Assert.Contains("已开始填写但尚未提交", h.Sent.Single(s => s.What == "morning-reminder").Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmittedBeforeThePrompt_IsNotPrompted()
    {
        var h = new SchedulingHarness(Utc("2026-11-24T02:00:00Z"));
        await h.RunAsync();
        h.Engine.AddReport("weekly", "2026-W48", "km", ReportStatus.Submitted, h.Now);

        await h.RunAtAsync("2026-11-25T02:00:00Z");

        Assert.Equal(["li", "zhao"], h.Sent.Select(s => s.Person).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task OfficeSummary_ListsMissingUnitsByNameWithCounts()
    {
        var h = new SchedulingHarness(Utc("2026-11-24T02:00:00Z"));
        await h.RunAsync();
        h.Engine.AddReport("weekly", "2026-W48", "wjw", ReportStatus.Submitted, h.Now);
        h.Engine.AddReport("weekly", "2026-W48", "jyt", ReportStatus.Draft, h.Now);
        await h.Exemptions.ExemptAsync("weekly", "2026-W48", "chen", "休假", "zhou", TestContext.Current.CancellationToken);

        await h.RunAtAsync("2026-11-26T09:00:00Z");

        var summaries = h.Sent.Where(s => s.What == "overdue-summary").ToList();
        Assert.Equal(Office, summaries.Select(s => s.Person).Order(StringComparer.Ordinal));
        var message = summaries[0].Item.Message;
        Assert.Equal(OutboundKind.Markdown, message.Kind);
        Assert.Equal("周报报送情况", message.Title);
        Assert.Equal(
            "**2026年第48周（11月20日至11月26日）工作信息周报报送情况**\n" +
            "截止时间：11月26日（周四）17:00\n" +
            "应报4个单位，已报1个，未报2个，请假免催1个。\n\n" +
            "未报单位：\n" +
            "1. 省教育厅（联络员：赵刚，已开始填写未提交）\n" +
            "2. 红河州（未设联络员）\n\n" +
            "请假免催：\n" +
            "1. 昆明市（联络员：陈静）",
            message.Text);
    }

    [Fact]
    public async Task OfficeSummary_PendingReviewCountsAsReported_AndAllReportedIsSaid()
    {
        var h = new SchedulingHarness(Utc("2026-11-24T02:00:00Z"));
        await h.RunAsync();
        h.Directory.Snapshot = h.Directory.Snapshot with { Units = [.. h.Directory.Snapshot.Units.Where(u => u.Code != "hh")] };
        h.Engine.AddReport("weekly", "2026-W48", "wjw", ReportStatus.PendingReview, h.Now);
        h.Engine.AddReport("weekly", "2026-W48", "jyt", ReportStatus.Submitted, h.Now);
        h.Engine.AddReport("weekly", "2026-W48", "km", ReportStatus.Submitted, h.Now);

        await h.RunAtAsync("2026-11-26T09:00:00Z");

        Assert.Equal(Office, h.Sent.Select(s => s.Person).Order(StringComparer.Ordinal));
        Assert.EndsWith("应报3个单位，已报3个（其中1个待分管领导审核），未报0个。\n各单位均已报送。", h.Sent[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LeaderNotice_OnlyWhenTheCycleAsksForIt()
    {
        var off = new SchedulingHarness(Utc("2026-11-24T02:00:00Z"));
        await off.RunAsync();
        await off.RunAtAsync("2026-11-26T09:00:00Z");
        Assert.DoesNotContain(off.Sent, s => s.Person == "wang");

        var on = new SchedulingHarness(Utc("2026-11-24T02:00:00Z"), PromptSchedule.Default with { NotifyLeaderOnOverdue = true });
        await on.RunAsync();
        await on.RunAtAsync("2026-11-26T09:00:00Z");

        var notice = Assert.Single(on.Sent, s => s.Person == "wang" && s.Cycle == "weekly");
        Assert.Equal("overdue-leader-wjw", notice.What);
        Assert.Equal("周报逾期提醒", notice.Item.Message.Title);
        Assert.Equal(
            "王芳同志：\n省卫生健康委2026年第48周（11月20日至11月26日）工作信息周报已过报送时限（11月26日（周四）17:00），目前仍未报送（联络员：李明）。请督促及时补报。",
            notice.Text);
    }

    [Fact]
    public async Task LeaderNotice_NotForUnitsThatSubmittedOrAreExempt()
    {
        var h = new SchedulingHarness(Utc("2026-11-24T02:00:00Z"), PromptSchedule.Default with { NotifyLeaderOnOverdue = true });
        await h.RunAsync();
        h.Engine.AddReport("weekly", "2026-W48", "wjw", ReportStatus.PendingReview, h.Now);

        await h.RunAtAsync("2026-11-26T09:00:00Z");

        Assert.DoesNotContain(h.Sent, s => s.Person == "wang");
    }

    [Fact]
    public async Task UnreachableLiaison_IsNotQueued_AndTheSummarySaysToCall()
    {
        var h = new SchedulingHarness(Utc("2026-11-24T02:00:00Z"));
        var li = h.Directory.Snapshot.People.Single(p => p.Id == "li");
        h.Directory.Snapshot = h.Directory.Snapshot with { People = [.. h.Directory.Snapshot.People.Where(p => p.Id != "li"), li with { Identities = [] }] };
        await h.RunAsync();

        await h.RunAtAsync("2026-11-26T09:00:00Z");

        Assert.DoesNotContain(h.Sent, s => s.Person == "li");
        Assert.Contains("1. 省卫生健康委（联络员：李明，消息无法送达，电话13800000001）", h.Sent.First(s => s.What == "overdue-summary").Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FinalReminderCaughtUpLate_SaysTheTimeActuallyLeft()
    {
        var h = new SchedulingHarness(Utc("2026-11-26T02:00:00Z"));
        await h.RunAsync();

        await h.RunAtAsync("2026-11-26T08:15:30Z");

        var reminder = h.Sent.Last();
        Assert.Equal("final-reminder", reminder.What);
        Assert.Contains("距截止还有45分钟。", reminder.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendPromptsNow_QueuesTheCurrentPeriodsPrompt_RepeatablyAndWithoutTouchingTheSchedule()
    {
        var h = new SchedulingHarness(Utc("2026-11-23T03:00:00Z"));
        h.Engine.AddReport("weekly", "2026-W48", "jyt", ReportStatus.Submitted, h.Now);

        var first = await h.Scheduler.SendPromptsNowAsync("weekly", h.Now, "cli:zhou", TestContext.Current.CancellationToken);
        h.Time.Advance(TimeSpan.FromSeconds(5));
        var second = await h.Scheduler.SendPromptsNowAsync("WEEKLY", h.Now, "cli:zhou", TestContext.Current.CancellationToken);

        Assert.Equal("2026-W48", first.Period.Key);
        Assert.Equal((2, 1, 0), (first.Queued, first.Submitted, first.Exempt));
        Assert.Equal(["红河州"], first.Unreachable);
        Assert.Equal(2, second.Queued);
        Assert.Equal(4, h.Sent.Count);
        Assert.All(h.Sent, s => Assert.StartsWith("manual-", s.What, StringComparison.Ordinal));
        Assert.Equal("周报填报提醒", h.Sent[0].Item.Message.Title);
        Assert.Empty(h.Engine.DoneSteps);

        await h.RunAtAsync("2026-11-25T02:00:00Z");
        Assert.Equal(["chen", "li"], h.Sent.Where(s => s.What == "first-prompt").Select(s => s.Person).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SendPromptsNow_UnknownCycle_IsRefusedNamingTheKnownOnes()
    {
        var h = new SchedulingHarness(Utc("2026-11-23T03:00:00Z"));

        var ex = await Assert.ThrowsAsync<SchedulingException>(() => h.Scheduler.SendPromptsNowAsync("monthly", h.Now, "cli", TestContext.Current.CancellationToken));

        Assert.Contains("weekly（周报）", ex.Message, StringComparison.Ordinal);
        Assert.Empty(h.Sent);
    }

    [Fact]
    public async Task DirectoryIsReadOncePerRun_AndNotAtAllWhenNothingIsDue()
    {
        var h = new SchedulingHarness(Utc("2026-11-24T02:00:00Z"));
        await h.RunAsync();
        Assert.Equal(0, h.Directory.Loads);

        await h.RunAtAsync("2026-11-26T09:00:00Z");
        Assert.Equal(1, h.Directory.Loads);
    }
}
