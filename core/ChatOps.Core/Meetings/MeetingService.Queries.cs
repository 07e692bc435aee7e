namespace ChatOps.Core.Meetings;

/// <summary>Reading meetings: the console's list, the meetings a person may change, and a meeting's roster.</summary>
public sealed partial class MeetingService
{
    /// <summary>
    /// Scheduled meetings that have not ended more than a week ago, soonest first: every meeting for office staff, a
    /// host's own meetings otherwise (the console's 会议 page).
    /// </summary>
    public async Task<IReadOnlyList<Meeting>> ListForAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var work = await units.BeginAsync(cancellationToken);
        var meetings = await stores.For(work).ListScheduledEndingAfterAsync(time.GetUtcNow() - TimeSpan.FromDays(7), cancellationToken);
        return [.. meetings.Where(m => MayManage(actor, m)).OrderBy(m => m.StartsAt)];
    }

    /// <summary>调整会议 / 取消会议: the meetings not yet started that the actor may change, soonest first (at most nine, one digit each).</summary>
    public async Task<IReadOnlyList<Meeting>> ChangeableAsync(Actor actor, IUnitOfWork work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var now = time.GetUtcNow();
        return [.. (await stores.For(work).ListScheduledEndingAfterAsync(now, cancellationToken))
            .Where(m => !m.HasStarted(now) && MayManage(actor, m)).OrderBy(m => m.StartsAt).Take(9)];
    }

    /// <summary>Every scheduled meeting not yet ended, for office staff; null for anyone else.</summary>
    public async Task<IReadOnlyList<Meeting>?> AllUpcomingAsync(Actor actor, IUnitOfWork work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Has(Roles.OfficeStaff) ? await stores.For(work).ListScheduledEndingAfterAsync(time.GetUtcNow(), cancellationToken) : null;
    }

    /// <summary>The roster of a meeting, in a unit of work of its own.</summary>
    public async Task<MeetingResult<Roster>> RosterAsync(Actor actor, long id, CancellationToken cancellationToken = default)
    {
        await using var work = await units.BeginAsync(cancellationToken);
        return await RosterAsync(actor, work, id, cancellationToken);
    }

    /// <summary>The roster of a meeting, for office staff and its host.</summary>
    public async Task<MeetingResult<Roster>> RosterAsync(Actor actor, IUnitOfWork work, long id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(work);
        var store = stores.For(work);
        if (await store.FindMeetingAsync(id, cancellationToken) is not { } meeting)
        {
            return MeetingRefusal.NoMeeting(id);
        }

        if (!MayManage(actor, meeting))
        {
            return MeetingRefusal.Forbidden(MeetingText.OnlyHostOrOfficeRoster);
        }

        return Roster.Build(meeting, await store.ListAttendeesAsync(id, cancellationToken), await store.ListLeaveAsync(id, cancellationToken),
            await directory.LoadAsync(cancellationToken));
    }
}
