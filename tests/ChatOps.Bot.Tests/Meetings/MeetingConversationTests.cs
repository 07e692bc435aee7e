using ChatOps.Bot.Tests.Conversations;
using ChatOps.Core.Meetings;
using ChatOps.Core.Organization;
using ChatOps.Storage;

namespace ChatOps.Bot.Tests.Meetings;

/// <summary>
/// Meetings as conversations on the real engine, on SQLite and PostgreSQL (seed 000 第十三条): invitations, reminders, leave with a
/// substitute, the host's decision, the roster, moves and cancellations, the host who never answers, agreed items.
/// The office creates meetings through <see cref="MeetingService"/> (what the API and the CLI call).
/// </summary>
public class MeetingConversationTests : IAsyncLifetime
{
    /// <summary>The database; <see cref="PostgreSqlMeetingConversationTests"/> runs every test on PostgreSQL.</summary>
    protected virtual string Provider => StorageProviders.Sqlite;

    /// <summary>Wednesday 2026-11-25 10:00 in Kunming; the office meeting is next Tuesday 12-01 9:00–10:30.</summary>
    private static readonly DateTimeOffset Wednesday = new(2026, 11, 25, 10, 0, 0, TimeSpan.FromHours(8));

    private const string Invitation = "定于12月1日（周二）9:00—10:30在省卫生健康委3楼会议室召开领导小组办公室会议，请准时参加。";

    /// <summary>The office clerk who arranges the meetings, as the API and console pass them.</summary>
    private static readonly Actor Clerk = new("office.clerk1", "office.clerk1", Roles.OfficeStaff, null, "test");

    private MeetingChat _chat = null!;

    public async ValueTask InitializeAsync() => _chat = await MeetingChat.StartAsync(Wednesday, provider: Provider);

    public async ValueTask DisposeAsync() => await _chat.DisposeAsync();

    /// <summary>The office meeting of 12-01, hosted by the office head 蔡霞, for the liaisons of 省发展改革委, 省卫生健康委 and 省教育厅.</summary>
    private async Task<Meeting> OfficeMeetingAsync() =>
        (await _chat.Meetings.CreateAsync(Clerk, new MeetingDraft(
            "办公室会议", "领导小组办公室会议", "office.head", "2026-12-01 09:00", "2026-12-01 10:30", "省卫生健康委3楼会议室", null,
            "研究部署农贸市场环境卫生整治", ["unit:fgw,unit:wjw,unit:jyt"]))).Value!.Meeting;

    /// <summary>Runs the leave dialog up to the host's card; returns the host's card.</summary>
    private async Task<Reply> RequestLeaveAsync(Meeting m, string who, string reason, string substitute)
    {
        var me = _chat.As(who);
        (await me.PressesAsync($"请假 #{m.Id}")).Shows("请假须说明事由并指定代为参会人员。");
        (await me.SaysAsync(reason)).Shows("请指定代为参会人员");
        (await me.SaysAsync(substitute)).Shows("请假申请", $"请假事由：{reason}").Offers("提交", "重新指定代参人员", "取消");
        (await me.PressesAsync("提交")).Shows("请假申请已提交主持人");
        return await _chat.NewMessagesAsync(m.HostId);
    }

