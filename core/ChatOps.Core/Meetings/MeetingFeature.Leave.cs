using System.Globalization;
using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;
using Microsoft.Extensions.Logging;

namespace ChatOps.Core.Meetings;

/// <summary>The leave dialog and the host's decision.</summary>
public sealed partial class MeetingFeature
{
    private const string StepReason = "reason";
    private const string StepSubstitute = "substitute";
    private const string StepChoose = "choose";
    private const string StepExternal = "external";
    private const string StepConfirm = "confirm";
    private const string Submit = "提交";
    private const string ChangeSubstitute = "重新指定代参人员";
    private const string NoneOfThese = "都不是";
    private const int MaxReason = 200;

    /// <summary>请假 #id: checks the meeting and the person, then asks for the reason.</summary>
    private async Task StartLeaveAsync(Turn turn, long id, CancellationToken cancellationToken)
    {
        var store = stores.For(turn.Work);
        var meeting = await store.FindMeetingAsync(id, cancellationToken);
        if (await RefuseClosedAsync(turn, meeting, id, "请假", cancellationToken))
        {
            return;
        }

        var m = meeting!;
        var snapshot = await directory.LoadAsync(cancellationToken);
        if (await RefuseNotInviteeAsync(turn, store, m, snapshot, cancellationToken))
        {
            return;
        }

        var earlier = (await store.ListLeaveAsync(id, cancellationToken)).Where(r => r.PersonId == turn.Person.Id && r.Status is LeaveStatus.Pending or LeaveStatus.Approved).MaxBy(r => r.Id);
        var note = earlier?.Status switch
        {
            LeaveStatus.Pending => "您已提交过请假申请，正在等待主持人审批；重新提交将替换原申请。\n",
            LeaveStatus.Approved => $"您的请假已获批准（由{earlier.SubstituteName}代为参会）；重新提交将替换原申请，需主持人重新审批。\n",
            _ => "",
        };
        await SaveStateAsync(turn, LeaveDialog, StepReason, new LeaveDraft { MeetingId = id }, cancellationToken);
        await turn.ReplyAsync(OutboundMessage.Plain(
            $"{note}请假须说明事由并指定代为参会人员。\n请说明不能出席{MeetingText.When(m.StartsAt, notices.Office)}{m.Title}的事由（随时回复“取消”可放弃）："), cancellationToken);
    }

    private async Task<bool> RefuseNotInviteeAsync(Turn turn, IMeetingStore store, Meeting m, DirectorySnapshot snapshot, CancellationToken cancellationToken)
    {
        var me = (await store.ListAttendeesAsync(m.Id, cancellationToken)).FirstOrDefault(a => a.PersonId == turn.Person.Id);
        string? refusal = me switch
        {
            { Role: AttendeeRole.Invitee } => null,
            { Role: AttendeeRole.Substitute } => $"您是代{MeetingText.Label(me.SubstituteFor ?? "", snapshot)}出席{m.Title}的人员。如不能出席，请与{MeetingText.Label(me.SubstituteFor ?? "", snapshot)}联系，由其重新请假并另行指定参会人员。",
            _ when m.HostId == turn.Person.Id => $"您是{m.Title}的主持人，无需请假。如会议需要调整，请联系领导小组办公室。",
            _ => $"您不在{m.Title}的参会名单中，无需请假。",
        };
        if (refusal is null)
        {
            return false;
        }

        await turn.Work.Dialogs.ClearAsync(turn.Person.Id, cancellationToken);
        await turn.ReplyAsync(OutboundMessage.Plain(refusal), cancellationToken);
        return true;
    }

