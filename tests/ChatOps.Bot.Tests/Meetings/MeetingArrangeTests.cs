using ChatOps.Bot.Tests.Conversations;
using ChatOps.Core.Audit;
using ChatOps.Core.Conversations;
using ChatOps.Core.Meetings;
using ChatOps.Core.Organization;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Bot.Tests.Meetings;

/// <summary>
/// Issue 15's meeting items as conversations on the real engine and SQLite: office staff and hosts arrange, move and
/// cancel meetings in a guided dialog (a same-title meeting at the same time asks first), a substitute declines with a
/// reason, numbered replies answer meeting cards, and every change has its audit line.
/// </summary>
public sealed class MeetingArrangeTests : IAsyncLifetime
{
    /// <summary>Wednesday 2026-11-25 10:00 in Kunming.</summary>
    private static readonly DateTimeOffset Wednesday = new(2026, 11, 25, 10, 0, 0, TimeSpan.FromHours(8));

    private static readonly Actor Clerk = new("office.clerk1", "余波", Roles.OfficeStaff, null, "test");

    private MeetingChat _chat = null!;

    public async ValueTask InitializeAsync() => _chat = await MeetingChat.StartAsync(Wednesday);

    public async ValueTask DisposeAsync() => await _chat.DisposeAsync();

    private async Task<Meeting> GroupMeetingAsync() =>
        (await _chat.Meetings.CreateAsync(Clerk, new MeetingDraft(
            "领导小组会议", "领导小组第4次全体会议", "group.leader", "2026-12-01 15:00", "2026-12-01 17:00", "省政府第一会议室", null, null,
            ["unit:fgw", "unit:wjw"]))).Value!.Meeting;

    private async Task<IReadOnlyList<AuditEntry>> AuditAsync(string action) =>
        await _chat.Services.GetRequiredService<IAuditQuery>().ListAsync(new AuditFilter(ActionPrefix: action));