    [Fact]
    public async Task Invite_Reminder_LeaveWithASubstituteFromTheDirectory_HostApproves_SubstituteIsReminded()
    {
        var m = await OfficeMeetingAsync();
        var liaison = _chat.As("fgw.lly");
        (await liaison.ReceivesAsync()).Shows("会议通知", "宋蓉同志：\n" + Invitation, "主持人：蔡霞", "会议议题：研究部署农贸市场环境卫生整治",
            "如因特殊原因不能出席，请在会前向主持人请假，并指定代为参会人员。").Offers("参加", "请假");

        _chat.At(11, 30, 16);
        await _chat.RunSchedulerAsync();
        (await liaison.ReceivesAsync()).Shows("会议提醒", "宋蓉同志：", "领导小组办公室会议将于明天（12月1日（周二））9:00在省卫生健康委3楼会议室召开，请准时参加。",
            "请确认是否参加；如不能出席，请及时请假并指定代为参会人员。").Offers("参加", "请假");

        (await liaison.PressesAsync($"请假 #{m.Id}")).Shows("请假须说明事由并指定代为参会人员。", "请说明不能出席12月1日（周二）9:00领导小组办公室会议的事由");
        (await liaison.SaysAsync("   ")).Shows("请假事由不能为空，请重新填写。");
        (await liaison.SaysAsync("参加省政府专题会议")).Shows("请指定代为参会人员，输入其姓名即可。", "如该同志不在本系统名录中，请输入姓名和联系电话（如：张伟 13800000000）。");
        (await liaison.SaysAsync("王建华")).Shows("请假申请", "会议：领导小组办公室会议（12月1日（周二）9:00）", "请假事由：参加省政府专题会议",
            "代为参会：王建华（省委宣传部（省文明办））", "确认后将提交主持人蔡霞审批。").Offers("提交", "重新指定代参人员", "取消");
        (await liaison.PressesAsync("提交")).Shows("请假申请已提交主持人蔡霞审批，审批结果将及时通知您。");

        var host = _chat.As("office.head");
        var card = (await host.ReceivesAsync()).Shows("请假申请",
            "宋蓉（省发展改革委）因故（事由：参加省政府专题会议）不能出席12月1日（周二）9:00召开的领导小组办公室会议，申请请假。",
            "代为参会：王建华（省委宣传部（省文明办））", "请在会前审批。").Offers("批准", "不批准");
        (await host.PressesAsync(card.Choices[0].Value)).Shows("已批准宋蓉（省发展改革委）的请假，并已通知王建华代为参会。");

        (await liaison.ReceivesAsync()).Shows("请假已批准",
            "您请假不出席12月1日（周二）9:00召开的领导小组办公室会议，已获主持人蔡霞批准，由王建华（省委宣传部（省文明办））代为参会。", "已通知王建华参会，请做好工作交接。");
        var substitute = _chat.As("sw-xcb.lly");
        (await substitute.ReceivesAsync()).Shows("代为参会通知", "王建华同志：",
            "宋蓉（省发展改革委）因故（事由：参加省政府专题会议）不能出席领导小组办公室会议，经主持人蔡霞同意，由您代为参会，并承担会议确定的相关工作任务。",
            "会议定于12月1日（周二）9:00—10:30在省卫生健康委3楼会议室召开，请准时参加。").Offers("收到，将按时参会", "不能参加");

        _chat.At(12, 1, 8);
        await _chat.RunSchedulerAsync();
        (await substitute.ReceivesAsync()).Shows("会议提醒", "领导小组办公室会议将于今天9:00在省卫生健康委3楼会议室召开，请准时参加。", "您代宋蓉（省发展改革委）参会。")
            .Offers("收到，将按时参会", "不能参加");
        Assert.Empty((await liaison.ReceivesAsync()).Items); // on approved leave: no more reminders
        (await _chat.As("wjw.lly").ReceivesAsync()).Shows("会议通知", "将于明天", "将于今天9:00");
        (await host.ReceivesAsync()).Shows("参会名单", "**领导小组办公室会议**", "时间：12月1日（周二）9:00—10:30", "主持人：蔡霞",
            "应参会3人：参加0人，请假1人，请假待批0人，未答复2人。", "**请假（已批准）（1）**",
            "1. 宋蓉（省发展改革委）：参加省政府专题会议；由王建华（省委宣传部（省文明办））代为参会（未确认）", "**未答复（2）**", "董晓明（省教育厅）、罗倩（省卫生健康委）");

        (await substitute.PressesAsync($"参加 #{m.Id}")).Shows("已确认：您将代宋蓉（省发展改革委）参加12月1日（周二）9:00在省卫生健康委3楼会议室召开的领导小组办公室会议。");
        (await host.SaysAsync("名单")).Shows("由王建华（省委宣传部（省文明办））代为参会（已确认）");

        Assert.Equal(0, await _chat.RunSchedulerAsync()); // never twice
        Assert.Equal(3, await _chat.CountOutboxAsync($"meeting:{m.Id}:reminder-last:v1:"));
        Assert.Equal(3, await _chat.CountOutboxAsync($"meeting:{m.Id}:reminder-day-before:v1:"));
    }

    [Fact]
    public async Task SubstituteNotInTheDirectory_GivenByNameAndPhone_Validated_AndTheAttendeeIsAskedToPassItOn()
    {
        var m = await OfficeMeetingAsync();
        var me = _chat.As("wjw.lly");
        await me.PressesAsync($"请假 #{m.Id}");
        await me.SaysAsync("到北京参加国家卫生健康委培训");

        (await me.SaysAsync("李明")).Shows("名录中未找到“李明”。如该同志不在名录中，请输入其姓名和联系电话（如：李明 13800000000），也可以重新输入姓名查找。");
        (await me.SaysAsync("李明 1380000")).Shows("“1380000”不是有效的电话号码。请填写11位手机号码（如13800000000）或带区号的座机号码（如0871-12345678）。");
        (await me.SaysAsync("李明")).Shows("请提供李明的联系电话（手机号或带区号的座机号），如：李明 13800000000。");
        (await me.SaysAsync("13812345678")).Shows("代为参会：李明（电话13812345678，不在名录中）").Offers("提交", "重新指定代参人员", "取消");
        (await me.PressesAsync("重新指定代参人员")).Shows("请指定代为参会人员");
        (await me.SaysAsync("李明，电话（0871）65432100")).Shows("代为参会：李明（电话0871-65432100，不在名录中）");
        (await me.PressesAsync("提交")).Shows("请假申请已提交主持人蔡霞审批");

        var host = _chat.As("office.head");
        var card = (await host.ReceivesAsync()).Shows("罗倩（省卫生健康委）因故（事由：", "代为参会：李明（电话0871-65432100）");
        (await host.PressesAsync(card.Choices.Single(c => c.Label == "批准").Value))
            .Shows("已批准罗倩（省卫生健康委）的请假。李明不在本系统名录中，已请罗倩（省卫生健康委）转告会议安排（电话0871-65432100）。");
        (await me.ReceivesAsync()).Shows("请假已批准", "由李明（电话0871-65432100）代为参会。",
            "李明不在本系统名录中，请您将会议时间、地点告知本人（0871-65432100），并做好工作交接。");
        (await host.SaysAsync($"名单 #{m.Id}")).Shows("**请假（已批准）（1）**", "1. 罗倩（省卫生健康委）：到北京参加国家卫生健康委培训；由李明（电话0871-65432100）代为参会")
            .DoesNotShow("（未确认）");
    }

