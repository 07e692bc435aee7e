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
    public async Task<MeetingResult<int>> AddAttendeesAsync(Actor actor, long meetingId, IReadOnlyList<string> specs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(specs);
        var now = time.GetUtcNow();
        await using var work = await units.BeginAsync(cancellationToken);
        var store = stores.For(work);
        var open = await OpenForAsync(store, actor, meetingId, now, cancellationToken);
        if (open.Value is not { } meeting)
        {
            return open.Refusal!;
        }

        var snapshot = await directory.LoadAsync(cancellationToken);
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
    public async Task<MeetingResult<string>> RemoveAttendeeAsync(Actor actor, long meetingId, string personId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var now = time.GetUtcNow();
        await using var work = await units.BeginAsync(cancellationToken);
        var store = stores.For(work);
        var open = await OpenForAsync(store, actor, meetingId, now, cancellationToken);
        if (open.Value is not { } meeting)
        {
            return open.Refusal!;
        }

        var attendees = await store.ListAttendeesAsync(meetingId, cancellationToken);
        if (!attendees.Any(a => a.PersonId == personId))
        {
            return MeetingRefusal.One("person", MeetingText.NotOnRoster);
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
            await notices.SendAsync(work, personId, snapshot, MeetingText.TakenOffRoster(meeting, notices.Office), now, null, cancellationToken);
        }

        await work.Audit.AppendAsync(AuditEntry.Of(now, actor.Id, "meeting.attendee-remove", $"meeting:{meetingId}", personId, actor.Source), cancellationToken);
        await work.CommitAsync(cancellationToken);
        return MeetingText.RemovedFromRoster(label);
    }

    /// <summary>The agreed items of a meeting with their feedback, overdue when past due and not done (office date).</summary>
    public async Task<IReadOnlyList<AgreedItemStanding>> ItemsAsync(long meetingId, CancellationToken cancellationToken = default)
    {
        await using var work = await units.BeginAsync(cancellationToken);
        var store = stores.For(work);
        return await MeetingService.StandingsAsync(store, await store.ListItemsForMeetingAsync(meetingId, cancellationToken), calendar.LocalDate(time.GetUtcNow()), cancellationToken);
    }

    /// <summary>A meeting the actor may change the roster of, or the refusal (404, 409).</summary>
    private static async Task<MeetingResult<Meeting>> OpenForAsync(IMeetingStore store, Actor actor, long id, DateTimeOffset now, CancellationToken cancellationToken) =>
        await store.FindMeetingAsync(id, cancellationToken) switch
        {
            null => MeetingRefusal.NoMeeting(id),
            var m when !MeetingService.MayManage(actor, m) => MeetingRefusal.Conflict(MeetingText.OnlyOfficeChangesRoster),
            var m when !m.IsOpen(now) => MeetingRefusal.Conflict(MeetingText.RosterClosed(m)),
            var m => m,
        };
}
