using ChatOps.Core.Audit;

namespace ChatOps.Core.Meetings;

/// <summary>
/// The attendance use cases of seed 000 第十三条, written once for chat (and any later caller): an invitee answers
/// 参加 (withdrawing any leave request) or asks for leave naming a substitute; the host approves or rejects with a
/// comment; a substitute confirms. Each takes the acting person (<see cref="Actor"/>) and the caller's unit of work,
/// checks who may do it and whether the meeting is still open, writes the change, the notices and the audit line
/// together, and returns a <see cref="MeetingOutcome"/> with the text to show.
/// </summary>
public sealed partial class MeetingAttendance(
    IMeetingStoreFactory stores,
    IDirectoryRepository directory,
    MeetingNotices notices,
    TimeProvider time,
    ILogger<MeetingAttendance> logger)
{
    /// <summary>参加 #id: an invitee confirms (withdrawing any leave request and releasing its substitute), a substitute confirms.</summary>
    public async Task<MeetingOutcome> AttendAsync(Actor actor, IUnitOfWork work, long meetingId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var now = time.GetUtcNow();
        var store = stores.For(work);
        var (m, closed) = await OpenAsync(store, meetingId, MeetingText.AttendVerb, actor, cancellationToken);
        if (closed is not null)
        {
            return closed;
        }
        var snapshot = await directory.LoadAsync(cancellationToken);
        var attendees = await store.ListAttendeesAsync(meetingId, cancellationToken);
        var me = attendees.FirstOrDefault(a => a.PersonId == actor.Id);
        if (me is null)
        {
            return MeetingOutcome.Refuse(m.HostId == actor.Id ? MeetingText.HostNeedNotAttend(m) : MeetingText.NotOnRosterAttend(m));
        }

        if (me.Answer == AttendanceAnswer.Attending)
        {
            return MeetingOutcome.Refuse(MeetingText.AlreadyAttending(m, notices.Office));
        }

        await store.SaveAttendeeAsync(me with { Answer = AttendanceAnswer.Attending, AnsweredAt = now }, cancellationToken);
        await AuditAsync(work, actor, "meeting.attend", m, me.Role == AttendeeRole.Substitute ? MeetingText.SubstituteAudit(me, snapshot) : "", now, cancellationToken);
        if (me.Role == AttendeeRole.Substitute)
        {
            return MeetingOutcome.Ok(MeetingText.SubstituteConfirmed(m, me, snapshot, notices.Office)) with { Meeting = m };
        }

        var open = (await store.ListLeaveAsync(meetingId, cancellationToken))
            .Where(r => r.PersonId == actor.Id && r.Status is LeaveStatus.Pending or LeaveStatus.Approved).ToList();
        foreach (var request in open)
        {
            await store.UpdateLeaveAsync(request with { Status = LeaveStatus.Withdrawn, DecidedAt = now, DecidedBy = actor.Id }, cancellationToken);
            await ReleaseSubstituteAsync(work, store, m, attendees, request, snapshot, now, cancellationToken);
        }

        if (open.Count > 0)
        {
            await notices.SendAsync(work, m.HostId, snapshot, MeetingText.LeaveWithdrawn(m, actor.Id, open, snapshot, notices.Office), now, null, cancellationToken);
        }

        return MeetingOutcome.Ok(MeetingText.Attending(m, notices.Office, withdrewLeave: open.Count > 0)) with { Meeting = m };
    }

    /// <summary>
    /// 请假 #id: whether the actor may ask for leave from the meeting (an invitee, before the start); the outcome's
    /// message asks for the reason and says what happens to an earlier request.
    /// </summary>
    public async Task<MeetingOutcome> CanRequestLeaveAsync(Actor actor, IUnitOfWork work, long meetingId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var store = stores.For(work);
        var (m, closed) = await OpenAsync(store, meetingId, MeetingText.LeaveVerb, actor, cancellationToken);
        if ((closed ?? await NotInviteeAsync(actor, store, m, cancellationToken)) is { } refusal)
        {
            return refusal;
        }

        var earlier = (await store.ListLeaveAsync(meetingId, cancellationToken))
            .Where(r => r.PersonId == actor.Id && r.Status is LeaveStatus.Pending or LeaveStatus.Approved).MaxBy(r => r.Id);
        return MeetingOutcome.Ok(MeetingText.AskLeaveReason(m, earlier, notices.Office)) with { Meeting = m };
    }

    /// <summary>Checks the reason for leave as typed (the toolkit's text check, and more than one character); null when acceptable, else what to say.</summary>
    public static string? CheckReason(string reason) =>
        Prompt.CheckText(reason, MeetingLimits.Reason, MeetingText.ReasonField) ?? (reason.Trim().Length < 2 ? MeetingText.VagueReason : null);

    /// <summary>Checks a host's comment as typed; null when acceptable, else what to say.</summary>
    public static string? CheckComment(string comment) => Prompt.CheckText(comment, MeetingLimits.Comment, MeetingText.CommentField);

    /// <summary>Whether <paramref name="personId"/> may stand in for the actor: in the directory, not the actor, not the host, not on the roster.</summary>
    public async Task<string?> CheckSubstituteAsync(Actor actor, IUnitOfWork work, long meetingId, string personId, DirectorySnapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(snapshot);
        var store = stores.For(work);
        var meeting = await store.FindMeetingAsync(meetingId, cancellationToken);
        var person = snapshot.People.FirstOrDefault(p => p.Id == personId);
        if (person is null)
        {
            return MeetingText.SubstituteGone;
        }

        if (person.Id == actor.Id)
        {
            return MeetingText.SubstituteIsSelf;
        }

        if (meeting is not null && person.Id == meeting.HostId)
        {
            return MeetingText.SubstituteIsHost(person);
        }

        return meeting is not null && (await store.ListAttendeesAsync(meeting.Id, cancellationToken)).Any(a => a.PersonId == person.Id)
            ? MeetingText.SubstituteOnRoster(person.Id, snapshot)
            : null;
    }

    /// <summary>
    /// 提交: refused once the meeting has started; replaces an earlier request of the same person (its substitute is
    /// released); the host receives the request with 批准 / 不批准 at once.
    /// </summary>
    public async Task<MeetingOutcome> RequestLeaveAsync(Actor actor, IUnitOfWork work, LeaveApplication application, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(application);
        var now = time.GetUtcNow();
        var store = stores.For(work);
        var (m, closed) = await OpenAsync(store, application.MeetingId, MeetingText.LeaveVerb, actor, cancellationToken);
        if ((closed ?? await NotInviteeAsync(actor, store, m, cancellationToken)) is { } refusal)
        {
            return refusal;
        }

        if (CheckReason(application.Reason) is { } badReason)
        {
            return MeetingOutcome.Refuse(badReason);
        }

        var snapshot = await directory.LoadAsync(cancellationToken);
        var attendees = await store.ListAttendeesAsync(m.Id, cancellationToken);
        if (application.SubstituteId is { } sid && attendees.Any(a => a.PersonId == sid))
        {
            return new MeetingOutcome(MeetingOutcomeKind.AskAgain, MeetingText.SubstituteOnRoster(sid, snapshot));
        }

        var earlier = (await store.ListLeaveAsync(m.Id, cancellationToken)).Where(r => r.PersonId == actor.Id && r.Status is LeaveStatus.Pending or LeaveStatus.Approved).ToList();
        foreach (var old in earlier)
        {
            await store.UpdateLeaveAsync(old with { Status = LeaveStatus.Replaced, DecidedAt = now, DecidedBy = actor.Id }, cancellationToken);
            await ReleaseSubstituteAsync(work, store, m, attendees, old, snapshot, now, cancellationToken, keep: application.SubstituteId);
        }

        var me = attendees.First(a => a.PersonId == actor.Id);
        if (me.Answer != AttendanceAnswer.Pending)
        {
            await store.SaveAttendeeAsync(me with { Answer = AttendanceAnswer.Pending, AnsweredAt = now }, cancellationToken);
        }

        var request = new LeaveRequest(0, m.Id, actor.Id, application.Reason.Trim(), application.SubstituteId, application.SubstituteName, application.SubstitutePhone,
            LeaveStatus.Pending, now);
        request = request with { Id = await store.InsertLeaveAsync(request, cancellationToken) };
        await AuditLeaveAsync(work, actor, "meeting.leave", request, MeetingText.LeaveAudit(request, snapshot), now, cancellationToken);
        var sent = await notices.SendAsync(work, m.HostId, snapshot, MeetingText.LeaveToHost(m, request, snapshot, notices.Office, earlier.Count > 0), now, null, cancellationToken);
        logger.LogInformation("Leave request {Id} for meeting {Meeting} by {Person} sent to host {Host} ({Sent})", request.Id, m.Id, actor.Id, m.HostId, sent);
        return MeetingOutcome.Ok(MeetingText.LeaveSubmitted(m, snapshot, reachedHost: sent is not null, replaced: earlier.Count > 0)) with { Meeting = m, Leave = request };
    }

    /// <summary>Whether the actor may decide a leave request now (its host, pending, before the start).</summary>
    public async Task<MeetingOutcome> CanDecideAsync(Actor actor, IUnitOfWork work, long requestId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var store = stores.For(work);
        var request = await store.FindLeaveAsync(requestId, cancellationToken);
        var meeting = request is null ? null : await store.FindMeetingAsync(request.MeetingId, cancellationToken);
        if (request is null || meeting is null)
        {
            return MeetingOutcome.Refuse(MeetingText.NoLeaveRequest);
        }

        if (meeting.HostId != actor.Id)
        {
            return MeetingOutcome.Refuse(MeetingText.OnlyHostDecides);
        }

        var refusal = MeetingText.DecisionRefusal(request.Status, meeting.Status == MeetingStatus.Cancelled, meeting.HasStarted(actor.ActedAt(time.GetUtcNow())));
        return refusal is null
            ? MeetingOutcome.Ok(MeetingText.AskRejectComment) with { Meeting = meeting, Leave = request }
            : MeetingOutcome.Refuse(refusal);
    }

    /// <summary>批准: the host approves; the attendee is told, a substitute from the directory is put on the roster and invited.</summary>
    public async Task<MeetingOutcome> ApproveAsync(Actor actor, IUnitOfWork work, long requestId, CancellationToken cancellationToken = default)
    {
        var check = await CanDecideAsync(actor, work, requestId, cancellationToken);
        if (!check.Succeeded)
        {
            return check;
        }

        var now = time.GetUtcNow();
        var store = stores.For(work);
        var snapshot = await directory.LoadAsync(cancellationToken);
        var r = check.Leave! with { Status = LeaveStatus.Approved, DecidedBy = actor.Id, DecidedAt = now };
        var m = check.Meeting!;
        await store.UpdateLeaveAsync(r, cancellationToken);
        var attendees = await store.ListAttendeesAsync(m.Id, cancellationToken);
        if (attendees.FirstOrDefault(a => a.PersonId == r.PersonId) is { } invitee)
        {
            await store.SaveAttendeeAsync(invitee with { Answer = AttendanceAnswer.OnLeave, AnsweredAt = now }, cancellationToken);
        }

        var invited = false;
        if (r.SubstitutePersonId is { } sid && !attendees.Any(a => a.PersonId == sid))
        {
            var substitute = snapshot.People.FirstOrDefault(p => p.Id == sid);
            await store.SaveAttendeeAsync(new Attendee(m.Id, sid, AttendeeRole.Substitute, substitute?.UnitCode, "substitute", SubstituteFor: r.PersonId, LeaveRequestId: r.Id), cancellationToken);
            invited = await notices.SendAsync(work, sid, snapshot, MeetingText.SubstituteInvitation(m, r, snapshot, notices.Office), now,
                MeetingNotices.DedupeKey(MeetingSteps.Subject(m), $"substitute-{r.Id}", sid), cancellationToken) is not null;
        }

        await notices.SendAsync(work, r.PersonId, snapshot, MeetingText.LeaveApproved(m, r, snapshot, notices.Office), now, null, cancellationToken);
        await AuditLeaveAsync(work, actor, "meeting.leave.approve", r, MeetingText.LeaveAudit(r, snapshot), now, cancellationToken);
        return MeetingOutcome.Ok(MeetingText.Approved(r, snapshot, invited)) with { Meeting = m, Leave = r };
    }

    /// <summary>不批准 with the host's comment; the attendee is told and expected at the meeting.</summary>
    public async Task<MeetingOutcome> RejectAsync(Actor actor, IUnitOfWork work, long requestId, string comment, CancellationToken cancellationToken = default)
    {
        if (CheckComment(comment) is { } badComment)
        {
            return MeetingOutcome.Refuse(badComment);
        }

        comment = comment.Trim();

        var check = await CanDecideAsync(actor, work, requestId, cancellationToken);
        if (!check.Succeeded)
        {
            return check;
        }

        var now = time.GetUtcNow();
        var snapshot = await directory.LoadAsync(cancellationToken);
        var r = check.Leave! with { Status = LeaveStatus.Rejected, DecidedBy = actor.Id, DecidedAt = now, HostComment = comment };
        await stores.For(work).UpdateLeaveAsync(r, cancellationToken);
        await notices.SendAsync(work, r.PersonId, snapshot, MeetingText.LeaveRejected(check.Meeting!, r, snapshot, notices.Office), now, null, cancellationToken);
        await AuditLeaveAsync(work, actor, "meeting.leave.reject", r, comment, now, cancellationToken);
        return MeetingOutcome.Ok(MeetingText.Rejected(r, snapshot)) with { Meeting = check.Meeting, Leave = r };
    }

    /// <summary>Takes an approved request's substitute off the roster and tells them (a substitute from the directory only).</summary>
    private async Task ReleaseSubstituteAsync(
        IUnitOfWork work, IMeetingStore store, Meeting m, IReadOnlyList<Attendee> attendees, LeaveRequest request, DirectorySnapshot snapshot, DateTimeOffset now,
        CancellationToken cancellationToken, string? keep = null)
    {
        if (request.Status != LeaveStatus.Approved ||
            attendees.FirstOrDefault(a => a.Role == AttendeeRole.Substitute && a.LeaveRequestId == request.Id) is not { } substitute)
        {
            return;
        }

        await store.RemoveAttendeeAsync(m.Id, substitute.PersonId, cancellationToken);
        if (substitute.PersonId != keep && substitute.Answer != AttendanceAnswer.Declined)
        {
            await notices.SendAsync(work, substitute.PersonId, snapshot,
                MeetingText.SubstituteReleased(m, MeetingText.Label(request.PersonId, snapshot), notices.Office), now, null, cancellationToken);
        }
    }

    /// <summary>
    /// The meeting and, when it is missing, cancelled or started when the actor acted (<see cref="Actor.At"/>), the
    /// refusal (<paramref name="what"/>: 请假, 确认参会).
    /// </summary>
    private async Task<(Meeting Meeting, MeetingOutcome? Closed)> OpenAsync(IMeetingStore store, long id, string what, Actor actor, CancellationToken cancellationToken)
    {
        var meeting = await store.FindMeetingAsync(id, cancellationToken);
        var closed = meeting switch
        {
            null => MeetingOutcome.Refuse(MeetingText.NoMeeting(id)),
            { Status: MeetingStatus.Cancelled } => MeetingOutcome.Refuse(MeetingText.WasCancelled(meeting, notices.Office)),
            _ when meeting.HasStarted(actor.ActedAt(time.GetUtcNow())) => MeetingOutcome.Refuse(MeetingText.HasStarted(meeting, what, await directory.LoadAsync(cancellationToken), notices.Office)),
            _ => null,
        };
        return (meeting!, closed);
    }

    /// <summary>A refusal for someone who is not an invitee (a substitute, the host, someone not invited); null for an invitee.</summary>
    private async Task<MeetingOutcome?> NotInviteeAsync(Actor actor, IMeetingStore store, Meeting m, CancellationToken cancellationToken)
    {
        var me = (await store.ListAttendeesAsync(m.Id, cancellationToken)).FirstOrDefault(a => a.PersonId == actor.Id);
        if (me is { Role: AttendeeRole.Invitee })
        {
            return null;
        }

        var snapshot = await directory.LoadAsync(cancellationToken);
        return MeetingOutcome.Refuse(me is not null
            ? MeetingText.SubstituteCannotRequestLeave(m, me, snapshot)
            : m.HostId == actor.Id ? MeetingText.HostNeedNotRequestLeave(m) : MeetingText.NotOnRosterLeave(m));
    }

    private static Task AuditAsync(IUnitOfWork work, Actor actor, string action, Meeting meeting, string detail, DateTimeOffset now, CancellationToken cancellationToken) =>
        work.Audit.AppendAsync(AuditEntry.Of(now, actor.Id, action, MeetingSteps.Subject(meeting), detail, actor.Source), cancellationToken);

    private static Task AuditLeaveAsync(IUnitOfWork work, Actor actor, string action, LeaveRequest request, string detail, DateTimeOffset now, CancellationToken cancellationToken) =>
        work.Audit.AppendAsync(AuditEntry.Of(now, actor.Id, action, $"leave:{request.Id}", $"{MeetingSteps.Subject(request.MeetingId)} {detail}".Trim(), actor.Source), cancellationToken);
}