    [Fact]
    public async Task SeveralNamesMatch_ThePersonChooses_NeverThemselvesNorSomeoneAlreadyInvited()
    {
        var m = await OfficeMeetingAsync();
        var me = _chat.As("jyt.lly");
        await me.PressesAsync($"请假 #{m.Id}");
        await me.SaysAsync("赴昆明市督导检查");

        (await me.SaysAsync("晓明")).Shows("名录中有2位同志与“晓明”相符，请选择代为参会人员：")
            .Offers("周晓明（大理州） 爱卫办主任", "董晓明（省教育厅） 办公室副主任", "都不是（输入姓名和电话）");
        (await me.SaysAsync("2")).Shows("不能指定本人代为参会，请另行指定。（可重新回复序号选择）");
        (await me.SaysAsync("罗倩")).Shows("罗倩（省卫生健康委）已在本次会议的参会名单中，请另行指定代为参会人员。");
        (await me.SaysAsync("蔡霞")).Shows("蔡霞是会议主持人，不能代为参会，请另行指定。");
        (await me.SaysAsync("晓明")).Shows("请选择代为参会人员");
        (await me.SaysAsync("1")).Shows("代为参会：周晓明（大理州）");
        (await me.SaysAsync("取消")).Shows("已取消，请假申请未提交。");
        Assert.DoesNotContain((await _chat.NewMessagesAsync("office.head")).Items, i => i.Message.Title == "请假申请");
    }

    [Fact]
    public async Task HostRejects_WithAComment_TheAttendeeIsToldAndConfirms()
    {
        var m = await OfficeMeetingAsync();
        var card = await RequestLeaveAsync(m, "jyt.lly", "赴昆明市督导检查", "汪国平");
        var reject = card.Choices.Single(c => c.Label == "不批准").Value;
        var approve = card.Choices.Single(c => c.Label == "批准").Value;

        (await _chat.As("office.clerk1").PressesAsync(approve)).Shows("只有会议主持人可以审批这份请假申请。");
        var host = _chat.As("office.head");
        (await host.PressesAsync(reject)).Shows("请输入不批准的意见（将转告请假人），或回复“取消”。");
        (await host.SaysAsync(" ")).Shows("不批准意见不能为空，请重新填写。");
        (await host.SaysAsync("本次会议研究省教育厅牵头事项，请务必本人参加。")).Shows("已告知董晓明（省教育厅）：请假未获批准，请按时参会。");

        var me = _chat.As("jyt.lly");
        (await me.ReceivesAsync()).Shows("请假未获批准", "您请假不出席12月1日（周二）9:00召开的领导小组办公室会议，未获主持人蔡霞批准。",
            "主持人意见：本次会议研究省教育厅牵头事项，请务必本人参加。", "请按时参会；如确有特殊情况，可重新提交请假申请。").Offers("参加", "重新请假");
        Assert.DoesNotContain((await _chat.As("zrzyt.lly").ReceivesAsync()).Items, i => i.Message.Title == "代为参会通知");
        (await host.SaysAsync("名单")).Shows("应参会3人：参加0人，请假0人，请假待批0人，未答复2人，请假未获批准1人。", "**请假未获批准、未确认参会（1）**", "1. 董晓明（省教育厅）：赴昆明市督导检查；拟由汪国平（省自然资源厅）代为参会；主持人意见：本次会议研究省教育厅牵头事项");

        (await me.PressesAsync($"参加 #{m.Id}")).Shows("已确认：您将参加12月1日（周二）9:00在省卫生健康委3楼会议室召开的领导小组办公室会议。");
        (await me.PressesAsync($"参加 #{m.Id}")).Shows("无需重复确认");
        (await host.PressesAsync(approve)).Shows("这份请假申请已处理（未批准），无需重复审批。");
        (await host.SaysAsync("名单")).Shows("应参会3人：参加1人，请假0人，请假待批0人，未答复2人。", "**参加（1）**", "董晓明（省教育厅）");
    }

    [Fact]
    public async Task LeaveAfterTheStart_IsRefused_EvenWhenTheDialogBeganBefore()
    {
        var m = await OfficeMeetingAsync();
        var me = _chat.As("fgw.lly");
        _chat.At(12, 1, 8, 50);
        await me.PressesAsync($"请假 #{m.Id}");
        await me.SaysAsync("临时接到紧急任务");
        await me.SaysAsync("王建华");

        _chat.At(12, 1, 9, 2);
        (await me.PressesAsync("提交")).Shows("领导小组办公室会议已于12月1日（周二）9:00开始，不能再请假。如确有特殊情况，请直接联系主持人蔡霞。");
        (await me.PressesAsync($"请假 #{m.Id}")).Shows("已于12月1日（周二）9:00开始，不能再请假。");
        (await me.SaysAsync("请假")).Shows("您近期没有可以请假的会议。");
        Assert.DoesNotContain((await _chat.NewMessagesAsync("office.head")).Items, i => i.Message.Title == "请假申请");
        Assert.Empty(await _chat.ReadAsync(s => s.ListLeaveAsync(m.Id)));
    }