    private async Task ContinueLeaveAsync(Turn turn, DialogState state, CancellationToken cancellationToken)
    {
        var draft = ChatOpsJson.Deserialize<LeaveDraft>(state.Data);
        var said = turn.Said.Trim();
        switch (state.Step)
        {
            case StepReason:
                if (said.Length == 0)
                {
                    await turn.ReplyAsync(OutboundMessage.Plain("请假事由不能为空，请说明不能出席的原因。"), cancellationToken);
                    return;
                }

                if (said.Length < 2)
                {
                    await turn.ReplyAsync(OutboundMessage.Plain("请具体说明请假事由（如：参加省政府专题会议）。"), cancellationToken);
                    return;
                }

                if (said.Length > MaxReason)
                {
                    await turn.ReplyAsync(OutboundMessage.Plain($"请假事由过长（最多{MaxReason}字，现为{said.Length}字），请精简后重新发送。"), cancellationToken);
                    return;
                }

                draft.Reason = said;
                await AskSubstituteAsync(turn, draft, cancellationToken);
                return;
            case StepSubstitute:
                await FindSubstituteAsync(turn, draft, said, cancellationToken);
                return;
            case StepChoose:
                var n = ParseNumber(said, draft.Candidates.Count);
                if (n is 0 || Commands.Normalize(said) == NoneOfThese)
                {
                    await SaveStateAsync(turn, LeaveDialog, StepExternal, draft, cancellationToken);
                    await turn.ReplyAsync(OutboundMessage.Plain("请输入代为参会人员的姓名和联系电话（如：张伟 13800000000）。"), cancellationToken);
                    return;
                }

                if (n is { } pick)
                {
                    await PickSubstituteAsync(turn, draft, draft.Candidates[pick - 1], cancellationToken);
                    return;
                }

                await FindSubstituteAsync(turn, draft, said, cancellationToken);
                return;
            case StepExternal:
                await ExternalSubstituteAsync(turn, draft, said, cancellationToken);
                return;
            case StepConfirm:
                switch (Commands.Normalize(said))
                {
                    case Submit or "确认" or "1":
                        await SubmitLeaveAsync(turn, draft, cancellationToken);
                        return;
                    case ChangeSubstitute or "2":
                        await AskSubstituteAsync(turn, draft, cancellationToken);
                        return;
                    default:
                        await turn.ReplyAsync(OutboundMessage.Ask("请选择：提交，或重新指定代参人员；回复“取消”放弃请假。",
                            new Choice(Submit, Submit), new Choice(ChangeSubstitute, ChangeSubstitute), new Choice("取消", "取消")), cancellationToken);
                        return;
                }

            default:
                await turn.Work.Dialogs.ClearAsync(turn.Person.Id, cancellationToken);
                await turn.ReplyAsync(OutboundMessage.Plain("对话已失效，请重新点击“请假”。"), cancellationToken);
                return;
        }
    }

    private async Task AskSubstituteAsync(Turn turn, LeaveDraft draft, CancellationToken cancellationToken)
    {
        draft.SubstituteId = null;
        draft.SubstituteName = null;
        draft.SubstitutePhone = null;
        draft.Candidates = [];
        await SaveStateAsync(turn, LeaveDialog, StepSubstitute, draft, cancellationToken);
        await turn.ReplyAsync(OutboundMessage.Plain(
            "请指定代为参会人员，输入其姓名即可。\n如该同志不在本系统名录中，请输入姓名和联系电话（如：张伟 13800000000）。"), cancellationToken);
    }

    /// <summary>A name typed at the substitute step: search the directory; a phone number means someone outside it.</summary>
    private async Task FindSubstituteAsync(Turn turn, LeaveDraft draft, string said, CancellationToken cancellationToken)
    {
        var (name, phone) = MeetingInput.SplitNameAndPhone(said);
        draft.Candidates = [];
        if (phone is not null)
        {
            await ExternalSubstituteAsync(turn, draft, said, cancellationToken);
            return;
        }

        if (name.Length == 0)
        {
            await turn.ReplyAsync(OutboundMessage.Plain("请输入代为参会人员的姓名。"), cancellationToken);
            return;
        }

        var found = AttendeeResolver.SearchByName(await directory.LoadAsync(cancellationToken), name);
        switch (found.Count)
        {
            case 0:
                draft.SubstituteName = name;
                await SaveStateAsync(turn, LeaveDialog, StepExternal, draft, cancellationToken);
                await turn.ReplyAsync(OutboundMessage.Plain(
                    $"名录中没有找到“{name}”。如该同志不在名录中，请输入其姓名和联系电话（如：{name} 13800000000），也可以重新输入姓名查找。"), cancellationToken);
                return;
            case 1:
                await PickSubstituteAsync(turn, draft, found[0].Id, cancellationToken);
                return;
            default:
                var snapshot = await directory.LoadAsync(cancellationToken);
                draft.Candidates = [.. found.Select(p => p.Id)];
                await SaveStateAsync(turn, LeaveDialog, StepChoose, draft, cancellationToken);
                var choices = found.Select((p, i) => new Choice(
                    $"{MeetingText.Label(p, snapshot)}{(p.Title is { Length: > 0 } t ? " " + t : "")}", (i + 1).ToString(CultureInfo.InvariantCulture))).ToList();
                choices.Add(new Choice($"{NoneOfThese}（输入姓名和电话）", "0"));
                await turn.ReplyAsync(OutboundMessage.Ask($"名录中有{found.Count}位同志与“{name}”相符，请选择代为参会人员：", [.. choices]), cancellationToken);
                return;
        }
    }