    [Fact]
    public async Task OfficeStaff_ArrangeAMeetingInChat_StepByStep_AttendeesInvited_Audited()
    {
        var clerk = _chat.As("office.clerk1");
        (await clerk.SaysAsync("安排会议")).Shows("请选择会议类型").Offers("领导小组会议", "办公室会议", "专题会议", "周例会");
        (await clerk.SaysAsync("2")).Shows("请输入会议名称");
        (await clerk.SaysAsync("领导小组办公室第12次会议")).Shows("请输入会议时间");
        (await clerk.SaysAsync("12月1日上午")).Shows("“12月1日上午”不是有效的会议时间");
        (await clerk.SaysAsync("2026-11-20 09:00-10:30")).Shows("请输入会议地点");
        (await clerk.SaysAsync("省卫生健康委3楼会议室")).Shows("请输入参会单位或人员");
        (await clerk.SaysAsync("省发展改革委、省卫生健康委")).Shows("请输入主持人姓名");
        (await clerk.SaysAsync("蔡霞")).Shows("开始时间11月20日（周五）9:00已过，请核对。", "请输入会议时间"); // the use case's check, back to the field
        (await clerk.SaysAsync("2026-12-01 09:00-10:30")).Shows("会议安排", "会议类型：办公室会议", "会议名称：领导小组办公室第12次会议",
            "时间：12月1日（周二）9:00—10:30", "地点：省卫生健康委3楼会议室", "主持人：蔡霞", "参会人员：2人（宋蓉（省发展改革委）、罗倩（省卫生健康委））")
            .Offers("确认安排", "取消");
        (await clerk.PressesAsync("确认安排")).Shows("已安排领导小组办公室第12次会议（#", "12月1日（周二）9:00—10:30在省卫生健康委3楼会议室召开，已向2位参会人员发出会议通知。");

        (await _chat.As("fgw.lly").ReceivesAsync()).Shows("会议通知", "宋蓉同志：", "定于12月1日（周二）9:00—10:30在省卫生健康委3楼会议室召开领导小组办公室第12次会议")
            .Offers("参加", "请假");
        var line = Assert.Single(await AuditAsync("meeting.create"));
        Assert.Equal(("office.clerk1", "chat:local"), (line.ActorId, line.Source));
        Assert.StartsWith("领导小组办公室第12次会议（邀请2人）", line.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SameTitleAndTime_AsksFirst_CancelKeepsOne_ConfirmMakesASecond()
    {
        var first = await GroupMeetingAsync();
        var clerk = _chat.As("office.clerk2");
        async Task<Reply> ArrangeTwinAsync()
        {
            await clerk.SaysAsync("安排会议");
            await clerk.SaysAsync("领导小组会议");
            await clerk.SaysAsync("领导小组第4次全体会议");
            await clerk.SaysAsync("2026年12月1日 15：00至17：00");
            await clerk.SaysAsync("省政府第一会议室");
            await clerk.SaysAsync("省教育厅");
            await clerk.SaysAsync("谭磊");
            return await clerk.PressesAsync("确认安排");
        }

        (await ArrangeTwinAsync()).Shows($"同一时间已安排同名会议：领导小组第4次全体会议（#{first.Id}，12月1日（周二）15:00—17:00在省政府第一会议室）。", "如确需另行安排，请选择“仍然安排”。")
            .Offers("仍然安排", "取消");
        (await clerk.SaysAsync("取消")).Shows("已取消，会议安排未作改动。");
        Assert.Single(await _chat.ReadAsync(s => s.ListScheduledEndingAfterAsync(Wednesday)));

        await ArrangeTwinAsync();
        (await clerk.PressesAsync("仍然安排")).Shows("已安排领导小组第4次全体会议", "已向1位参会人员发出会议通知。");
        Assert.Equal(2, (await _chat.ReadAsync(s => s.ListScheduledEndingAfterAsync(Wednesday))).Count);
    }

    [Fact]
    public async Task Host_MovesTheirMeeting_TimeAndPlace_AttendeesTold_ALiaisonMayNot()
    {
        var m = await GroupMeetingAsync();
        var fgw = _chat.As("fgw.lly");
        await fgw.ReceivesAsync();
        (await fgw.SaysAsync("调整会议")).Shows("只有领导小组办公室和本次会议的主持人可以调整会议安排。");

        var host = _chat.As("group.leader");
        (await host.SaysAsync("调整会议")).Shows("请选择要调整的会议").Offers("12月1日（周二）15:00 领导小组第4次全体会议");
        (await host.SaysAsync("1")).Shows("请输入新的会议时间");
        (await host.SaysAsync("2026-12-02 15:00-17:00")).Shows("请输入新的会议地点");
        (await host.SaysAsync("省政府第二会议室")).Shows("会议调整", "原定：12月1日（周二）15:00—17:00在省政府第一会议室", "调整为：12月2日（周三）15:00—17:00在省政府第二会议室")
            .Offers("确认安排", "取消");
        (await host.PressesAsync("确认安排")).Shows("已调整：领导小组第4次全体会议改为12月2日（周三）15:00—17:00在省政府第二会议室召开，已通知参会人员和主持人。");

        (await fgw.ReceivesAsync()).Shows("会议安排调整", "宋蓉同志：",
            "原定12月1日（周二）15:00—17:00在省政府第一会议室召开的领导小组第4次全体会议，调整为12月2日（周三）15:00—17:00在省政府第二会议室召开，请准时参加。")
            .Offers("参加", "请假");
        Assert.Equal("group.leader", Assert.Single(await AuditAsync("meeting.move")).ActorId);

        (await host.SaysAsync("调整会议")).Shows("请选择要调整的会议");
        await host.SaysAsync("1");
        await host.SaysAsync("不变");
        (await host.SaysAsync("省政府第三会议室")).Shows("调整为：12月2日（周三）15:00—17:00在省政府第三会议室");
        await host.PressesAsync("确认安排");
        (await fgw.ReceivesAsync()).Shows("会议地点调整", "在省政府第二会议室召开的领导小组第4次全体会议，调整为12月2日（周三）15:00—17:00在省政府第三会议室召开");
        Assert.Equal("省政府第三会议室", (await _chat.ReadAsync(s => s.FindMeetingAsync(m.Id)))!.Place);
    }

    [Fact]
    public async Task ARefusedMove_IsShownBeforeTheSummary_BackToItsField_NothingChanged()
    {
        var m = await GroupMeetingAsync();
        var host = _chat.As("group.leader");
        await host.SaysAsync("调整会议");
        await host.SaysAsync("1");
        await host.SaysAsync("2026-02-30 09:00-10:00"); // looks like a time, is no date: never shown as the old time in the summary
        (await host.SaysAsync("不变")).Shows("开始时间“2026-02-30 09:00”格式不正确", "请输入新的会议时间").DoesNotShow("会议调整");
        (await host.SaysAsync("2026-11-20 09:00-10:30")).Shows("开始时间11月20日（周五）9:00已过，请核对。", "请输入新的会议时间");
        (await host.SaysAsync("2026-12-03 09:00-11:00")).Shows("会议调整", "原定：12月1日（周二）15:00—17:00在省政府第一会议室",
            "调整为：12月3日（周四）9:00—11:00在省政府第一会议室").Offers("确认安排", "取消");
        (await host.SaysAsync("取消")).Shows("已取消");

        await host.SaysAsync("调整会议");
        await host.SaysAsync("1");
        await host.SaysAsync("不变");
        (await host.SaysAsync("不变")).Shows(MeetingText.SameArrangement, "请输入新的会议地点");
        Assert.Equal(m.StartsAt, (await _chat.ReadAsync(s => s.FindMeetingAsync(m.Id)))!.StartsAt);
        Assert.Empty(await AuditAsync("meeting.move"));
    }

    [Fact]
    public async Task ALeaveDialogStoredBeforeTheAnswerDialogsSharedTheirDraft_StartsAgain_NothingSent()
    {
        var m = await GroupMeetingAsync();
        await using (var work = await _chat.Services.GetRequiredService<IUnitOfWorkFactory>().BeginAsync(TestContext.Current.CancellationToken))
        {
            // The draft's meeting was "MeetingId" before MeetingAnswerDraft named it "Id": read as meeting 0, it must not be acted on.
            await work.Dialogs.SaveAsync(new DialogState("fgw.lly", MeetingLeaveDialog.Name, "Reason", $$"""{"MeetingId":{{m.Id}}}""", Wednesday), TestContext.Current.CancellationToken);
            await work.CommitAsync(TestContext.Current.CancellationToken);
        }

        (await _chat.As("fgw.lly").SaysAsync("赴京参加培训")).Shows(MeetingText.LeaveDialogExpired);
        Assert.Empty(await _chat.ReadAsync(s => s.ListLeaveAsync(m.Id)));
    }

    [Fact]
    public async Task Host_CancelsInChat_WithAReason_AttendeesTold_Audited()
    {
        var m = await GroupMeetingAsync();
        var wjw = _chat.As("wjw.lly");
        await wjw.ReceivesAsync();
        var host = _chat.As("group.leader");
        await host.SaysAsync("取消会议");
        (await host.SaysAsync("1")).Shows("请简要说明取消原因");
        (await host.SaysAsync("与省政府常务会议时间冲突")).Shows("确认取消12月1日（周二）15:00的领导小组第4次全体会议吗？", "取消原因：与省政府常务会议时间冲突")
            .Offers("确认取消", "不取消");
        (await host.PressesAsync("确认取消")).Shows("已取消12月1日（周二）15:00的领导小组第4次全体会议。已通知参会人员。");

        (await wjw.ReceivesAsync()).Shows("会议取消", "罗倩同志：", "原定12月1日（周二）15:00—17:00召开的领导小组第4次全体会议取消（与省政府常务会议时间冲突）。");
        Assert.Equal(MeetingStatus.Cancelled, (await _chat.ReadAsync(s => s.FindMeetingAsync(m.Id)))!.Status);
        Assert.Equal("group.leader", Assert.Single(await AuditAsync("meeting.cancel")).ActorId);
    }

    [Fact]
    public async Task Substitute_CannotAttend_WithAReason_AttendeeAndHostToldAtOnce_RosterShowsIt()
    {
        var m = (await _chat.Meetings.CreateAsync(Clerk, new MeetingDraft(
            "办公室会议", "领导小组办公室会议", "office.head", "2026-12-01 09:00", "2026-12-01 10:30", "省卫生健康委3楼会议室", null, null, ["unit:fgw,unit:wjw"]))).Value!.Meeting;
        var fgw = _chat.As("fgw.lly");
        await fgw.PressesAsync($"请假 #{m.Id}");
        await fgw.SaysAsync("参加省政府专题会议");
        await fgw.SaysAsync("王建华");
        await fgw.PressesAsync("提交");
        var host = _chat.As("office.head");
        var card = await host.ReceivesAsync();
        await host.PressesAsync(card.Choices[0].Value);
        await fgw.ReceivesAsync();

        var substitute = _chat.As("sw-xcb.lly");
        var invitation = (await substitute.ReceivesAsync()).Offers("收到，将按时参会", "不能参加");
        (await substitute.PressesAsync(invitation.Choices[1].Value)).Shows("您原定代宋蓉（省发展改革委）参加", "请说明不能出席的事由");
        (await substitute.SaysAsync("会")).Shows("请具体说明请假事由");
        (await substitute.SaysAsync("同一时间需参加省委宣传部部务会")).Shows(
            "已告知宋蓉（省发展改革委）和主持人蔡霞：您因故（事由：同一时间需参加省委宣传部部务会）不能代为出席领导小组办公室会议。");

        (await fgw.ReceivesAsync()).Shows("代为参会人员不能出席", "宋蓉同志：",
            "王建华（省委宣传部（省文明办））因故（事由：同一时间需参加省委宣传部部务会）不能出席", "请您本人参会，或重新请假并另行指定代为参会人员。")
            .Offers("参加", "重新请假");
        (await host.ReceivesAsync()).Shows("蔡霞同志：", "王建华（省委宣传部（省文明办）），因故（事由：同一时间需参加省委宣传部部务会）不能出席。");
        (await host.SaysAsync("名单")).Shows("由王建华（省委宣传部（省文明办））代为参会；代为参会人员因故（事由：同一时间需参加省委宣传部部务会）不能出席");
        (await substitute.PressesAsync(invitation.Choices[1].Value)).Shows("您已告知不能代为出席领导小组办公室会议，无需重复答复。");
        Assert.Equal("sw-xcb.lly", Assert.Single(await AuditAsync("meeting.substitute.decline")).ActorId);

        _chat.At(11, 30, 16);
        await _chat.RunSchedulerAsync();
        Assert.Empty((await substitute.ReceivesAsync()).Items); // no reminders for a substitute who declined

        (await fgw.PressesAsync($"参加 #{m.Id}")).Shows("已确认：您将参加", "已撤回您的请假申请，并告知主持人。");
        Assert.Empty((await substitute.ReceivesAsync()).Items); // already said they cannot come: not told again
        Assert.DoesNotContain(await _chat.ReadAsync(s => s.ListAttendeesAsync(m.Id)), a => a.PersonId == "sw-xcb.lly");
    }

    [Fact]
    public async Task NumberedReplies_AnswerTheLastMeetingCard_AsItsButtonsWould()
    {
        var m = (await _chat.Meetings.CreateAsync(Clerk, new MeetingDraft(
            "办公室会议", "领导小组办公室会议", "office.head", "2026-12-01 09:00", "2026-12-01 10:30", "省卫生健康委3楼会议室", null, null, ["unit:fgw,unit:wjw"]))).Value!.Meeting;
        var fgw = _chat.As("fgw.lly");
        (await fgw.ReceivesAsync()).Offers("参加", "请假");
        (await fgw.SaysAsync("1")).Shows("已确认：您将参加12月1日（周二）9:00");

        var wjw = _chat.As("wjw.lly");
        (await wjw.SaysAsync("2")).Shows("请假须说明事由并指定代为参会人员。");
        await wjw.SaysAsync("到北京参加国家卫生健康委培训");
        await wjw.SaysAsync("王建华");
        await wjw.SaysAsync("1"); // the dialog's own card: 提交
        var host = _chat.As("office.head");
        (await host.ReceivesAsync()).Offers("批准", "不批准");
        (await host.SaysAsync("1")).Shows("已批准罗倩（省卫生健康委）的请假，并已通知王建华代为参会。");
        (await host.SaysAsync("1")).DoesNotShow("已批准"); // answered: the number no longer means that card

        var substitute = _chat.As("sw-xcb.lly");
        (await substitute.ReceivesAsync()).Offers("收到，将按时参会", "不能参加");
        (await substitute.SaysAsync("2")).Shows("请说明不能出席的事由");
        Assert.Equal(AttendanceAnswer.Attending, (await _chat.ReadAsync(s => s.ListAttendeesAsync(m.Id))).Single(a => a.PersonId == "fgw.lly").Answer);
    }

    [Fact]
    public async Task ARefusedChange_WritesNeitherTheMeetingNorAnAuditLine()
    {
        var liaison = new Actor("fgw.lly", "宋蓉", Roles.Liaison, "fgw", "test");
        var refused = (await _chat.Meetings.CreateAsync(liaison, new MeetingDraft(
            "办公室会议", "领导小组办公室会议", "office.head", "2026-12-01 09:00", "2026-12-01 10:30", "省卫生健康委3楼会议室", null, null, ["unit:wjw"]))).Refusal!;
        Assert.Equal(MeetingProblemKind.Forbidden, refused.Kind);
        var host = new Actor("group.leader", "谭磊", Roles.GroupLeader | Roles.MeetingHost, null, "test");
        var notTheirs = (await _chat.Meetings.CreateAsync(host, new MeetingDraft(
            "办公室会议", "领导小组办公室会议", "office.head", "2026-12-01 09:00", "2026-12-01 10:30", "省卫生健康委3楼会议室", null, null, ["unit:wjw"]))).Refusal!;
        Assert.Equal(MeetingText.OwnMeetingsOnly, notTheirs.Message);
        Assert.Empty(await _chat.ReadAsync(s => s.ListScheduledEndingAfterAsync(Wednesday)));
        Assert.Empty(await AuditAsync("meeting."));
    }
}