    [Fact]
    public async Task MeetingMoved_AttendeesToldAndRemindedForTheNewTime_ThenCancelled_OpenLeaveClosed()
    {
        var m = await OfficeMeetingAsync();
        var card = await RequestLeaveAsync(m, "wjw.lly", "参加国家卫生健康委视频会议", "王建华");
        var fgw = _chat.As("fgw.lly");
        await fgw.ReceivesAsync();

        var moved = (await _chat.Meetings.EditTimeAsync(Clerk, m.Id, "2026-12-02 15:00", null)).Value!;
        Assert.Equal(2, moved.TimeVersion);
        (await fgw.ReceivesAsync()).Shows("会议时间调整",
            "原定12月1日（周二）9:00—10:30召开的领导小组办公室会议，调整为12月2日（周三）15:00—16:30在省卫生健康委3楼会议室召开，请准时参加。",
            "如调整后不能出席，请及时请假并指定代为参会人员。").Offers("参加", "请假");
        (await _chat.As("office.head").ReceivesAsync()).Shows("会议时间调整", "调整为12月2日（周三）15:00—16:30");

        _chat.At(11, 30, 16);
        await _chat.RunSchedulerAsync();
        Assert.Empty((await fgw.ReceivesAsync()).Items); // the old day-before reminder is gone with the old time
        _chat.At(12, 1, 16);
        await _chat.RunSchedulerAsync();
        (await fgw.ReceivesAsync()).Shows("会议提醒", "将于明天（12月2日（周三））15:00在省卫生健康委3楼会议室召开");

        var cancelled = (await _chat.Meetings.CancelAsync(Clerk, m.Id, "与省政府常务会议时间冲突", wholeSeries: false)).Value!;
        Assert.Equal(MeetingStatus.Cancelled, Assert.Single(cancelled).Status);
        (await fgw.ReceivesAsync()).Shows("会议取消", "原定12月2日（周三）15:00—16:30召开的领导小组办公室会议取消（与省政府常务会议时间冲突）。");
        (await _chat.As("wjw.lly").ReceivesAsync()).Shows("会议取消", "已提交的请假申请不再办理。");
        Assert.Equal(LeaveStatus.Closed, Assert.Single(await _chat.ReadAsync(s => s.ListLeaveAsync(m.Id))).Status);
        (await _chat.As("office.head").PressesAsync(card.Choices[0].Value)).Shows("会议已取消，这份请假申请不再办理。");
        (await fgw.PressesAsync($"参加 #{m.Id}")).Shows("领导小组办公室会议（原定12月2日（周三）15:00）已取消。");

        var again = (await _chat.Meetings.EditTimeAsync(Clerk, m.Id, "2026-12-03 15:00", null)).Refusal!;
        Assert.Equal(MeetingProblemKind.Conflict, again.Kind);
        Assert.Equal("领导小组办公室会议已经取消，不能调整时间。", again.Message);
        _chat.At(12, 2, 14, 30);
        Assert.Equal(0, await _chat.RunSchedulerAsync());
    }

    /// <summary>
    /// 提交 of a leave request pressed at 8:59:40, before the 9:00 start, is stored then but handled after the start (a
    /// busy engine, a restart): it was asked before the meeting, so it goes to the host.
    /// </summary>
    [Fact]
    public async Task LeaveRequest_SentBeforeTheStart_HandledAfterIt_GoesToTheHost()
    {
        var m = await OfficeMeetingAsync();
        var liaison = _chat.As("fgw.lly");
        _chat.At(12, 1, 8, 55);
        await liaison.PressesAsync($"请假 #{m.Id}");
        await liaison.SaysAsync("参加省政府专题会议");
        (await liaison.SaysAsync("王建华")).Offers("提交", "重新指定代参人员", "取消");

        (await SentThenHandledAsync(liaison.PersonId, "提交", Dec1(8, 59, 40), Dec1(9, 0, 20))).Shows("请假申请已提交主持人蔡霞审批")
            .DoesNotShow("不能再请假");
        Assert.Equal(LeaveStatus.Pending, Assert.Single(await _chat.ReadAsync(s => s.ListLeaveAsync(m.Id))).Status);
    }

    /// <summary>The host's 批准 pressed before the start and handled after it is taken, not refused as too late.</summary>
    [Fact]
    public async Task Decision_SentBeforeTheStart_HandledAfterIt_IsTaken()
    {
        var (m, approve) = await LeaveRequestedBeforeTheStartAsync();

        (await SentThenHandledAsync(m.HostId, approve, Dec1(8, 59, 55), Dec1(9, 0, 30))).Shows("已批准宋蓉（省发展改革委）的请假")
            .DoesNotShow("会议已经开始");
        Assert.Equal(LeaveStatus.Approved, Assert.Single(await _chat.ReadAsync(s => s.ListLeaveAsync(m.Id))).Status);
    }