    private async Task PickSubstituteAsync(Turn turn, LeaveDraft draft, string personId, CancellationToken cancellationToken)
    {
        var snapshot = await directory.LoadAsync(cancellationToken);
        var store = stores.For(turn.Work);
        var meeting = await store.FindMeetingAsync(draft.MeetingId, cancellationToken);
        var person = snapshot.People.FirstOrDefault(p => p.Id == personId);
        string? problem = null;
        if (person is null)
        {
            problem = "该同志已不在名录中，请重新输入姓名。";
        }
        else if (person.Id == turn.Person.Id)
        {
            problem = "不能指定本人代为参会，请另行指定。";
        }
        else if (meeting is not null && person.Id == meeting.HostId)
        {
            problem = $"{person.Name}是会议主持人，不能代为参会，请另行指定。";
        }
        else if (meeting is not null && (await store.ListAttendeesAsync(meeting.Id, cancellationToken)).Any(a => a.PersonId == person.Id))
        {
            problem = $"{MeetingText.Label(person, snapshot)}已在本次会议的参会名单中，请另行指定代为参会人员。";
        }

        if (problem is not null)
        {
            var choosing = draft.Candidates.Count > 1;
            await SaveStateAsync(turn, LeaveDialog, choosing ? StepChoose : StepSubstitute, draft, cancellationToken);
            await turn.ReplyAsync(OutboundMessage.Plain(choosing ? $"{problem}（可重新回复序号选择）" : problem), cancellationToken);
            return;
        }

        draft.SubstituteId = person!.Id;
        draft.SubstituteName = person.Name;
        draft.SubstitutePhone = null;
        await ConfirmLeaveAsync(turn, draft, cancellationToken);
    }

    /// <summary>Someone outside the directory: a name (2–20 characters) and a mainland mobile or fixed-line number.</summary>
    private async Task ExternalSubstituteAsync(Turn turn, LeaveDraft draft, string said, CancellationToken cancellationToken)
    {
        var (name, phoneText) = MeetingInput.SplitNameAndPhone(said);
        if (phoneText is null)
        {
            if (name.Length > 0 && AttendeeResolver.SearchByName(await directory.LoadAsync(cancellationToken), name).Count > 0)
            {
                await FindSubstituteAsync(turn, draft, name, cancellationToken);
                return;
            }

            if (name.Length > 0)
            {
                draft.SubstituteName = name;
                await SaveStateAsync(turn, LeaveDialog, StepExternal, draft, cancellationToken);
            }

            var who = draft.SubstituteName ?? "代为参会人员";
            await turn.ReplyAsync(OutboundMessage.Plain($"请提供{who}的联系电话（手机号或带区号的座机号），如：{draft.SubstituteName ?? "张伟"} 13800000000。"), cancellationToken);
            return;
        }

        if (name.Length == 0)
        {
            name = draft.SubstituteName ?? "";
        }

        if (name.Length == 0)
        {
            await turn.ReplyAsync(OutboundMessage.Plain("请同时提供代为参会人员的姓名，如：张伟 13800000000。"), cancellationToken);
            return;
        }

        if (name.Length is < 2 or > 20 || name.Any(char.IsDigit))
        {
            await turn.ReplyAsync(OutboundMessage.Plain($"姓名“{name}”不正确，请输入代为参会人员的真实姓名（2至20个字）和联系电话。"), cancellationToken);
            return;
        }

        if (MeetingInput.NormalizePhone(phoneText) is not { } phone)
        {
            draft.SubstituteName = name;
            await SaveStateAsync(turn, LeaveDialog, StepExternal, draft, cancellationToken);
            await turn.ReplyAsync(OutboundMessage.Plain(
                $"“{phoneText}”不是有效的电话号码。请填写11位手机号码（如13800000000）或带区号的座机号码（如0871-12345678）。"), cancellationToken);
            return;
        }

        draft.SubstituteId = null;
        draft.SubstituteName = name;
        draft.SubstitutePhone = phone;
        await ConfirmLeaveAsync(turn, draft, cancellationToken);
    }

