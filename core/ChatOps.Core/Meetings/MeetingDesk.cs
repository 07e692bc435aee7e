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
    MeetingAttendance attendance,
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
        await using var work = await units.BeginAsync(cancellationToken);
        var outcome = approve
            ? await attendance.ApproveAsync(actor, work, requestId, cancellationToken)
            : await attendance.RejectAsync(actor, work, requestId, comment ?? "", cancellationToken);
        if (!outcome.Succeeded)
        {
            throw MeetingValidationException.One(approve ? "id" : "comment", outcome.Message, MeetingProblemKind.Conflict);
        }

        await work.CommitAsync(cancellationToken);
        return outcome.Message;
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
        if (!MeetingService.MayManage(actor, meeting))
        {
            throw MeetingValidationException.One("id", "只有领导小组办公室或会议主持人可以调整参会名单。", MeetingProblemKind.Conflict);
        }

        return !meeting.IsOpen(now)
            ? throw MeetingValidationException.One("id", $"{meeting.Title}已经{(meeting.Status == MeetingStatus.Cancelled ? "取消" : "开始")}，不能调整参会名单。", MeetingProblemKind.Conflict)
            : meeting;
    }
}
