namespace ChatOps.Core.Meetings;

/// <summary>不能参加: a substitute who cannot attend after all says why; the attendee and the host are told at once.</summary>
public sealed partial class MeetingAttendance
{
    /// <summary>不能参加 #id: whether the actor is a substitute of the meeting who may still decline; the message asks for the reason.</summary>
    public async Task<MeetingOutcome> CanDeclineAsync(Actor actor, IUnitOfWork work, long meetingId, CancellationToken cancellationToken = default)
    {
        var (m, me, refusal) = await DeclinableAsync(actor, work, meetingId, cancellationToken);
        return refusal ?? MeetingOutcome.Ok(MeetingText.AskDeclineReason(m, me!, await directory.LoadAsync(cancellationToken), notices.Office)) with { Meeting = m };
    }

    /// <summary>
    /// Records that the substitute cannot attend, with the reason; tells the attendee they replace (who may attend or
    /// name someone else) and the host. The roster shows it until the attendee decides.
    /// </summary>
    public async Task<MeetingOutcome> DeclineAsync(Actor actor, IUnitOfWork work, long meetingId, string reason, CancellationToken cancellationToken = default)
    {
        var (m, me, refusal) = await DeclinableAsync(actor, work, meetingId, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (CheckReason(reason) is { } badReason)
        {
            return new MeetingOutcome(MeetingOutcomeKind.AskAgain, badReason);
        }

        var now = time.GetUtcNow();
        var declined = me! with { Answer = AttendanceAnswer.Declined, AnsweredAt = now, DeclineReason = reason.Trim() };
        await stores.For(work).SaveAttendeeAsync(declined, cancellationToken);
        var snapshot = await directory.LoadAsync(cancellationToken);
        var forId = me.SubstituteFor ?? "";
        await notices.SendAsync(work, forId, snapshot, MeetingText.SubstituteDeclinedToAttendee(m, declined, snapshot, notices.Office), now, null, cancellationToken);
        await notices.SendAsync(work, m.HostId, snapshot, MeetingText.SubstituteDeclinedToHost(m, declined, snapshot, notices.Office), now, null, cancellationToken);
        await AuditAsync(work, actor, "meeting.substitute.decline", m, MeetingText.DeclineAudit(declined, snapshot), now, cancellationToken);
        return MeetingOutcome.Ok(MeetingText.Declined(m, declined, snapshot)) with { Meeting = m };
    }

    /// <summary>The open meeting and the actor as its substitute who has not declined yet, or the refusal.</summary>
    private async Task<(Meeting Meeting, Attendee? Me, MeetingOutcome? Refusal)> DeclinableAsync(Actor actor, IUnitOfWork work, long meetingId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var store = stores.For(work);
        var (m, closed) = await OpenAsync(store, meetingId, MeetingText.DeclineVerb, actor, cancellationToken);
        if (closed is not null)
        {
            return (m, null, closed);
        }

        var me = (await store.ListAttendeesAsync(m.Id, cancellationToken)).FirstOrDefault(a => a.PersonId == actor.Id);
        return (m, me, me switch
        {
            { Role: AttendeeRole.Substitute, Answer: AttendanceAnswer.Declined } => MeetingOutcome.Refuse(MeetingText.AlreadyDeclined(m)),
            { Role: AttendeeRole.Substitute } => null,
            { Role: AttendeeRole.Invitee } => MeetingOutcome.Refuse(MeetingText.InviteeShouldAskLeave(m)),
            _ => MeetingOutcome.Refuse(m.HostId == actor.Id ? MeetingText.HostNeedNotRequestLeave(m) : MeetingText.NotOnRosterLeave(m)),
        });
    }
}