    private async Task ConfirmLeaveAsync(Turn turn, LeaveDraft draft, CancellationToken cancellationToken)
    {
        var snapshot = await directory.LoadAsync(cancellationToken);
        var meeting = await stores.For(turn.Work).FindMeetingAsync(draft.MeetingId, cancellationToken);
        if (meeting is null)
        {
            await turn.Work.Dialogs.ClearAsync(turn.Person.Id, cancellationToken);
            await turn.ReplyAsync(OutboundMessage.Plain("会议已不存在，请假申请未提交。"), cancellationToken);
            return;
        }

        var substitute = draft.SubstituteId is { } id
            ? MeetingText.Label(id, snapshot)
            : $"{draft.SubstituteName}（电话{draft.SubstitutePhone}，不在名录中）";
        await SaveStateAsync(turn, LeaveDialog, StepConfirm, draft, cancellationToken);
        await turn.ReplyAsync(OutboundMessage.Card("请假申请",
            $"会议：{meeting.Title}（{MeetingText.When(meeting.StartsAt, notices.Office)}）\n请假事由：{draft.Reason}\n代为参会：{substitute}\n" +
            $"确认后将提交主持人{MeetingText.Label(meeting.HostId, snapshot)}审批。",
            new Choice(Submit, Submit), new Choice(ChangeSubstitute, ChangeSubstitute), new Choice("取消", "取消")), cancellationToken);
    }

    /// <summary>
    /// 提交: refused once the meeting has started; replaces an earlier request of the same person (its substitute is
    /// released); the host receives the request with 批准 / 不批准 at once.
    /// </summary>
    private async Task SubmitLeaveAsync(Turn turn, LeaveDraft draft, CancellationToken cancellationToken)
    {
        var store = stores.For(turn.Work);
        var meeting = await store.FindMeetingAsync(draft.MeetingId, cancellationToken);
        await turn.Work.Dialogs.ClearAsync(turn.Person.Id, cancellationToken);
        if (await RefuseClosedAsync(turn, meeting, draft.MeetingId, "请假", cancellationToken))
        {
            return;
        }

        var m = meeting!;
        var snapshot = await directory.LoadAsync(cancellationToken);
        if (await RefuseNotInviteeAsync(turn, store, m, snapshot, cancellationToken))
        {
            return;
        }

        var attendees = await store.ListAttendeesAsync(m.Id, cancellationToken);
        if (draft.SubstituteId is { } sid && attendees.Any(a => a.PersonId == sid))
        {
            await SaveStateAsync(turn, LeaveDialog, StepSubstitute, draft, cancellationToken);
            await turn.ReplyAsync(OutboundMessage.Plain($"{MeetingText.Label(sid, snapshot)}已在本次会议的参会名单中，请另行指定代为参会人员。"), cancellationToken);
            return;
        }

        var earlier = (await store.ListLeaveAsync(m.Id, cancellationToken)).Where(r => r.PersonId == turn.Person.Id && r.Status is LeaveStatus.Pending or LeaveStatus.Approved).ToList();
        foreach (var old in earlier)
        {
            await store.UpdateLeaveAsync(old with { Status = LeaveStatus.Replaced, DecidedAt = turn.Now, DecidedBy = turn.Person.Id }, cancellationToken);
            await ReleaseSubstituteAsync(turn, store, m, attendees, old, snapshot, cancellationToken, keep: draft.SubstituteId);
        }

        var me = attendees.First(a => a.PersonId == turn.Person.Id);
        if (me.Answer != AttendanceAnswer.Pending)
        {
            await store.SaveAttendeeAsync(me with { Answer = AttendanceAnswer.Pending, AnsweredAt = turn.Now }, cancellationToken);
        }

        var request = new LeaveRequest(0, m.Id, turn.Person.Id, draft.Reason!, draft.SubstituteId, draft.SubstituteName!, draft.SubstitutePhone, LeaveStatus.Pending, turn.Now);
        request = request with { Id = await store.InsertLeaveAsync(request, cancellationToken) };
        var host = MeetingText.Label(m.HostId, snapshot);
        var sent = await notices.SendAsync(turn.Work, m.HostId, snapshot, MeetingText.LeaveToHost(m, request, snapshot, notices.Office, earlier.Count > 0), turn.Now, null, cancellationToken);
        logger.LogInformation("Leave request {Id} for meeting {Meeting} by {Person} sent to host {Host} ({Sent})", request.Id, m.Id, turn.Person.Id, m.HostId, sent);
        await turn.ReplyAsync(OutboundMessage.Plain(sent is null
            ? $"请假申请已登记，但系统暂时无法通知主持人{host}，请您直接向主持人请假。"
            : $"请假申请已提交主持人{host}审批" + (earlier.Count > 0 ? "（原申请已作废）" : "") + "，审批结果将及时通知您。"), cancellationToken);
    }