    /// <summary>
    /// At the start the scheduler waits while a host's 批准 received before it still waits for the engine: the request
    /// is approved, not marked unanswered, and the office is not told the host never answered.
    /// </summary>
    [Fact]
    public async Task StartOfTheMeeting_WaitsForAHostsDecisionReceivedBeforeIt()
    {
        var (m, approve) = await LeaveRequestedBeforeTheStartAsync();
        await SentAsync(m.HostId, approve, Dec1(8, 59, 55));
        await _chat.NewMessagesAsync("office.clerk1");

        _chat.Clock.SetUtcNow(Dec1(9, 0, 10));
        await _chat.RunSchedulerAsync();
        Assert.Equal(LeaveStatus.Pending, Assert.Single(await _chat.ReadAsync(s => s.ListLeaveAsync(m.Id))).Status);

        _chat.Clock.SetUtcNow(Dec1(9, 0, 30));
        await _chat.Services.HandlePendingAsync(_chat.Clock.GetUtcNow());
        _chat.At(12, 1, 9, 1);
        await _chat.RunSchedulerAsync();
        Assert.Equal(LeaveStatus.Approved, Assert.Single(await _chat.ReadAsync(s => s.ListLeaveAsync(m.Id))).Status);
        (await _chat.NewMessagesAsync("office.clerk1")).DoesNotShow("请假未获答复");
    }

    private static DateTimeOffset Dec1(int hour, int minute, int second) => new(2026, 12, 1, hour, minute, second, TimeSpan.FromHours(8));

    /// <summary>The office meeting of 12-01 with 宋蓉's leave request made at 8:50 that day; the meeting and the host's 批准.</summary>
    private async Task<(Meeting Meeting, string Approve)> LeaveRequestedBeforeTheStartAsync()
    {
        var m = await OfficeMeetingAsync();
        _chat.At(12, 1, 8, 50);
        var card = (await RequestLeaveAsync(m, "fgw.lly", "参加省政府专题会议", "王建华")).Offers("批准", "不批准");
        return (m, card.Choices[0].Value);
    }

    /// <summary>A button pressed at <paramref name="sent"/>: stored then, as the endpoint stores it before answering, and not handled yet.</summary>
    private async Task SentAsync(string personId, string value, DateTimeOffset sent)
    {
        _chat.Clock.SetUtcNow(sent);
        Assert.True(await _chat.Services.AcceptAsync("sent-" + Guid.NewGuid().ToString("N"), personId, null, value, sent));
    }

    /// <summary>A button pressed at <paramref name="sent"/> (stored then), handled at <paramref name="handled"/>; what the person was sent.</summary>
    private async Task<Reply> SentThenHandledAsync(string personId, string value, DateTimeOffset sent, DateTimeOffset handled)
    {
        await _chat.NewMessagesAsync(personId);
        await SentAsync(personId, value, sent);
        _chat.Clock.SetUtcNow(handled);
        await _chat.Services.HandlePendingAsync(handled);
        return await _chat.NewMessagesAsync(personId);
    }

    [Fact]
    public async Task HostNeverAnswers_OfficeToldAtTheStart_AbsenteesListedAfterTheEnd()
    {
        var created = (await _chat.Meetings.CreateAsync(Clerk, new MeetingDraft(
            "领导小组会议", "领导小组第4次全体会议", "group.leader", "2026-12-01 15:00", "2026-12-01 17:00", "省政府第一会议室", null, null,
            ["unit:fgw", "unit:wjw", "unit:jyt"]))).Value!;
        var m = created.Meeting;
        await RequestLeaveAsync(m, "fgw.lly", "陪同国家督导组检查", "王建华");
        await _chat.As("wjw.lly").PressesAsync($"参加 #{m.Id}");

        _chat.At(12, 1, 15);
        await _chat.RunSchedulerAsync();
        (await _chat.As("office.clerk1").ReceivesAsync()).Shows("请假未获答复",
            "领导小组第4次全体会议（12月1日（周二）15:00）已开始，主持人谭磊未在会前答复以下请假申请：",
            "1. 宋蓉（省发展改革委）：陪同国家督导组检查；拟由王建华（省委宣传部（省文明办））代为参会", "请与主持人核实参会安排。");
        (await _chat.As("fgw.lly").ReceivesAsync()).Shows("主持人未在领导小组第4次全体会议开始前答复您的请假申请，已告知领导小组办公室。");
        var request = Assert.Single(await _chat.ReadAsync(s => s.ListLeaveAsync(m.Id)));
        Assert.Equal(LeaveStatus.Unanswered, request.Status);
        (await _chat.As("group.leader").PressesAsync($"批准请假 #{request.Id}")).Shows("会议已经开始，这份请假申请未能在会前审批，已告知领导小组办公室。");

        _chat.At(12, 1, 17, 1);
        await _chat.RunSchedulerAsync();
        (await _chat.As("office.clerk2").ReceivesAsync()).Shows("会议缺席情况",
            "领导小组第4次全体会议（12月1日（周二）15:00—17:00）已结束。以下2人未经批准请假，也未确认参会，请核实是否缺席：",
            "1. 宋蓉（省发展改革委）（请假未获主持人答复）", "2. 董晓明（省教育厅）（未答复）").DoesNotShow("罗倩");
        Assert.Equal(0, await _chat.RunSchedulerAsync());
    }

