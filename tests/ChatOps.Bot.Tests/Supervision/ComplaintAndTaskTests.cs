using ChatOps.Core.Supervision;

namespace ChatOps.Bot.Tests.Supervision;

/// <summary>社会监督 complaints (the reporter stays with the office) and 督办 tasks (reminders, one escalation step at a time, the monthly 通报 draft).</summary>
public sealed class ComplaintAndTaskTests
{
    [Fact]
    public async Task Complaint_ReporterIsNeverShownToTheUnit_OnlyToTheOffice()
    {
        await using var chat = await SupervisionChat.StartAsync();
        var imported = await chat.ImportAsync(SupervisionKind.Complaint,
            "被举报地,具体位置,举报内容,整改时限,举报人,联系电话",
            "文山州,七都市场,夜间噪声扰民、垃圾乱倒,2026-12-20,张晓梅,13912345678");
        Assert.True(imported.Succeeded, string.Join("\n", imported.Errors));
        var liaison = chat.As("532600.lly");

        var notices = await chat.InboxTextAsync("532600.lly");
        var list = (await liaison.SaysAsync("问题清单")).Shows("群众投诉举报", "#1 文山州·七都市场").Text;
        var detail = (await liaison.SaysAsync("问题详情 #1")).Shows("来源：社会监督平台").Text;
        await liaison.SaysAsync("整改 #1");
        await liaison.SaysAsync("已清理并设置夜间巡查");
        await chat.InWorkAsync((s, w, now) => s.AssignSupervisorAsync(w, SupervisionChat.Office, "532600", "dzz.wenshan", now));
        var forSupervisor = (await chat.As("dzz.wenshan").SaysAsync("问题详情 #1")).Text;
        foreach (var seen in new[] { notices, list, detail, forSupervisor })
        {
            Assert.DoesNotContain("张晓梅", seen, StringComparison.Ordinal);
            Assert.DoesNotContain("13912345678", seen, StringComparison.Ordinal);
        }

        (await chat.As("office.clerk1").SaysAsync("问题详情 #1")).Shows("举报人：张晓梅 13912345678（仅办公室可见）");
    }

    [Fact]
    public async Task Task_RemindedBeforeDeadline_ThenLeader_ThenOffice_OneStepAtATime()
    {
        await using var chat = await SupervisionChat.StartAsync();
        var created = await chat.InWorkAsync((s, w, now) => s.CreateTaskAsync(w, SupervisionChat.Office,
            new TaskDraft("530100", "完成主城区农贸市场提升改造", "2026-12-04", "12个市场通过验收", "领导批示"), now));
        Assert.True(created.Succeeded, created.Message);
        Assert.Contains("完成标准：12个市场通过验收", await chat.InboxTextAsync("530100.lly"), StringComparison.Ordinal);

        Assert.Equal(1, await chat.RunSchedulerAsync()); // 1 Dec, three days before: reminder
        Assert.Contains("整改时限为2026年12月4日", await chat.InboxTextAsync("530100.lly"), StringComparison.Ordinal);
        Assert.Equal(0, await chat.RunSchedulerAsync());

        chat.Clock.Advance(TimeSpan.FromDays(4)); // Saturday 5 December: overdue
        Assert.True(await chat.RunSchedulerAsync() >= 2);
        Assert.Contains("已超过整改时限", await chat.InboxTextAsync("530100.fgld"), StringComparison.Ordinal);
        Assert.Equal("", await chat.InboxTextAsync("office.clerk1"));
        Assert.Equal(0, await chat.RunSchedulerAsync());

        chat.Clock.Advance(TimeSpan.FromDays(3));
        Assert.True(await chat.RunSchedulerAsync() >= 1);
        Assert.Contains("余波同志：\n#1 督办事项（昆明市）已逾期4天，已提醒该单位分管领导", await chat.InboxTextAsync("office.clerk1"), StringComparison.Ordinal);
        Assert.Equal(0, await chat.RunSchedulerAsync());
    }

    [Fact]
    public async Task Task_OnlyTheOfficeVerifies_AndTheMonthlyCircularIsDrafted()
    {
        await using var chat = await SupervisionChat.StartAsync();
        await chat.InWorkAsync((s, w, now) => s.CreateTaskAsync(w, SupervisionChat.Office,
            new TaskDraft("fgw", "制定爱国卫生专项资金管理办法", "2026-12-25", "印发办法", "领导小组会议决定"), now));
        await chat.As("fgw.lly").SaysAsync("办结 #1");
        (await chat.As("fgw.lly").SaysAsync("办法已印发")).Shows("待领导小组办公室核验销号");
        (await chat.As("dzz.wenshan").SaysAsync("销号 #1")).Shows(SupervisionText.OnlyOfficeVerifies);
        (await chat.As("fgw.lly").SaysAsync("销号 #1")).Shows(SupervisionText.OnlyOfficeVerifies);
        (await chat.As("office.clerk1").SaysAsync("销号 #1")).Shows("#1 已核验销号");

        chat.Clock.Advance(TimeSpan.FromDays(31)); // 1 January 2027 09:30: December's 通报
        await chat.RunSchedulerAsync();
        Assert.Contains("2026年12月督办事项落实情况通报草稿", await chat.InboxTextAsync("office.clerk1"), StringComparison.Ordinal);
        Assert.Equal(0, await chat.RunSchedulerAsync());
    }

    [Fact]
    public async Task WeeklySummary_OnMonday_ToSupervisorAndOffice_Once()
    {
        await using var chat = await SupervisionChat.StartAsync();
        await chat.SeedWenshanAsync();
        await chat.InWorkAsync((s, w, now) => s.SetMilestoneAsync(w, SupervisionChat.Office, new DateOnly(2026, 11, 30), 90, now));
        await chat.InboxTextAsync("dzz.wenshan");
        await chat.InboxTextAsync("office.clerk1");

        chat.Clock.Advance(TimeSpan.FromDays(6)); // Monday 7 December
        await chat.RunSchedulerAsync();

        var summary = await chat.InboxTextAsync("dzz.wenshan");
        Assert.Contains("文山州问题清单整改周报", summary, StringComparison.Ordinal);
        Assert.Contains("问题总数2个，已销号0个，整改达标率0%（目标：11月30日前达90%，**未达目标**）", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("红河州", summary, StringComparison.Ordinal);
        Assert.Contains("红河州问题清单整改周报", await chat.InboxTextAsync("office.clerk1"), StringComparison.Ordinal);
        await chat.RunSchedulerAsync();
        Assert.DoesNotContain("周报", await chat.InboxTextAsync("dzz.wenshan"), StringComparison.Ordinal);
    }
}
