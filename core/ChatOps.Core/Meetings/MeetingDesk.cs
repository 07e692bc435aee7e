using ChatOps.Core.Audit;

namespace ChatOps.Core.Meetings;

/// <summary>An agreed item (议定事项) with its feedback, as the console lists it.</summary>
public sealed record AgreedItemStanding(AgreedItem Item, IReadOnlyList<ItemFeedback> Feedback, bool Overdue);

/// <summary>
/// The meeting use cases the console needs beyond <see cref="MeetingService"/>: the host's decision on a leave request
/// (the same rules and texts as the chat's 批准请假 #id / 不批准 #id), adding attendees to a meeting already announced
/// (they are invited at once) and taking one off (they are told), and the agreed items of a meeting with their feedback
/// and whether they are overdue. Each takes the acting <see cref="Actor"/>, checks permission itself, and writes the
/// change, an audit line and its notices in one transaction, and returns a <see cref="MeetingResult{T}"/> (a refusal
/// writes nothing).
/// </summary>
public sealed class MeetingDesk(
    IUnitOfWorkFactory units,
    IMeetingStoreFactory stores,
    IDirectoryRepository directory,
    MeetingAttendance attendance,
    MeetingNotices notices,
    MeetingCalendar calendar,
    TimeProvider time)
{
    /// <summary>批准 / 不批准: only the meeting's host, before it starts; a refusal needs the host's comment (told to the requester).</summary>
    /// <returns>The Chinese text to show, or the refusal (409).</returns>
    public async Task<MeetingResult<string>> DecideLeaveAsync(Actor actor, long requestId, bool approve, string? comment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var work = await units.BeginAsync(cancellationToken);
        var outcome = approve
            ? await attendance.ApproveAsync(actor, work, requestId, cancellationToken)
            : await attendance.RejectAsync(actor, work, requestId, comment ?? "", cancellationToken);
        if (!outcome.Succeeded)
        {
            return MeetingRefusal.One(approve ? "id" : "comment", outcome.Message, MeetingProblemKind.Conflict);
        }

        await work.CommitAsync(cancellationToken);
        return outcome.Message;
    }

    /// <summary>Adds attendees (unit:…, role:…, person:…) to a meeting not yet started; the office or the host. New attendees are invited now.</summary>
    /// <returns>How many people were added.</returns>
    public Task<MeetingResult<int>> AddAttendeesAsync(Actor actor, long meetingId, IReadOnlyList<string> specs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(specs);
        return ChangeRosterAsync<int>(actor, meetingId, async change =>
        {
            var (work, store, meeting, snapshot, now) = change;
            var split = specs.SelectMany(AttendeeSpec.Split).ToList();
            if (split.Count == 0)
            {
                return MeetingRefusal.One("attendees", MeetingText.NoAttendees);
            }

            var resolution = AttendeeResolver.Resolve(split, snapshot, meeting.HostId);
            if (resolution.Errors.Count > 0)
            {
                return MeetingRefusal.One("attendees", string.Join("\n", resolution.Errors));
            }

            var present = (await store.ListAttendeesAsync(meetingId, cancellationToken)).Select(a => a.PersonId).ToHashSet(StringComparer.Ordinal);
            var added = resolution.People.Where(p => !present.Contains(p.PersonId)).ToList();
            if (added.Count == 0)
            {
                return MeetingRefusal.One("attendees", MeetingText.AllOnRoster, MeetingProblemKind.Conflict);
            }

            var announced = await MeetingService.WasInvitedAsync(store, meeting, cancellationToken);
            await MeetingService.AddInviteesAsync(store, meeting, added, cancellationToken);
            foreach (var p in announced ? added : [])
            {
                await notices.SendAsync(work, p.PersonId, snapshot, MeetingText.Invitation(meeting, snapshot, notices.Office), now,
                    MeetingNotices.DedupeKey(MeetingSteps.Subject(meeting), MeetingSteps.Invite, p.PersonId), cancellationToken);
            }

            await work.Audit.AppendAsync(AuditEntry.Of(now, actor.Id, "meeting.attendees-add", $"meeting:{meetingId}", string.Join(",", added.Select(p => p.PersonId)), actor.Source), cancellationToken);
            return added.Count;
        }, cancellationToken);
    }

    /// <summary>Takes an invitee off a meeting not yet started (the office or the host); they are told it no longer concerns them.</summary>
    public Task<MeetingResult<string>> RemoveAttendeeAsync(Actor actor, long meetingId, string personId, CancellationToken cancellationToken = default) =>
        ChangeRosterAsync<string>(actor, meetingId, async change =>
        {
            var (work, store, meeting, snapshot, now) = change;
            var attendees = await store.ListAttendeesAsync(meetingId, cancellationToken);
            if (!attendees.Any(a => a.PersonId == personId))
            {
                return MeetingRefusal.One("person", MeetingText.NotOnRoster);
            }

            var label = MeetingText.Label(personId, snapshot);
            await store.RemoveAttendeeAsync(meetingId, personId, cancellationToken);
            foreach (var substitute in attendees.Where(a => a.SubstituteFor == personId))
            {
                await store.RemoveAttendeeAsync(meetingId, substitute.PersonId, cancellationToken);
                await notices.SendAsync(work, substitute.PersonId, snapshot, MeetingText.SubstituteReleased(meeting, label, notices.Office), now, null, cancellationToken);
            }

            if (await MeetingService.WasInvitedAsync(store, meeting, cancellationToken))
            {
                await notices.SendAsync(work, personId, snapshot, MeetingText.TakenOffRoster(meeting, notices.Office), now, null, cancellationToken);
            }

            await work.Audit.AppendAsync(AuditEntry.Of(now, actor.Id, "meeting.attendee-remove", $"meeting:{meetingId}", personId, actor.Source), cancellationToken);
            return MeetingText.RemovedFromRoster(label);
        }, cancellationToken);

    /// <summary>The agreed items of a meeting with their feedback, overdue when past due and not done (office date).</summary>
    public async Task<IReadOnlyList<AgreedItemStanding>> ItemsAsync(long meetingId, CancellationToken cancellationToken = default)
    {
        await using var work = await units.BeginAsync(cancellationToken);
        var store = stores.For(work);
        return await MeetingService.StandingsAsync(store, await store.ListItemsForMeetingAsync(meetingId, cancellationToken), calendar.LocalDate(time.GetUtcNow()), cancellationToken);
    }

    /// <summary>
    /// Runs a roster change in a unit of work of its own, committed only when it succeeded: on a meeting not yet started
    /// that the actor manages (else the refusal: 404, 403, 409), with the directory loaded once.
    /// </summary>
    private async Task<MeetingResult<T>> ChangeRosterAsync<T>(Actor actor, long meetingId, Func<RosterChange, Task<MeetingResult<T>>> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var now = time.GetUtcNow();
        await using var work = await units.BeginAsync(cancellationToken);
        var store = stores.For(work);
        var open = await MeetingService.ManageableAsync(store, actor, meetingId, now, MeetingText.RosterVerb, MeetingText.OnlyOfficeChangesRoster, cancellationToken);
        if (open.Value is not { } meeting)
        {
            return open.Refusal!;
        }

        var result = await change(new RosterChange(work, store, meeting, await directory.LoadAsync(cancellationToken), now));
        if (result.Succeeded)
        {
            await work.CommitAsync(cancellationToken);
        }

        return result;
    }

    /// <summary>What a roster change works with.</summary>
    private sealed record RosterChange(IUnitOfWork Work, IMeetingStore Store, Meeting Meeting, DirectorySnapshot Directory, DateTimeOffset Now);
}