    [Fact]
    public async Task AgreedItems_OwnerToldAndReminded_ReportsProgressAndCompletion_AnotherGoesOverdue()
    {
        var m = await OfficeMeetingAsync();
        var fgw = _chat.As("fgw.lly");
        var wjw = _chat.As("wjw.lly");
        await fgw.ReceivesAsync();
        await wjw.ReceivesAsync();
        _chat.At(12, 1, 11);
        var invalid = (await _chat.Meetings.RecordItemsAsync(Clerk, m.Id,
            [new AgreedItemDraft("", "xyz", "2026-11-30")])).Refusal!;
        Assert.Equal("请填写第1项议定事项的内容。", invalid.Errors["items[0].text"]);
        Assert.Equal("第1项：名录中没有代码或名称为“xyz”的单位。", invalid.Errors["items[0].owner"]);
        Assert.Equal("第1项的完成时限11月30日（周一）已过，请核对。", invalid.Errors["items[0].due"]);

        var items = (await _chat.Meetings.RecordItemsAsync(Clerk, m.Id,
            [new AgreedItemDraft("开展农贸市场环境卫生专项整治", "fgw", "2026-12-15"), new AgreedItemDraft("完成公共厕所达标改造摸底", "省卫生健康委", "2026-12-10")])).Value!;
        var (market, toilets) = (items[0], items[1]);
        (await fgw.ReceivesAsync()).Shows("议定事项", "12月1日（周二）召开的领导小组办公室会议议定：开展农贸市场环境卫生专项整治", "牵头单位：省发展改革委",
            "完成时限：12月15日（周二）", "请认真抓好落实，并及时反馈落实情况。").Offers("反馈落实情况");
        (await wjw.ReceivesAsync()).Shows("议定：完成公共厕所达标改造摸底");

        _chat.At(12, 7, 9);
        await _chat.RunSchedulerAsync();
        (await wjw.ReceivesAsync()).Shows("议定事项提醒", "领导小组办公室会议议定的“完成公共厕所达标改造摸底”完成时限为12月10日（周四），还有3天到期。").Offers("反馈落实情况");
        Assert.Empty((await fgw.ReceivesAsync()).Items);

        _chat.At(12, 11, 9);
        await _chat.RunSchedulerAsync();
        Assert.Empty((await wjw.ReceivesAsync()).Items); // overdue: no more reminders, the office is told instead
        (await _chat.As("office.clerk1").ReceivesAsync()).Shows("议定事项逾期提醒", "以下议定事项已超过完成时限，尚未反馈完成：",
            $"1. #{toilets.Id} 完成公共厕所达标改造摸底（省卫生健康委，完成时限12月10日（周四），未反馈）", "请督促相关单位抓紧落实。").DoesNotShow("农贸市场");

        _chat.At(12, 12, 9);
        await _chat.RunSchedulerAsync();
        (await fgw.ReceivesAsync()).Shows("议定事项提醒", "完成时限为12月15日（周二），还有3天到期。");
        Assert.Empty((await _chat.As("office.clerk1").ReceivesAsync()).Items); // listed once

        (await wjw.PressesAsync($"反馈 #{market.Id}")).Shows("这项议定事项由省发展改革委承办，只有该单位的联络员可以反馈落实情况。");
        (await fgw.PressesAsync($"反馈 #{market.Id}")).Shows("请简要说明“开展农贸市场环境卫生专项整治”的落实情况（完成时限：12月15日（周二）；回复“取消”可放弃）：");
        (await fgw.SaysAsync("已完成全省农贸市场摸底，正在组织集中整治")).Shows("该事项是否已经完成？").Offers("已完成", "正在推进");
        (await fgw.PressesAsync("正在推进")).Shows("已反馈并报领导小组办公室。请继续抓好落实，完成时限为12月15日（周二），完成后请再次反馈。");
        (await _chat.As("office.clerk1").ReceivesAsync()).Shows("议定事项落实情况反馈", "省发展改革委（宋蓉）反馈议定事项落实情况：",
            "落实情况：已完成全省农贸市场摸底，正在组织集中整治", "状态：正在推进");
        Assert.DoesNotContain((await _chat.As("office.clerk2").ReceivesAsync()).Items, i => i.Message.Title == "议定事项落实情况反馈"); // the recorder is told

        _chat.At(12, 14, 9);
        await _chat.RunSchedulerAsync();
        (await fgw.ReceivesAsync()).Shows("明天到期");
        (await fgw.SaysAsync("反馈")).Shows("请简要说明“开展农贸市场环境卫生专项整治”的落实情况");
        await fgw.SaysAsync("全省农贸市场集中整治已完成，已组织验收");
        (await fgw.PressesAsync("已完成")).Shows("已反馈，该事项已标记为完成，并已报领导小组办公室。");
        Assert.Equal(AgreedItemStatus.Done, (await _chat.ReadAsync(s => s.FindItemAsync(market.Id)))!.Status);
        (await _chat.As("office.clerk1").ReceivesAsync()).Shows("落实情况：全省农贸市场集中整治已完成，已组织验收", "状态：已完成");

        _chat.At(12, 16, 9);
        await _chat.RunSchedulerAsync();
        Assert.Empty((await _chat.As("office.clerk1").ReceivesAsync()).Items);
        (await _chat.As("office.clerk1").SaysAsync("议定事项")).Shows("**已逾期（1）**", "完成公共厕所达标改造摸底").DoesNotShow("农贸市场");
        (await fgw.SaysAsync("议定事项")).Shows("本单位目前没有待落实的议定事项。");
    }