    /// <summary>批准请假 #id / 不批准 #id from the host.</summary>
    private async Task DecideAsync(Turn turn, long requestId, bool approve, CancellationToken cancellationToken)
    {
        var store = stores.For(turn.Work);
        var (request, meeting, refusal) = await CheckDecisionAsync(turn, store, requestId, cancellationToken);
        if (refusal is not null)
        {
            await turn.ReplyAsync(OutboundMessage.Plain(refusal), cancellationToken);
            return;
        }

        if (!approve)
        {
            await turn.Work.Dialogs.SaveAsync(new DialogState(turn.Person.Id, RejectDialog, "comment", requestId.ToString(CultureInfo.InvariantCulture), turn.Now), cancellationToken);
            await turn.ReplyAsync(OutboundMessage.Plain("请输入不批准的意见（将转告请假人），或回复“取消”。"), cancellationToken);
            return;
        }

        var snapshot = await directory.LoadAsync(cancellationToken);
        var r = request! with { Status = LeaveStatus.Approved, DecidedBy = turn.Person.Id, DecidedAt = turn.Now };
        var m = meeting!;
        await store.UpdateLeaveAsync(r, cancellationToken);
        var attendees = await store.ListAttendeesAsync(m.Id, cancellationToken);
        if (attendees.FirstOrDefault(a => a.PersonId == r.PersonId) is { } invitee)
        {
            await store.SaveAttendeeAsync(invitee with { Answer = AttendanceAnswer.OnLeave, AnsweredAt = turn.Now }, cancellationToken);
        }

        var invited = false;
        if (r.SubstitutePersonId is { } sid && !attendees.Any(a => a.PersonId == sid))
        {
            var substitute = snapshot.People.FirstOrDefault(p => p.Id == sid);
            await store.SaveAttendeeAsync(new Attendee(m.Id, sid, AttendeeRole.Substitute, substitute?.UnitCode, "substitute", SubstituteFor: r.PersonId, LeaveRequestId: r.Id), cancellationToken);
            invited = await notices.SendAsync(turn.Work, sid, snapshot, MeetingText.SubstituteInvitation(m, r, snapshot, notices.Office), turn.Now,
                MeetingNotices.DedupeKey(MeetingSteps.Subject(m), $"substitute-{r.Id}", sid), cancellationToken) is not null;
        }

        await notices.SendAsync(turn.Work, r.PersonId, snapshot, MeetingText.LeaveApproved(m, r, snapshot, notices.Office), turn.Now, null, cancellationToken);
        var requester = MeetingText.Label(r.PersonId, snapshot);
        await turn.ReplyAsync(OutboundMessage.Plain(r.SubstitutePersonId is null
            ? $"已批准{requester}的请假。{r.SubstituteName}不在本系统名录中，已请{requester}转告会议安排（电话{r.SubstitutePhone}）。"
            : $"已批准{requester}的请假，并已" + (invited ? $"通知{r.SubstituteName}代为参会。" : $"登记{r.SubstituteName}代为参会（暂无法通过本系统通知本人）。")), cancellationToken);
    }

    /// <summary>The host's comment on a rejection.</summary>
    private async Task ContinueRejectAsync(Turn turn, DialogState state, CancellationToken cancellationToken)
    {
        var comment = turn.Said.Trim();
        if (comment.Length == 0)
        {
            await turn.ReplyAsync(OutboundMessage.Plain("意见不能为空，请输入不批准的意见。"), cancellationToken);
            return;
        }

        if (comment.Length > 500)
        {
            await turn.ReplyAsync(OutboundMessage.Plain($"意见过长（最多500字，现为{comment.Length}字），请精简后重新输入。"), cancellationToken);
            return;
        }

        await turn.Work.Dialogs.ClearAsync(turn.Person.Id, cancellationToken);
        var store = stores.For(turn.Work);
        var (request, meeting, refusal) = await CheckDecisionAsync(turn, store, long.Parse(state.Data, CultureInfo.InvariantCulture), cancellationToken);
        if (refusal is not null)
        {
            await turn.ReplyAsync(OutboundMessage.Plain(refusal), cancellationToken);
            return;
        }

        var snapshot = await directory.LoadAsync(cancellationToken);
        var r = request! with { Status = LeaveStatus.Rejected, DecidedBy = turn.Person.Id, DecidedAt = turn.Now, HostComment = comment };
        await store.UpdateLeaveAsync(r, cancellationToken);
        await notices.SendAsync(turn.Work, r.PersonId, snapshot, MeetingText.LeaveRejected(meeting!, r, snapshot, notices.Office), turn.Now, null, cancellationToken);
        await turn.ReplyAsync(OutboundMessage.Plain($"已告知{MeetingText.Label(r.PersonId, snapshot)}：请假未获批准，请按时参会。"), cancellationToken);
    }

