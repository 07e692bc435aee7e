using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;
using Microsoft.Extensions.Logging;

namespace ChatOps.Core.Meetings;

/// <summary>
/// Meetings in the conversation (seed 000 第十三条): attendees answer 参加 or 请假 (a short dialog: reason, then the
/// substitute — found in the directory by name, or given by name and phone), the host approves or rejects with a
/// comment, hosts and the office read the roster, office staff confirm or cancel a meeting flagged for a holiday, and
/// liaisons report on agreed items (反馈落实情况). Every button's value is also accepted typed ("请假 #12"), and the bare
/// labels (参加, 请假, 批准, 不批准, 反馈) work on channels without buttons when the meeting or request is unambiguous.
/// </summary>
public sealed partial class MeetingFeature(
    IMeetingStoreFactory stores,
    IDirectoryRepository directory,
    MeetingService service,
    MeetingNotices notices,
    MeetingCalendar calendar,
    ILogger<MeetingFeature> logger) : IConversationFeature
{
    /// <summary>The leave dialog (reason → substitute → confirm).</summary>
    public const string LeaveDialog = "leave";

    /// <summary>The host's comment when not approving.</summary>
    public const string RejectDialog = "leave-reject";

    /// <summary>The agreed-item feedback dialog.</summary>
    public const string FeedbackDialog = "feedback";

    private static readonly string[] MyMeetings = ["会议", "我的会议", "近期会议", "meetings"];
    private static readonly string[] ItemsWords = ["议定事项", "督办事项", "items"];

    /// <inheritdoc/>
    public IReadOnlyCollection<string> Dialogs { get; } = [LeaveDialog, RejectDialog, FeedbackDialog];

    /// <inheritdoc/>
    public async Task<bool> TryHandleAsync(Turn turn, DialogState? state, CancellationToken cancellationToken = default)
    {
        var said = Commands.Normalize(turn.Said).Normalize(NormalizationForm.FormKC);
        var action = ActionPattern().Match(said);
        if (action.Success)
        {
            var verb = action.Groups[1].Value;
            var id = long.Parse(action.Groups[2].Value, CultureInfo.InvariantCulture);
            await HandleActionAsync(turn, verb, id, cancellationToken);
            return true;
        }

        // Bare words are commands only outside a dialog, so they never swallow an answer to another question.
        if (state is not null)
        {
            return false;
        }

        if (Commands.Is(said, MyMeetings))
        {
            await ListMyMeetingsAsync(turn, cancellationToken);
            return true;
        }

        if (Commands.Is(said, ItemsWords))
        {
            await ListItemsAsync(turn, cancellationToken);
            return true;
        }

        switch (said)
        {
            case "名单" or "参会名单" or "roster":
                await RosterForHostAsync(turn, cancellationToken);
                return true;
            case "参加" or "收到，将按时参会": // not a bare 收到: circulars are acknowledged with it
                return await BareAttendOrLeaveAsync(turn, attend: true, cancellationToken);
            case "请假" or "重新请假":
                return await BareAttendOrLeaveAsync(turn, attend: false, cancellationToken);
            case "批准" or "不批准":
                return await BareDecisionAsync(turn, approve: said == "批准", cancellationToken);
            case "反馈" or "反馈落实情况":
                await BareFeedbackAsync(turn, cancellationToken);
                return true;
            default:
                return false;
        }
    }

    /// <inheritdoc/>
    public Task ContinueAsync(Turn turn, DialogState state, CancellationToken cancellationToken = default) => state.Dialog switch
    {
        LeaveDialog => ContinueLeaveAsync(turn, state, cancellationToken),
        RejectDialog => ContinueRejectAsync(turn, state, cancellationToken),
        _ => ContinueFeedbackAsync(turn, state, cancellationToken),
    };

    /// <inheritdoc/>
    public async Task CancelAsync(Turn turn, DialogState state, CancellationToken cancellationToken = default)
    {
        await turn.Work.Dialogs.ClearAsync(turn.Person.Id, cancellationToken);
        await turn.ReplyAsync(OutboundMessage.Plain(state.Dialog switch
        {
            LeaveDialog => "已取消，请假申请未提交。",
            RejectDialog => "已取消，这份请假申请仍待您审批。",
            _ => "已取消，未提交反馈。",
        }), cancellationToken);
    }

    /// <inheritdoc/>
    public IEnumerable<string> HelpLines(Person person)
    {
        yield return "**会议**：查看近期需要参加的会议；收到会议通知后点击“参加”或“请假”（请假须说明事由并指定代为参会人员）";
        if (person.Roles.HasFlag(Roles.MeetingHost) || person.Roles.HasFlag(Roles.GroupLeader))
        {
            yield return "**名单**：查看您主持的会议的参会名单；收到请假申请后点击“批准”或“不批准”";
        }

        if (person.Roles.HasFlag(Roles.OfficeStaff))
        {
            yield return "**名单 #会议编号**：查看任一会议的参会名单；**议定事项**：查看各单位议定事项落实情况";
        }
        else if (person.Roles.HasFlag(Roles.Liaison))
        {
            yield return "**议定事项**：查看本单位承办的会议议定事项；**反馈**：反馈落实情况";
        }
    }

    private Task HandleActionAsync(Turn turn, string verb, long id, CancellationToken cancellationToken) => verb switch
    {
        "参加" => AttendAsync(turn, id, cancellationToken),
        "请假" => StartLeaveAsync(turn, id, cancellationToken),
        "批准请假" or "批准" => DecideAsync(turn, id, approve: true, cancellationToken),
        "不批准" => DecideAsync(turn, id, approve: false, cancellationToken),
        "名单" => RosterAsync(turn, id, cancellationToken),
        "反馈" => StartFeedbackAsync(turn, id, cancellationToken),
        "照常召开" => ConfirmAsync(turn, id, cancellationToken),
        _ => CancelMeetingAsync(turn, id, cancellationToken),
    };

    /// <summary>参加 #id: an invitee confirms (withdrawing any leave request), a substitute confirms.</summary>
    private async Task AttendAsync(Turn turn, long id, CancellationToken cancellationToken)
    {
        var store = stores.For(turn.Work);
        var meeting = await store.FindMeetingAsync(id, cancellationToken);
        if (await RefuseClosedAsync(turn, meeting, id, "确认参会", cancellationToken))
        {
            return;
        }

        var m = meeting!;
        var snapshot = await directory.LoadAsync(cancellationToken);
        var attendees = await store.ListAttendeesAsync(id, cancellationToken);
        var me = attendees.FirstOrDefault(a => a.PersonId == turn.Person.Id);
        var when = $"{MeetingText.When(m.StartsAt, notices.Office)}{MeetingText.Venue(m)}召开的{m.Title}";
        if (me is null)
        {
            await turn.ReplyAsync(OutboundMessage.Plain(m.HostId == turn.Person.Id
                ? $"您是{m.Title}的主持人，无需确认参会。"
                : $"您不在{m.Title}的参会名单中。如需参会，请联系领导小组办公室。"), cancellationToken);
            return;
        }

        if (me.Answer == AttendanceAnswer.Attending)
        {
            await turn.ReplyAsync(OutboundMessage.Plain($"您已确认参加{when}，无需重复确认。"), cancellationToken);
            return;
        }

        await store.SaveAttendeeAsync(me with { Answer = AttendanceAnswer.Attending, AnsweredAt = turn.Now }, cancellationToken);
        if (me.Role == AttendeeRole.Substitute)
        {
            await turn.ReplyAsync(OutboundMessage.Plain($"已确认：您将代{MeetingText.Label(me.SubstituteFor ?? "", snapshot)}参加{when}。"), cancellationToken);
            return;
        }

        var open = (await store.ListLeaveAsync(id, cancellationToken))
            .Where(r => r.PersonId == turn.Person.Id && r.Status is LeaveStatus.Pending or LeaveStatus.Approved).ToList();
        foreach (var request in open)
        {
            await store.UpdateLeaveAsync(request with { Status = LeaveStatus.Withdrawn, DecidedAt = turn.Now, DecidedBy = turn.Person.Id }, cancellationToken);
            await ReleaseSubstituteAsync(turn, store, m, attendees, request, snapshot, cancellationToken);
        }

        if (open.Count > 0)
        {
            var text = $"{MeetingText.Label(turn.Person, snapshot)}撤回请假申请，将本人参加{when}。" +
                (open.Any(r => r.Status == LeaveStatus.Approved) ? $"原定代为参会的{open.First(r => r.Status == LeaveStatus.Approved).SubstituteName}不再参会。" : "");
            await notices.SendAsync(turn.Work, m.HostId, snapshot, OutboundMessage.Plain(text), turn.Now, null, cancellationToken);
        }

        await turn.ReplyAsync(OutboundMessage.Plain($"已确认：您将参加{when}。" + (open.Count > 0 ? "\n已撤回您的请假申请，并告知主持人。" : "")), cancellationToken);
    }

    /// <summary>Takes an approved request's substitute off the roster and tells them (a substitute from the directory only).</summary>
    private async Task ReleaseSubstituteAsync(
        Turn turn, IMeetingStore store, Meeting m, IReadOnlyList<Attendee> attendees, LeaveRequest request, DirectorySnapshot snapshot, CancellationToken cancellationToken,
        string? keep = null)
    {
        if (request.Status != LeaveStatus.Approved)
        {
            return;
        }

        var substitute = attendees.FirstOrDefault(a => a.Role == AttendeeRole.Substitute && a.LeaveRequestId == request.Id);
        if (substitute is null)
        {
            return;
        }

        await store.RemoveAttendeeAsync(m.Id, substitute.PersonId, cancellationToken);
        if (substitute.PersonId != keep)
        {
            await notices.SendAsync(turn.Work, substitute.PersonId, snapshot,
                MeetingText.SubstituteReleased(m, MeetingText.Label(request.PersonId, snapshot), notices.Office), turn.Now, null, cancellationToken);
        }
    }

    /// <summary>名单 #id for the host or office staff.</summary>
    private async Task RosterAsync(Turn turn, long id, CancellationToken cancellationToken)
    {
        var store = stores.For(turn.Work);
        var meeting = await store.FindMeetingAsync(id, cancellationToken);
        if (meeting is null)
        {
            await turn.ReplyAsync(OutboundMessage.Plain($"找不到编号为{id}的会议。"), cancellationToken);
            return;
        }

        if (meeting.HostId != turn.Person.Id && !turn.Person.Roles.HasFlag(Roles.OfficeStaff))
        {
            await turn.ReplyAsync(OutboundMessage.Plain("只有会议主持人和领导小组办公室可以查看参会名单。"), cancellationToken);
            return;
        }

        await turn.ReplyAsync(await RosterMessageAsync(store, meeting, cancellationToken), cancellationToken);
    }

    private async Task<OutboundMessage> RosterMessageAsync(IMeetingStore store, Meeting meeting, CancellationToken cancellationToken)
    {
        var roster = Roster.Build(meeting, await store.ListAttendeesAsync(meeting.Id, cancellationToken), await store.ListLeaveAsync(meeting.Id, cancellationToken),
            await directory.LoadAsync(cancellationToken));
        return MeetingText.RosterMessage(roster, notices.Office);
    }

    /// <summary>名单: the roster of the host's next meeting, and the ids of the others.</summary>
    private async Task RosterForHostAsync(Turn turn, CancellationToken cancellationToken)
    {
        var store = stores.For(turn.Work);
        var upcoming = await UpcomingAsync(store, turn, cancellationToken);
        var hosted = upcoming.Where(m => m.HostId == turn.Person.Id).ToList();
        if (hosted.Count == 0)
        {
            if (turn.Person.Roles.HasFlag(Roles.OfficeStaff))
            {
                var all = await store.ListScheduledEndingAfterAsync(turn.Now, cancellationToken);
                await turn.ReplyAsync(OutboundMessage.Plain(all.Count == 0
                    ? "近期没有安排会议。"
                    : "近期会议（回复“名单 #编号”查看参会名单）：\n" + string.Join("\n", all.Select(m => $"#{m.Id} {MeetingText.When(m.StartsAt, notices.Office)} {m.Title}"))), cancellationToken);
                return;
            }

            await turn.ReplyAsync(OutboundMessage.Plain("您近期没有主持的会议。"), cancellationToken);
            return;
        }

        await turn.ReplyAsync(await RosterMessageAsync(store, hosted[0], cancellationToken), cancellationToken);
        if (hosted.Count > 1)
        {
            await turn.ReplyAsync(OutboundMessage.Plain("您还主持以下会议，回复“名单 #编号”查看：\n" +
                string.Join("\n", hosted.Skip(1).Select(m => $"#{m.Id} {MeetingText.When(m.StartsAt, notices.Office)} {m.Title}"))), cancellationToken);
        }
    }

    /// <summary>会议: the person's upcoming meetings and their answers.</summary>
    private async Task ListMyMeetingsAsync(Turn turn, CancellationToken cancellationToken)
    {
        var store = stores.For(turn.Work);
        var upcoming = await UpcomingAsync(store, turn, cancellationToken);
        if (upcoming.Count == 0)
        {
            await turn.ReplyAsync(OutboundMessage.Plain("您近期没有需要参加的会议。"), cancellationToken);
            return;
        }

        var snapshot = await directory.LoadAsync(cancellationToken);
        var sb = new StringBuilder();
        var unanswered = new List<Meeting>();
        var n = 0;
        foreach (var m in upcoming)
        {
            var me = (await store.ListAttendeesAsync(m.Id, cancellationToken)).FirstOrDefault(a => a.PersonId == turn.Person.Id);
            var mine = (await store.ListLeaveAsync(m.Id, cancellationToken)).Where(r => r.PersonId == turn.Person.Id).MaxBy(r => r.Id);
            string status;
            if (m.HostId == turn.Person.Id)
            {
                status = "您主持，回复“名单 #" + m.Id + "”查看参会名单";
            }
            else if (me is null)
            {
                continue;
            }
            else if (me.Role == AttendeeRole.Substitute)
            {
                status = $"代{MeetingText.Label(me.SubstituteFor ?? "", snapshot)}参会" + (me.Answer == AttendanceAnswer.Attending ? "，已确认" : $"，请回复“参加 #{m.Id}”确认");
            }
            else
            {
                status = me.Answer switch
                {
                    AttendanceAnswer.Attending => "已确认参加",
                    AttendanceAnswer.OnLeave => $"请假已批准，由{mine?.SubstituteName}代为参会",
                    _ => mine?.Status switch
                    {
                        LeaveStatus.Pending => "请假待主持人审批",
                        LeaveStatus.Rejected => $"请假未获批准，请回复“参加 #{m.Id}”确认参会或重新请假",
                        _ => $"未答复，请回复“参加 #{m.Id}”或“请假 #{m.Id}”",
                    },
                };
                if (me.Answer == AttendanceAnswer.Pending && mine?.Status is not LeaveStatus.Pending)
                {
                    unanswered.Add(m);
                }
            }

            sb.Append(++n).Append(". ").Append(MeetingText.Span(m.StartsAt, m.EndsAt, notices.Office)).Append(' ').Append(m.Title);
            sb.Append('（').Append(m.Place ?? "视频会议").Append('）').Append("：").AppendLine(status);
        }

        if (n == 0)
        {
            await turn.ReplyAsync(OutboundMessage.Plain("您近期没有需要参加的会议。"), cancellationToken);
            return;
        }

        var text = "**近期会议**\n\n" + sb.ToString().TrimEnd();
        await turn.ReplyAsync(unanswered.Count == 1
            ? new OutboundMessage(OutboundKind.Choices, text, [new Choice("参加", MeetingText.AttendAction(unanswered[0].Id)), new Choice("请假", MeetingText.LeaveAction(unanswered[0].Id))], "我的会议")
            : OutboundMessage.Markdown(text, "我的会议"), cancellationToken);
    }

    /// <summary>Bare 参加 / 请假 typed on a channel without buttons: the one meeting it can mean, or a list to pick from.</summary>
    private async Task<bool> BareAttendOrLeaveAsync(Turn turn, bool attend, CancellationToken cancellationToken)
    {
        var store = stores.For(turn.Work);
        var candidates = new List<Meeting>();
        foreach (var m in await UpcomingAsync(store, turn, cancellationToken))
        {
            var me = (await store.ListAttendeesAsync(m.Id, cancellationToken)).FirstOrDefault(a => a.PersonId == turn.Person.Id);
            if (m.IsOpen(turn.Now) && me is not null && me.Answer != AttendanceAnswer.Attending && (attend || me.Role == AttendeeRole.Invitee))
            {
                candidates.Add(m);
            }
        }

        switch (candidates.Count)
        {
            case 0:
                await turn.ReplyAsync(OutboundMessage.Plain(attend ? "您近期没有待确认的会议。回复“会议”查看近期会议。" : "您近期没有可以请假的会议。回复“会议”查看近期会议。"), cancellationToken);
                return true;
            case 1:
                await (attend ? AttendAsync(turn, candidates[0].Id, cancellationToken) : StartLeaveAsync(turn, candidates[0].Id, cancellationToken));
                return true;
            default:
                var verb = attend ? "参加" : "请假";
                await turn.ReplyAsync(OutboundMessage.Ask($"您有{candidates.Count}个会议待答复，请选择：",
                    [.. candidates.Select(m => new Choice($"{verb}：{MeetingText.When(m.StartsAt, notices.Office)} {m.Title}", $"{verb} #{m.Id}"))]), cancellationToken);
                return true;
        }
    }

    /// <summary>Office staff: 照常召开 #id for a meeting flagged on a day off.</summary>
    private async Task ConfirmAsync(Turn turn, long id, CancellationToken cancellationToken)
    {
        if (!turn.Person.Roles.HasFlag(Roles.OfficeStaff))
        {
            await turn.ReplyAsync(OutboundMessage.Plain("只有领导小组办公室可以确认会议安排。"), cancellationToken);
            return;
        }

        try
        {
            var m = await service.ConfirmAsync(turn.Work, id, turn.Person.Id, turn.Now, cancellationToken);
            await turn.ReplyAsync(OutboundMessage.Plain($"已确认{m.Title}于{MeetingText.When(m.StartsAt, notices.Office)}照常召开，会议通知已发送。"), cancellationToken);
        }
        catch (MeetingValidationException ex)
        {
            await turn.ReplyAsync(OutboundMessage.Plain(ex.Message), cancellationToken);
        }
    }

    /// <summary>Office staff: 取消会议 #id.</summary>
    private async Task CancelMeetingAsync(Turn turn, long id, CancellationToken cancellationToken)
    {
        if (!turn.Person.Roles.HasFlag(Roles.OfficeStaff))
        {
            await turn.ReplyAsync(OutboundMessage.Plain("只有领导小组办公室可以取消会议。"), cancellationToken);
            return;
        }

        try
        {
            var cancelled = await service.CancelAsync(turn.Work, id, null, wholeSeries: false, turn.Person.Id, turn.Now, cancellationToken);
            var m = cancelled[0];
            await turn.ReplyAsync(OutboundMessage.Plain($"已取消{MeetingText.When(m.StartsAt, notices.Office)}的{m.Title}。" +
                (m.AwaitingConfirmation ? "该次会议的通知尚未发出，无需另行告知参会人员。" : "已通知参会人员。")), cancellationToken);
        }
        catch (MeetingValidationException ex)
        {
            await turn.ReplyAsync(OutboundMessage.Plain(ex.Message), cancellationToken);
        }
    }

    /// <summary>Scheduled meetings not yet ended that the person attends or hosts, by start.</summary>
    private async Task<List<Meeting>> UpcomingAsync(IMeetingStore store, Turn turn, CancellationToken cancellationToken)
    {
        var list = new List<Meeting>();
        foreach (var id in await store.ListMeetingIdsForPersonAsync(turn.Person.Id, turn.Now, cancellationToken))
        {
            if (await store.FindMeetingAsync(id, cancellationToken) is { AwaitingConfirmation: false } m)
            {
                list.Add(m);
            }
        }

        return [.. list.OrderBy(m => m.StartsAt)];
    }

    /// <summary>Answers for a missing, cancelled or started meeting; true when it answered (nothing else to do).</summary>
    private async Task<bool> RefuseClosedAsync(Turn turn, Meeting? meeting, long id, string what, CancellationToken cancellationToken)
    {
        string? refusal = meeting switch
        {
            null => $"找不到编号为{id}的会议。",
            { Status: MeetingStatus.Cancelled } => $"{meeting.Title}（原定{MeetingText.When(meeting.StartsAt, notices.Office)}）已取消。",
            _ when meeting.HasStarted(turn.Now) => $"{meeting.Title}已于{MeetingText.When(meeting.StartsAt, notices.Office)}开始，不能再{what}。" +
                (what == "请假" ? $"如确有特殊情况，请直接联系主持人{MeetingText.Label(meeting.HostId, await directory.LoadAsync(cancellationToken))}。" : ""),
            _ => null,
        };
        if (refusal is null)
        {
            return false;
        }

        await turn.ReplyAsync(OutboundMessage.Plain(refusal), cancellationToken);
        return true;
    }

    private static int? ParseNumber(string said, int count)
    {
        var s = Commands.Normalize(said).Normalize(NormalizationForm.FormKC);
        return int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 0 && n <= count ? n : null;
    }

    private static Task SaveStateAsync(Turn turn, string dialog, string step, object data, CancellationToken cancellationToken) =>
        turn.Work.Dialogs.SaveAsync(new DialogState(turn.Person.Id, dialog, step, ChatOpsJson.Serialize(data), turn.Now), cancellationToken);

    [GeneratedRegex(@"^(参加|请假|批准请假|批准|不批准|名单|反馈|照常召开|取消会议)\s*#\s*(\d{1,18})$")]
    private static partial Regex ActionPattern();
}