    [Fact]
    public async Task SecondRequest_ReplacesTheFirst_AndReleasesItsSubstitute()
    {
        var m = await OfficeMeetingAsync();
        var first = await RequestLeaveAsync(m, "fgw.lly", "参加省政府专题会议", "王建华");
        var host = _chat.As("office.head");
        await host.PressesAsync(first.Choices[0].Value);
        await _chat.As("sw-xcb.lly").ReceivesAsync();

        var me = _chat.As("fgw.lly");
        (await me.PressesAsync($"请假 #{m.Id}")).Shows("您的请假已获批准（由王建华代为参会）；重新提交将替换原申请，需主持人重新审批。");
        await me.SaysAsync("参加省政府专题会议，改由本单位其他同志参会");
        await me.SaysAsync("汪国平");
        (await me.PressesAsync("提交")).Shows("请假申请已提交主持人蔡霞审批（原申请已作废），审批结果将及时通知您。");

        (await _chat.As("sw-xcb.lly").ReceivesAsync()).Shows("宋蓉（省发展改革委）的参会安排已有调整，您无需代为出席12月1日（周二）9:00召开的领导小组办公室会议。");
        var second = (await host.ReceivesAsync()).Shows("（重新提交，原申请作废）", "代为参会：汪国平（省自然资源厅）");
        (await host.PressesAsync(first.Choices[0].Value)).Shows("请假人已重新提交申请，这份申请已作废，请审批新的申请。");
        (await host.SaysAsync("批准")).Shows("已批准宋蓉（省发展改革委）的请假，并已通知汪国平代为参会。");
        Assert.Contains(second.Choices, c => c.Label == "批准");
        var attendees = await _chat.ReadAsync(s => s.ListAttendeesAsync(m.Id));
        Assert.DoesNotContain(attendees, a => a.PersonId == "sw-xcb.lly");
        Assert.Contains(attendees, a => a.PersonId == "zrzyt.lly" && a.Role == AttendeeRole.Substitute);

        (await me.PressesAsync($"参加 #{m.Id}")).Shows("已确认：您将参加", "已撤回您的请假申请，并告知主持人。");
        (await host.ReceivesAsync()).Shows("宋蓉（省发展改革委）已撤回请假申请，将本人参加", "原定代为参会的汪国平不再参会。");
        (await _chat.As("zrzyt.lly").ReceivesAsync()).Shows("您无需代为出席");
    }

    [Fact]
    public async Task RecurringMeeting_OnAPublicHoliday_IsFlaggedToTheOffice_NotSilentlyHeld()
    {
        await _chat.DisposeAsync();
        _chat = await MeetingChat.StartAsync(new DateTimeOffset(2026, 9, 28, 10, 0, 0, TimeSpan.FromHours(8)), provider: Provider);
        var created = (await _chat.Meetings.CreateAsync(Clerk, new MeetingDraft(
            "周例会", "领导小组办公室周例会", "office.head", "2026-09-29 09:00", "2026-09-29 10:00", "省卫生健康委3楼会议室", null, null,
            ["unit:fgw"], "weekly:TUE"))).Value!;
        Assert.Equal("weekly:TUE", created.Series!.Rule.ToString());
        var fgw = _chat.As("fgw.lly");
        (await fgw.ReceivesAsync()).Shows("定于9月29日（周二）9:00—10:00在省卫生健康委3楼会议室召开领导小组办公室周例会");

        _chat.At(9, 29, 9);
        await _chat.RunSchedulerAsync();
        var clerk = _chat.As("office.clerk1");
        var flag = (await clerk.ReceivesAsync()).Shows("会议日期提醒",
            "领导小组办公室周例会（每周二）下次会议应于10月6日（周二）9:00召开，当天为国庆节假期。", "本次会议的通知和提醒暂不发送。")
            .Offers("照常召开", "取消本次会议");
        Assert.Empty((await fgw.ReceivesAsync()).Items);

        _chat.At(10, 5, 16);
        await _chat.RunSchedulerAsync();
        (await clerk.ReceivesAsync()).Shows("会议日期待确认", "当天为国庆节假期，至今尚未确认是否照常召开，会议通知和提醒均未发送。");
        Assert.Empty((await fgw.ReceivesAsync()).Items);

        (await fgw.PressesAsync(flag.Choices[1].Value)).Shows("只有领导小组办公室和本次会议的主持人可以取消会议。");
        (await clerk.PressesAsync(flag.Choices[1].Value)).Shows("已取消10月6日（周二）9:00的领导小组办公室周例会。该次会议的通知尚未发出，无需另行告知参会人员。");
        Assert.Empty((await fgw.ReceivesAsync()).Items);

        await _chat.RunSchedulerAsync();
        (await fgw.ReceivesAsync()).Shows("会议通知", "定于10月13日（周二）9:00—10:00在省卫生健康委3楼会议室召开领导小组办公室周例会");
        Assert.Equal(0, await _chat.RunSchedulerAsync());
    }

