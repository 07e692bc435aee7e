using ChatOps.Core.Audit;
using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;

namespace ChatOps.Core.Meetings;

/// <summary>An agreed item (议定事项) with its feedback, as the console lists it.</summary>
public sealed record AgreedItemStanding(AgreedItem Item, IReadOnlyList<ItemFeedback> Feedback, bool Overdue);

/// <summary>
/// The meeting use cases the console needs beyond <see cref="MeetingService"/>: the host's decision on a leave request
/// (the same rules and texts as the chat's 批准请假 #id / 不批准 #id), adding attendees to a meeting already announced
/// (they are invited at once) and taking one off (they are told), and the agreed items of a meeting with their feedback
/// and whether they are overdue. Each takes the acting <see cref="Actor"/>, checks permission itself, and writes the
/// change, an audit line and its notices in one transaction. Kept in its own file while MeetingService is reworked;
/// the chat's leave decision should call <see cref="DecideLeaveAsync"/> once both are merged.
/// </summary>
public sealed class MeetingDesk(
    IUnitOfWorkFactory units,
    IMeetingStoreFactory stores,
    IDirectoryRepository directory,
    MeetingNotices notices,
    MeetingCalendar calendar,
    TimeProvider time)
{
    /// <summary>批准 / 不批准: only the meeting's host, before it starts; a refusal needs the host's comment (told to the requester).</summary>
    /// <returns>The Chinese text to show.</returns>
    /// <exception cref="MeetingValidationException">Refused; nothing changed.</exception>
    public async Task<string> DecideLeaveAsync(Actor actor, long requestId, bool approve, string? comment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var now = time.GetUtcNow();
        await using var work = await units.BeginAsync(cancellationToken);
        var store = stores.For(work);
        var request = await store.FindLeaveAsync(requestId, cancellationToken);
        var meeting = request is null ? null : await store.FindMeetingAsync(request.MeetingId, cancellationToken);
        if (request is null || meeting is null)
        {
            throw MeetingValidationException.One("id", "找不到这份请假申请。");
        }

        if (meeting.HostId != actor.Id)
        {
            throw MeetingValidationException.One("id", "只有会议主持人可以审批这份请假申请。", MeetingProblemKind.Conflict);
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
            _ when meeting.HasStarted(now) => "会议已经开始，不能再审批请假。",
            _ => null,
        };
        if (refusal is not null)
        {
            throw MeetingValidationException.One("id", refusal, MeetingProblemKind.Conflict);
        }

        var text = comment?.Trim() ?? "";
        if (!approve && text.Length == 0)
        {
            throw MeetingValidationException.One("comment", "请填写不批准的意见（将转告请假人）。");
        }

        if (text.Length > 500)
        {
            throw MeetingValidationException.One("comment", $"意见过长（最多500字，现为{text.Length}字），请精简后重新输入。");
        }

        var snapshot = await directory.LoadAsync(cancellationToken);
        var requester = MeetingText.Label(request.PersonId, snapshot);
        string result;
        if (approve)
        {
            var r = request with { Status = LeaveStatus.Approved, DecidedBy = actor.Id, DecidedAt = now };
            await store.UpdateLeaveAsync(r, cancellationToken);
            var attendees = await store.ListAttendeesAsync(meeting.Id, cancellationToken);
            if (attendees.FirstOrDefault(a => a.PersonId == r.PersonId) is { } invitee)
            {
                await store.SaveAttendeeAsync(invitee with { Answer = AttendanceAnswer.OnLeave, AnsweredAt = now }, cancellationToken);
            }

            var invited = false;
            if (r.SubstitutePersonId is { } sid && !attendees.Any(a => a.PersonId == sid))
            {
                var substitute = snapshot.People.FirstOrDefault(p => p.Id == sid);
                await store.SaveAttendeeAsync(new Attendee(meeting.Id, sid, AttendeeRole.Substitute, substitute?.UnitCode, "substitute", SubstituteFor: r.PersonId, LeaveRequestId: r.Id), cancellationToken);
                invited = await notices.SendAsync(work, sid, snapshot, MeetingText.SubstituteInvitation(meeting, r, snapshot, notices.Office), now,
                    MeetingNotices.DedupeKey(MeetingSteps.Subject(meeting), $"substitute-{r.Id}", sid), cancellationToken) is not null;
            }

            await notices.SendAsync(work, r.PersonId, snapshot, MeetingText.LeaveApproved(meeting, r, snapshot, notices.Office), now, null, cancellationToken);
            result = r.SubstitutePersonId is null
                ? $"已批准{requester}的请假。{r.SubstituteName}不在本系统名录中，已请{requester}转告会议安排（电话{r.SubstitutePhone}）。"
                : $"已批准{requester}的请假，并已" + (invited ? $"通知{r.SubstituteName}代为参会。" : $"登记{r.SubstituteName}代为参会（暂无法通过本系统通知本人）。");
        }
        else
        {
            var r = request with { Status = LeaveStatus.Rejected, DecidedBy = actor.Id, DecidedAt = now, HostComment = text };
            await store.UpdateLeaveAsync(r, cancellationToken);
            await notices.SendAsync(work, r.PersonId, snapshot, MeetingText.LeaveRejected(meeting, r, snapshot, notices.Office), now, null, cancellationToken);
            result = $"已告知{requester}：请假未获批准，请按时参会。";
        }

        await work.Audit.AppendAsync(AuditEntry.Of(now, actor.Id, approve ? "meeting.leave-approve" : "meeting.leave-reject", $"leave:{requestId}", $"meeting:{meeting.Id} {text}".Trim(), actor.Source), cancellationToken);
        await work.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>Adds attendees (unit:…, role:…, person:…) to a meeting not yet started; the office or the host. New attendees are invited now.</summary>
    /// <returns>How many people were added.</returns>
    public async Task<int> AddAttendeesAsync(Actor actor, long meetingId, IReadOnlyList<string> specs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(specs);
        var now = time.GetUtcNow();
        await using var work = await units.BeginAsync(cancellationToken);
        var store = stores.For(work);
        var meeting = await OpenForAsync(store, actor, meetingId, now, cancellationToken);
        var snapshot = await directory.LoadAsync(cancellationToken);
        var split = specs.SelectMany(AttendeeSpec.Split).ToList();
        if (split.Count == 0)
        {
            throw MeetingValidationException.One("attendees", "请指定参会人员，如 unit:wjw（单位联络员）、role:联络员 或 person:人员编号。");
        }

        var resolution = AttendeeResolver.Resolve(split, snapshot, meeting.HostId);
        if (resolution.Errors.Count > 0)
        {
            throw MeetingValidationException.One("attendees", string.Join("\n", resolution.Errors));
        }

        var present = (await store.ListAttendeesAsync(meetingId, cancellationToken)).Select(a => a.PersonId).ToHashSet(StringComparer.Ordinal);
        var added = resolution.People.Where(p => !present.Contains(p.PersonId)).ToList();
        if (added.Count == 0)
        {
            throw MeetingValidationException.One("attendees", "所指定的人员都已在参会名单中。", MeetingProblemKind.Conflict);
        }

        var subject = MeetingSteps.Subject(meeting);
        var announced = (await store.ListDoneStepsAsync([subject], cancellationToken)).Contains((subject, MeetingSteps.Invite));
        foreach (var p in added)
        {
            await store.SaveAttendeeAsync(new Attendee(meeting.Id, p.PersonId, AttendeeRole.Invitee, p.UnitCode, p.Source), cancellationToken);
            if (announced)
            {
                await notices.SendAsync(work, p.PersonId, snapshot, MeetingText.Invitation(meeting, snapshot, notices.Office), now,
                    MeetingNotices.DedupeKey(subject, MeetingSteps.Invite, p.PersonId), cancellationToken);
            }
        }

        await work.Audit.AppendAsync(AuditEntry.Of(now, actor.Id, "meeting.attendees-add", $"meeting:{meetingId}", string.Join(",", added.Select(p => p.PersonId)), actor.Source), cancellationToken);
        await work.CommitAsync(cancellationToken);
        return added.Count;
    }

    /// <summary>Takes an invitee off a meeting not yet started (the office or the host); they are told it no longer concerns them.</summary>
    public async Task<string> RemoveAttendeeAsync(Actor actor, long meetingId, string personId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var now = time.GetUtcNow();
        await using var work = await units.BeginAsync(cancellationToken);
        var store = stores.For(work);
        var meeting = await OpenForAsync(store, actor, meetingId, now, cancellationToken);
        var attendees = await store.ListAttendeesAsync(meetingId, cancellationToken);
        if (!attendees.Any(a => a.PersonId == personId))
        {
            throw MeetingValidationException.One("person", "该人员不在参会名单中。");
        }

        var snapshot = await directory.LoadAsync(cancellationToken);
        var label = MeetingText.Label(personId, snapshot);
        await store.RemoveAttendeeAsync(meetingId, personId, cancellationToken);
        foreach (var substitute in attendees.Where(a => a.SubstituteFor == personId))
        {
            await store.RemoveAttendeeAsync(meetingId, substitute.PersonId, cancellationToken);
            await notices.SendAsync(work, substitute.PersonId, snapshot, MeetingText.SubstituteReleased(meeting, label, notices.Office), now, null, cancellationToken);
        }

        var subject = MeetingSteps.Subject(meeting);
        if ((await store.ListDoneStepsAsync([subject], cancellationToken)).Contains((subject, MeetingSteps.Invite)))
        {
            await notices.SendAsync(work, personId, snapshot, OutboundMessage.Plain(
                $"{MeetingText.When(meeting.StartsAt, notices.Office)}的{meeting.Title}参会名单已调整，您无需参加本次会议。"), now, null, cancellationToken);
        }

        await work.Audit.AppendAsync(AuditEntry.Of(now, actor.Id, "meeting.attendee-remove", $"meeting:{meetingId}", personId, actor.Source), cancellationToken);
        await work.CommitAsync(cancellationToken);
        return $"已将{label}移出参会名单。";
    }

    /// <summary>The agreed items of a meeting with their feedback, overdue when past due and not done (office date).</summary>
    public async Task<IReadOnlyList<AgreedItemStanding>> ItemsAsync(long meetingId, CancellationToken cancellationToken = default)
    {
        await using var work = await units.BeginAsync(cancellationToken);
        var store = stores.For(work);
        var today = calendar.LocalDate(time.GetUtcNow());
        var result = new List<AgreedItemStanding>();
        foreach (var item in await store.ListItemsForMeetingAsync(meetingId, cancellationToken))
        {
            result.Add(new AgreedItemStanding(item, await store.ListFeedbackAsync(item.Id, cancellationToken), item.Status != AgreedItemStatus.Done && today > item.DueDate));
        }

        return result;
    }

    private static async Task<Meeting> OpenForAsync(IMeetingStore store, Actor actor, long id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var meeting = await store.FindMeetingAsync(id, cancellationToken) ?? throw MeetingValidationException.NoMeeting(id);
        if (!actor.Has(Roles.OfficeStaff) && meeting.HostId != actor.Id)
        {
            throw MeetingValidationException.One("id", "只有领导小组办公室或会议主持人可以调整参会名单。", MeetingProblemKind.Conflict);
        }

        return !meeting.IsOpen(now)
            ? throw MeetingValidationException.One("id", $"{meeting.Title}已经{(meeting.Status == MeetingStatus.Cancelled ? "取消" : "开始")}，不能调整参会名单。", MeetingProblemKind.Conflict)
            : meeting;
    }
}
