namespace ChatOps.Core.Meetings;

/// <summary>A meeting as one person stands in it (会议): their roster line, their latest leave request, and whether it waits for their answer.</summary>
/// <param name="Me">The person's roster line; null for the host.</param>
/// <param name="Leave">The person's latest leave request, if any.</param>
/// <param name="AwaitsAnswer">An invitee who has neither answered nor asked for leave.</param>
public sealed record MyMeeting(Meeting Meeting, Attendee? Me, LeaveRequest? Leave, bool AwaitsAnswer);

/// <summary>What a person has to answer: their meetings, the meetings a bare 参加 / 请假 can mean, the requests a host decides.</summary>
public sealed partial class MeetingAttendance
{
    /// <summary>会议: the scheduled meetings not yet ended that the actor attends or hosts, soonest first.</summary>
    public async Task<IReadOnlyList<MyMeeting>> MyMeetingsAsync(Actor actor, IUnitOfWork work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var store = stores.For(work);
        var result = new List<MyMeeting>();
        foreach (var m in await UpcomingAsync(store, actor.Id, cancellationToken))
        {
            var me = (await store.ListAttendeesAsync(m.Id, cancellationToken)).FirstOrDefault(a => a.PersonId == actor.Id);
            if (m.HostId != actor.Id && me is null)
            {
                continue;
            }

            var mine = (await store.ListLeaveAsync(m.Id, cancellationToken)).Where(r => r.PersonId == actor.Id).MaxBy(r => r.Id);
            var awaits = m.HostId != actor.Id && me is { Role: AttendeeRole.Invitee, Answer: AttendanceAnswer.Pending } && mine?.Status is not LeaveStatus.Pending;
            result.Add(new MyMeeting(m, me, mine, awaits));
        }

        return result;
    }

    /// <summary>
    /// The open meetings a bare 参加 (<paramref name="attend"/>) or 请假 can mean: those where the actor is on the roster
    /// and not yet attending — as an invitee or, for 参加, as a substitute.
    /// </summary>
    public async Task<IReadOnlyList<Meeting>> AnswerableAsync(Actor actor, IUnitOfWork work, bool attend, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var store = stores.For(work);
        var now = time.GetUtcNow();
        var candidates = new List<Meeting>();
        foreach (var m in await UpcomingAsync(store, actor.Id, cancellationToken))
        {
            var me = (await store.ListAttendeesAsync(m.Id, cancellationToken)).FirstOrDefault(a => a.PersonId == actor.Id);
            if (m.IsOpen(now) && me is not null && me.Answer != AttendanceAnswer.Attending && (attend || me.Role == AttendeeRole.Invitee))
            {
                candidates.Add(m);
            }
        }

        return candidates;
    }

    /// <summary>The pending leave requests of the open meetings the actor hosts (a bare 批准 / 不批准).</summary>
    public async Task<IReadOnlyList<(LeaveRequest Request, Meeting Meeting)>> PendingDecisionsAsync(Actor actor, IUnitOfWork work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var store = stores.For(work);
        var now = time.GetUtcNow();
        var pending = new List<(LeaveRequest Request, Meeting Meeting)>();
        foreach (var id in await store.ListMeetingIdsForPersonAsync(actor.Id, now, cancellationToken))
        {
            if (await store.FindMeetingAsync(id, cancellationToken) is { } m && m.HostId == actor.Id && m.IsOpen(now))
            {
                pending.AddRange((await store.ListLeaveAsync(id, cancellationToken)).Where(r => r.Status == LeaveStatus.Pending).Select(r => (r, m)));
            }
        }

        return pending;
    }

    /// <summary>Scheduled meetings not yet ended (nor held for a day off) that the person attends or hosts, by start.</summary>
    private async Task<List<Meeting>> UpcomingAsync(IMeetingStore store, string personId, CancellationToken cancellationToken)
    {
        var list = new List<Meeting>();
        foreach (var id in await store.ListMeetingIdsForPersonAsync(personId, time.GetUtcNow(), cancellationToken))
        {
            if (await store.FindMeetingAsync(id, cancellationToken) is { AwaitingConfirmation: false } m)
            {
                list.Add(m);
            }
        }

        return [.. list.OrderBy(m => m.StartsAt)];
    }
}