    [Fact]
    public async Task MonthlyMeeting_OnAWeekend_OfficeConfirmsItIsHeld_ThenInvitationsGoOut()
    {
        await _chat.DisposeAsync();
        _chat = await MeetingChat.StartAsync(new DateTimeOffset(2026, 7, 14, 10, 0, 0, TimeSpan.FromHours(8)), provider: Provider);
        Assert.True((await _chat.Meetings.CreateAsync(Clerk, new MeetingDraft(
            "领导小组会议", "领导小组月度会议", "group.leader", "2026-07-15 15:00", "2026-07-15 17:00", "省政府第一会议室", null, null,
            ["unit:fgw"], "monthly:15"))).Succeeded);

        _chat.At(7, 15, 15);
        await _chat.RunSchedulerAsync();
        var flag = (await _chat.As("office.clerk2").ReceivesAsync()).Shows("下次会议应于8月15日（周六）15:00召开，当天为周六（休息日）。");
        await _chat.As("fgw.lly").ReceivesAsync();

        (await _chat.As("office.clerk2").PressesAsync(flag.Choices[0].Value)).Shows("已确认领导小组月度会议于8月15日（周六）15:00照常召开，会议通知已发送。");
        (await _chat.As("fgw.lly").ReceivesAsync()).Shows("会议通知", "定于8月15日（周六）15:00—17:00在省政府第一会议室召开领导小组月度会议");
        (await _chat.As("office.clerk2").PressesAsync(flag.Choices[0].Value)).Shows("无需确认");
    }

    [Fact]
    public async Task RemindersSurviveARestart_AndAreNeverSentTwice_AndADialogContinues()
    {
        var m = await OfficeMeetingAsync();
        var me = _chat.As("fgw.lly");
        await me.PressesAsync($"请假 #{m.Id}");
        await me.SaysAsync("参加省政府专题会议");
        _chat.At(11, 30, 16);
        Assert.Equal(3, await _chat.RunSchedulerAsync());
        var now = _chat.Clock.GetUtcNow();
        _chat = await _chat.RestartAsync(now.AddMinutes(1));
        Assert.Equal(0, await _chat.RunSchedulerAsync());
        Assert.Equal(3, await _chat.CountOutboxAsync($"meeting:{m.Id}:reminder-day-before:v1:"));
        (await _chat.As("fgw.lly").SaysAsync("王建华")).Shows("代为参会：王建华（省委宣传部（省文明办））");

        _chat.Clock.SetUtcNow(now.AddHours(16)); // 12-01 08:00
        Assert.Equal(4, await _chat.RunSchedulerAsync()); // the last reminder to the three liaisons, the roster to the host
    }

    [Fact]
    public async Task MyMeetings_Help_AndTypedLabels_OnChannelsWithoutButtons()
    {
        var m = await OfficeMeetingAsync();
        var me = _chat.As("wjw.lly");

        (await me.SaysAsync("会议")).Shows("近期会议", "1. 12月1日（周二）9:00—10:30 领导小组办公室会议（省卫生健康委3楼会议室）：未答复，请回复“参加 #" + m.Id + "”或“请假 #" + m.Id + "”")
            .Offers("参加", "请假");
        (await me.SaysAsync("参加")).Shows("已确认：您将参加12月1日（周二）9:00");
        (await me.SaysAsync("会议")).Shows("：已确认参加");
        (await me.SaysAsync("帮助")).Shows("**会议**：查看近期需要参加的会议", "**议定事项**：查看本单位承办的会议议定事项");
        (await _chat.As("office.head").SaysAsync("帮助")).Shows("**名单**：查看您主持的会议的参会名单");
        (await _chat.As("jyt.lly").SaysAsync("名单")).Shows("您近期没有主持的会议。");
        (await _chat.As("jyt.lly").PressesAsync($"名单 #{m.Id}")).Shows("只有会议主持人和领导小组办公室可以查看参会名单。");
        (await _chat.As("sw-xcb.lly").PressesAsync($"请假 #{m.Id}")).Shows("您不在领导小组办公室会议的参会名单中，无需请假。");
        (await _chat.As("office.head").PressesAsync($"请假 #{m.Id}")).Shows("您是领导小组办公室会议的主持人，无需请假。");
        (await me.PressesAsync("参加 #999")).Shows("未找到编号为999的会议。");
    }
}

/// <summary>The same meeting conversations on PostgreSQL (skipped with a reason without CHATOPS_TEST_POSTGRES).</summary>
public sealed class PostgreSqlMeetingConversationTests : MeetingConversationTests
{
    protected override string Provider => StorageProviders.PostgreSql;
}