    private async Task<(LeaveRequest? Request, Meeting? Meeting, string? Refusal)> CheckDecisionAsync(Turn turn, IMeetingStore store, long requestId, CancellationToken cancellationToken)
    {
        var request = await store.FindLeaveAsync(requestId, cancellationToken);
        var meeting = request is null ? null : await store.FindMeetingAsync(request.MeetingId, cancellationToken);
        if (request is null || meeting is null)
        {
            return (null, null, "找不到这份请假申请。");
        }

        if (meeting.HostId != turn.Person.Id)
        {
            return (null, null, "只有会议主持人可以审批这份请假申请。");
        }

        string? refusal = request.Status switch
        {
            LeaveStatus.Approved => "这份请假申请已批准，无需重复审批。",
            LeaveStatus.Rejected => "这份请假申请已处理（未批准），无需重复审批。",
            LeaveStatus.Replaced => "请假人已重新提交申请，这份申请已作废，请审批新的申请。",
            LeaveStatus.Withdrawn => "请假人已撤回申请，将本人参会。",
            LeaveStatus.Closed => "会议已取消，这份请假申请不再办理。",
            LeaveStatus.Unanswered => "会议已经开始，这份请假申请未能在会前审批，已告知领导小组办公室。",
            _ when meeting.Status == MeetingStatus.Cancelled => "会议已取消，这份请假申请不再办理。",
            _ when meeting.HasStarted(turn.Now) => "会议已经开始，不能再审批请假。",
            _ => null,
        };
        return (request, meeting, refusal);
    }

    /// <summary>Bare 批准 / 不批准 typed by a host: the one pending request they can mean, or a list.</summary>
    private async Task<bool> BareDecisionAsync(Turn turn, bool approve, CancellationToken cancellationToken)
    {
        var store = stores.For(turn.Work);
        var pending = new List<(LeaveRequest Request, Meeting Meeting)>();
        foreach (var id in await store.ListMeetingIdsForPersonAsync(turn.Person.Id, turn.Now, cancellationToken))
        {
            if (await store.FindMeetingAsync(id, cancellationToken) is { } m && m.HostId == turn.Person.Id && m.IsOpen(turn.Now))
            {
                pending.AddRange((await store.ListLeaveAsync(id, cancellationToken)).Where(r => r.Status == LeaveStatus.Pending).Select(r => (r, m)));
            }
        }

        if (pending.Count == 0)
        {
            if (!turn.Person.Roles.HasFlag(Roles.MeetingHost))
            {
                return false;
            }

            await turn.ReplyAsync(OutboundMessage.Plain("目前没有待您审批的请假申请。"), cancellationToken);
            return true;
        }

        if (pending.Count == 1)
        {
            await DecideAsync(turn, pending[0].Request.Id, approve, cancellationToken);
            return true;
        }

        var snapshot = await directory.LoadAsync(cancellationToken);
        var verb = approve ? "批准请假" : "不批准";
        await turn.ReplyAsync(OutboundMessage.Ask($"有{pending.Count}份请假申请待您审批，请选择：",
            [.. pending.Select(p => new Choice($"{(approve ? "批准" : "不批准")}：{MeetingText.Label(p.Request.PersonId, snapshot)}（{p.Meeting.Title}）", $"{verb} #{p.Request.Id}"))]),
            cancellationToken);
        return true;
    }

    /// <summary>The leave dialog's data, stored as JSON in the dialog state.</summary>
    internal sealed class LeaveDraft
    {
        public long MeetingId { get; set; }

        public string? Reason { get; set; }

        public List<string> Candidates { get; set; } = [];

        public string? SubstituteId { get; set; }

        public string? SubstituteName { get; set; }

        public string? SubstitutePhone { get; set; }
    }
}
