using ChatOps.Bot.Meetings;
using ChatOps.Core.Meetings;
using ChatOps.Core.Organization;
using ChatOps.Core.Reports.Scheduling;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Bot.Tests.Conversations;

/// <summary>
/// One last card per person, whichever feature sent it (issue 15): on channels without buttons a bare number, or a
/// choice's label, answers the newest card with choices and no older one; a card expires after a week; a dialog step
/// waiting for a number reads it first. Conversations on the real engine and SQLite, with meetings and report prompts.
/// </summary>
public sealed class LastCardTests : IAsyncLifetime
{
    /// <summary>Wednesday 2026-11-25 10:30 in Kunming: the 2026-W48 report is due tomorrow 17:00.</summary>
    private static readonly DateTimeOffset Wednesday = new(2026, 11, 25, 10, 30, 0, TimeSpan.FromHours(8));

    private static readonly Actor Clerk = new("office.clerk1", "余波", Roles.OfficeStaff, null, "test");

    private ChatHarness _chat = null!;

    public async ValueTask InitializeAsync() =>
        _chat = await ChatHarness.StartAsync(Wednesday, configure: b =>
        {
            b.Services.AddReportSchedulingCore();
            b.AddMeetings();
        });

    public async ValueTask DisposeAsync() => await _chat.DisposeAsync();

    /// <summary>Invites 省发展改革委 and 省卫生健康委 to a meeting on 10 December; their liaisons get a card 参加 / 请假.</summary>
    private async Task<Meeting> InviteAsync()
    {
        var meeting = (await _chat.Services.GetRequiredService<MeetingService>().CreateAsync(Clerk, new MeetingDraft(
            "办公室会议", "领导小组办公室会议", "office.head", "2026-12-10 09:00", "2026-12-10 10:30", "省卫生健康委3楼会议室", null, null,
            ["unit:fgw", "unit:wjw"]))).Value!.Meeting;
        new Reply(await _chat.NewMessagesAsync("fgw.lly")).Shows("会议通知").Offers("参加", "请假");
        await _chat.NewMessagesAsync("wjw.lly");
        return meeting;
    }

    /// <summary>The office sends the week's report prompt; every liaison gets a card 开始填报 / 查看状态.</summary>
    private async Task PromptAsync()
    {
        var office = _chat.As("office.clerk1");
        await office.SaysAsync("发送提醒");
        (await office.PressesAsync("确认")).Shows("已向 45 个单位的联络员发送");
        new Reply(await _chat.NewMessagesAsync("fgw.lly")).Shows("周报填报提醒").Offers("开始填报", "查看状态");
    }

    private async Task<AttendanceAnswer> AnswerOfAsync(long meetingId, string personId)
    {
        await using var work = await _chat.Services.GetRequiredService<Core.Conversations.IUnitOfWorkFactory>().BeginAsync();
        var store = _chat.Services.GetRequiredService<IMeetingStoreFactory>().For(work);
        return (await store.ListAttendeesAsync(meetingId)).Single(a => a.PersonId == personId).Answer;
    }

    [Fact]
    public async Task AMeetingCardThenAReportCard_OneAnswersTheReportCard()
    {
        var meeting = await InviteAsync();
        await PromptAsync();

        (await _chat.As("fgw.lly").SaysAsync("1")).Shows("请选择要填报的报告").DoesNotShow("已确认");
        Assert.Equal(AttendanceAnswer.Pending, await AnswerOfAsync(meeting.Id, "fgw.lly"));
    }

    [Fact]
    public async Task AReportCardThenAMeetingCard_OneAnswersTheMeetingCard_OnceOnly()
    {
        await PromptAsync();
        var meeting = await InviteAsync();
        var fgw = _chat.As("fgw.lly");

        (await fgw.SaysAsync("1")).Shows("已确认：您将参加").DoesNotShow("请选择要填报的报告");
        Assert.Equal(AttendanceAnswer.Attending, await AnswerOfAsync(meeting.Id, "fgw.lly"));
        (await fgw.SaysAsync("1")).Shows("未能识别该指令").DoesNotShow("填报的报告"); // used up: the older report card is not answered either
    }

    [Fact]
    public async Task AChoicesLabel_AnswersTheLastCard()
    {
        await PromptAsync();

        (await _chat.As("fgw.lly").SaysAsync("开始填报")).Shows("请选择要填报的报告");
    }

    [Fact]
    public async Task ACardOlderThanAWeek_IsNotAnswered()
    {
        var meeting = await InviteAsync();

        _chat.Clock.Advance(TimeSpan.FromDays(6));
        (await _chat.As("wjw.lly").SaysAsync("1")).Shows("已确认：您将参加");
        _chat.Clock.Advance(TimeSpan.FromDays(2)); // 8 days after the invitation, the meeting still ahead
        (await _chat.As("fgw.lly").SaysAsync("1")).Shows("未能识别该指令").DoesNotShow("已确认");
        Assert.Equal(AttendanceAnswer.Pending, await AnswerOfAsync(meeting.Id, "fgw.lly"));
    }

    [Fact]
    public async Task ADialogStepWaitingForANumber_ReadsItFirst_EvenAfterANewerCard()
    {
        var fgw = _chat.As("fgw.lly");
        (await fgw.SaysAsync("填报")).Shows("请选择要填报的报告", "1. 2026年第48周");
        var meeting = await InviteAsync(); // a newer card while the dialog waits

        (await fgw.SaysAsync("1")).Shows("开始填报省发展改革委2026年第48周").DoesNotShow("已确认");
        Assert.Equal(AttendanceAnswer.Pending, await AnswerOfAsync(meeting.Id, "fgw.lly"));
    }
}
