using ChatOps.Core.Audit;

namespace ChatOps.Core.Meetings;

/// <summary>What creating a meeting did.</summary>
/// <param name="Meeting">The (first) meeting, already invited.</param>
/// <param name="Series">The series, for a recurring meeting.</param>
/// <param name="Invited">Invitations queued.</param>
/// <param name="Warnings">Things to check that did not stop it (a day off, an unreachable attendee).</param>
public sealed record MeetingCreated(Meeting Meeting, MeetingSeries? Series, int Invited, IReadOnlyList<string> Warnings);

/// <summary>
/// The office's meeting use cases (seed 000 第十一~十三条): create a one-off or recurring meeting and invite its
/// attendees, move it (attendees are told), cancel it (attendees are told, open leave requests are closed), confirm one
/// held for a day off, record the agreed items of its minutes (the owner's liaison is told), and read its roster. Each
/// takes the acting person (<see cref="Actor"/>) and checks permission itself, so chat, CLI, HTTP API and console are
/// refused or allowed alike. A change, its notices and its audit line are written in one unit of work: the caller's
/// (chat passes its turn's) or, through the overloads without one, a new one committed when the change succeeded.
/// Each returns a <see cref="MeetingResult{T}"/>: the value, or a <see cref="MeetingRefusal"/> with one Chinese message
/// per field (and nothing written).
/// </summary>
public sealed partial class MeetingService(
    IUnitOfWorkFactory units,
    IMeetingStoreFactory stores,
    IDirectoryRepository directory,
    MeetingNotices notices,
    MeetingCalendar calendar,
    TimeProvider time,
    ILogger<MeetingService> logger)
{
    /// <summary>True when <paramref name="actor"/> may move, cancel or read the roster of <paramref name="meeting"/>: office staff, or its host.</summary>
    public static bool MayManage(Actor actor, Meeting meeting)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(meeting);
        return actor.Has(Roles.OfficeStaff) || meeting.HostId == actor.Id;
    }

    /// <summary>Creates a meeting in a unit of work of its own (begun only once the draft is valid).</summary>
    public async Task<MeetingResult<MeetingCreated>> CreateAsync(Actor actor, MeetingDraft draft, CancellationToken cancellationToken = default)
    {
        var snapshot = await directory.LoadAsync(cancellationToken);
        return Check(actor, draft, snapshot) is { } refusal
            ? refusal
            : await InOwnWorkAsync(work => CreateAsync(actor, work, draft, snapshot, cancellationToken), cancellationToken);
    }

    /// <summary>Checks a draft against <paramref name="snapshot"/> without writing anything: the refusal with a message per field, or null.</summary>
    public MeetingRefusal? Check(Actor actor, MeetingDraft draft, DirectorySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(draft);
        if (RefuseCreate(actor) is { } refusal)
        {
            return refusal;
        }

        var valid = Validate(draft, snapshot, time.GetUtcNow());
        return valid.Refusal ?? RefuseHost(actor, valid.Value!.Host);
    }

    /// <summary>A scheduled meeting with this title and start, if any (creating another asks first).</summary>
    public async Task<Meeting?> FindDuplicateAsync(IUnitOfWork work, string title, DateTimeOffset start, CancellationToken cancellationToken = default) =>
        (await stores.For(work).ListScheduledEndingAfterAsync(time.GetUtcNow(), cancellationToken))
            .FirstOrDefault(m => m.StartsAt == start && string.Equals(m.Title, title.Trim(), StringComparison.Ordinal));

    /// <summary>Creates a meeting (and its series when recurring) and sends the invitations, in <paramref name="work"/>.</summary>
    public async Task<MeetingResult<MeetingCreated>> CreateAsync(Actor actor, IUnitOfWork work, MeetingDraft draft, CancellationToken cancellationToken = default) =>
        await CreateAsync(actor, work, draft, await directory.LoadAsync(cancellationToken), cancellationToken);

    private async Task<MeetingResult<MeetingCreated>> CreateAsync(Actor actor, IUnitOfWork work, MeetingDraft draft, DirectorySnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(draft);
        if (RefuseCreate(actor) is { } forbidden)
        {
            return forbidden;
        }

        var now = time.GetUtcNow();
        var checkedDraft = Validate(draft, snapshot, now);
        if ((checkedDraft.Refusal ?? RefuseHost(actor, checkedDraft.Value!.Host)) is { } refusal)
        {
            return refusal;
        }

        var valid = checkedDraft.Value!;
        if (!draft.AllowDuplicate && await FindDuplicateAsync(work, valid.Title, valid.Start, cancellationToken) is { } twin)
        {
            return MeetingRefusal.One("title", MeetingText.Duplicate(twin, notices.Office), MeetingProblemKind.Duplicate);
        }

        var warnings = new List<string>();
        var firstDate = calendar.LocalDate(valid.Start);
        var day = calendar.Calendar.Describe(firstDate);
        if (!day.IsWorkingDay)
        {
            warnings.Add(MeetingText.DayOffWarning(firstDate, day.Name));
        }

        if (!day.HasOfficialData)
        {
            warnings.Add(MeetingText.NoHolidayData(firstDate.Year));
        }

        var store = stores.For(work);
        MeetingSeries? series = null;
        if (valid.Rule is { } rule)
        {
            var local = notices.Office.Local(valid.Start);
            series = new MeetingSeries(0, valid.Kind, valid.Title, valid.Host.Id, rule, firstDate, TimeOnly.FromDateTime(local), (int)(valid.End - valid.Start).TotalMinutes,
                valid.Place, valid.Link, valid.Agenda, valid.Specs, actor.Id, now);
            series = series with { Id = await store.InsertSeriesAsync(series, cancellationToken) };
        }

        var meeting = new Meeting(0, series?.Id, series is null ? null : firstDate, valid.Kind, valid.Title, valid.Host.Id, valid.Start, valid.End, valid.Place,
            valid.Link, valid.Agenda, valid.Specs, MeetingStatus.Scheduled, actor.Id, now, now);
        meeting = meeting with { Id = await store.InsertMeetingAsync(meeting, cancellationToken) };
        await AddInviteesAsync(store, meeting, valid.People, cancellationToken);
        var invited = await notices.InviteAsync(work, store, meeting, snapshot, now, cancellationToken);
        if (invited < valid.People.Count)
        {
            warnings.Add(MeetingText.Unreachable(valid.People.Count - invited));
        }

        await AuditAsync(work, actor, "meeting.create", meeting, MeetingText.CreatedAudit(meeting, invited, series), now, cancellationToken);
        logger.LogInformation("{By} created meeting {Id} ({Title}) at {Start:o}{Series}; {Count} invitation(s) queued",
            actor.Id, meeting.Id, meeting.Title, meeting.StartsAt, series is null ? "" : $", series {series.Id} {series.Rule}", invited);
        return new MeetingCreated(meeting, series, invited, warnings);
    }

    /// <summary>Moves a meeting in a unit of work of its own.</summary>
    /// <param name="end">The new end; null keeps the meeting's length.</param>
    public Task<MeetingResult<Meeting>> EditTimeAsync(Actor actor, long id, string? start, string? end, CancellationToken cancellationToken = default) =>
        InOwnWorkAsync(work => MoveAsync(actor, work, id, start ?? "", end, null, cancellationToken), cancellationToken);

    /// <summary>
    /// Moves a meeting to a new time and/or place (office staff, or its host); attendees and the host are told (or
    /// invited, when its invitations were on hold). A null <paramref name="start"/> keeps the time, a null
    /// <paramref name="end"/> the length, a null <paramref name="place"/> the place.
    /// </summary>
    public async Task<MeetingResult<Meeting>> MoveAsync(Actor actor, IUnitOfWork work, long id, string? start, string? end, string? place, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(work);
        var now = time.GetUtcNow();
        var store = stores.For(work);
        var planned = await PlanMoveAsync(store, actor, id, start, end, place, now, cancellationToken);
        if (!planned.Succeeded)
        {
            return planned.Refusal!;
        }

        var (meeting, moved) = planned.Value;
        await store.UpdateMeetingAsync(moved, cancellationToken);
        var queued = await AnnounceChangeAsync(work, store, meeting, moved, await directory.LoadAsync(cancellationToken), now, cancellationToken);
        await AuditAsync(work, actor, "meeting.move", moved, MeetingText.MovedAudit(meeting, moved, notices.Office), now, cancellationToken);
        logger.LogInformation("{By} moved meeting {Id} from {Old:o} to {New:o}; {Count} notice(s) queued", actor.Id, id, meeting.StartsAt, moved.StartsAt, queued);
        return moved;
    }

    /// <summary>
    /// Checks a move as <see cref="MoveAsync"/> would, writing nothing: the meeting before and as it would be after, or
    /// the refusal (the chat shows the summary only of a move that will be accepted).
    /// </summary>
    public async Task<MeetingResult<(Meeting Before, Meeting After)>> CheckMoveAsync(
        Actor actor, IUnitOfWork work, long id, string? start, string? end, string? place, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(work);
        return await PlanMoveAsync(stores.For(work), actor, id, start, end, place, time.GetUtcNow(), cancellationToken);
    }

    /// <summary>The meeting before and after a move, or every field's refusal (a time or place that does not parse, is past, or changes nothing).</summary>
    private async Task<MeetingResult<(Meeting Before, Meeting After)>> PlanMoveAsync(
        IMeetingStore store, Actor actor, long id, string? start, string? end, string? place, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var open = await ManageableAsync(store, actor, id, now, MeetingText.MoveVerb, MeetingText.OnlyOfficeMoves, cancellationToken);
        if (open.Value is not { } meeting)
        {
            return open.Refusal!;
        }

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var (newStart, newEnd) = start is null ? ((DateTimeOffset?)meeting.StartsAt, (DateTimeOffset?)meeting.EndsAt) : ParseTimes(start, end, now, errors, keepLength: meeting.EndsAt - meeting.StartsAt);
        var newPlace = place is null ? meeting.Place : CheckVenue(place, meeting.Link, errors).Place;
        var timeChanged = newStart != meeting.StartsAt || newEnd != meeting.EndsAt;
        if (errors.Count == 0 && !timeChanged && newPlace == meeting.Place)
        {
            errors[start is null ? "place" : "start"] = place is null && start is not null ? MeetingText.SameTime : MeetingText.SameArrangement;
        }

        if (errors.Count > 0)
        {
            return MeetingRefusal.Invalid(errors);
        }

        var moved = meeting with { StartsAt = newStart!.Value, EndsAt = newEnd!.Value, Place = newPlace };
        return (meeting, timeChanged ? moved with { TimeVersion = meeting.TimeVersion + 1, TimeSetAt = now, AwaitingConfirmation = false, HolidayNote = null } : moved);
    }

    /// <summary>Cancels a meeting in a unit of work of its own.</summary>
    public Task<MeetingResult<IReadOnlyList<Meeting>>> CancelAsync(Actor actor, long id, string? reason, bool wholeSeries, CancellationToken cancellationToken = default) =>
        InOwnWorkAsync(work => CancelAsync(actor, work, id, reason, wholeSeries, cancellationToken), cancellationToken);

    /// <summary>Cancels a meeting (and, with <paramref name="wholeSeries"/>, its series from then on); attendees are told, open leave requests closed.</summary>
    public async Task<MeetingResult<IReadOnlyList<Meeting>>> CancelAsync(
        Actor actor, IUnitOfWork work, long id, string? reason, bool wholeSeries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(work);
        var now = time.GetUtcNow();
        var store = stores.For(work);
        var open = await ManageableAsync(store, actor, id, now, MeetingText.CancelVerb, MeetingText.OnlyOfficeCancels, cancellationToken);
        if (!open.Succeeded)
        {
            return open.Refusal!;
        }

        if (!string.IsNullOrWhiteSpace(reason) && Prompt.CheckText(reason, MeetingLimits.CancelReason, MeetingText.CancelReasonField) is { } badReason)
        {
            return MeetingRefusal.One("reason", badReason);
        }

        var meeting = open.Value!;

        var snapshot = await directory.LoadAsync(cancellationToken);
        var targets = new List<Meeting> { meeting };
        if (wholeSeries && meeting.SeriesId is { } seriesId)
        {
            targets.AddRange((await store.ListScheduledOccurrencesAsync(seriesId, meeting.StartsAt, cancellationToken)).Where(m => m.Id != meeting.Id));
            await store.CancelSeriesAsync(seriesId, now, cancellationToken);
        }

        var cancelled = new List<Meeting>();
        foreach (var m in targets)
        {
            var done = m with { Status = MeetingStatus.Cancelled, CancelledAt = now, CancelReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim() };
            await store.UpdateMeetingAsync(done, cancellationToken);
            foreach (var request in (await store.ListLeaveAsync(m.Id, cancellationToken)).Where(r => r.Status == LeaveStatus.Pending))
            {
                await store.UpdateLeaveAsync(request with { Status = LeaveStatus.Closed, DecidedAt = now, DecidedBy = actor.Id }, cancellationToken);
            }

            if (await WasInvitedAsync(store, m, cancellationToken))
            {
                await notices.ToEveryoneAsync(work, store, done, snapshot, a => MeetingText.Cancelled(done, done.CancelReason, a, snapshot, notices.Office), now, "cancelled", cancellationToken);
            }

            await AuditAsync(work, actor, "meeting.cancel", done, MeetingText.CancelledAudit(done, notices.Office), now, cancellationToken);
            cancelled.Add(done);
        }

        logger.LogInformation("{By} cancelled meeting(s) {Ids}{Series}", actor.Id, string.Join(", ", cancelled.Select(m => m.Id)), wholeSeries && meeting.SeriesId is not null ? $" and series {meeting.SeriesId}" : "");
        return MeetingResult<IReadOnlyList<Meeting>>.Ok(cancelled);
    }

    /// <summary>
    /// 照常召开: office staff confirm a recurring meeting that falls on a day off; its invitations go out now.
    /// </summary>
    public async Task<MeetingResult<Meeting>> ConfirmAsync(Actor actor, IUnitOfWork work, long id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(work);
        if (!actor.Has(Roles.OfficeStaff))
        {
            return MeetingRefusal.Forbidden(MeetingText.OnlyOfficeConfirms);
        }

        var now = time.GetUtcNow();
        var store = stores.For(work);
        var open = await OpenMeetingAsync(store, id, now, MeetingText.ConfirmVerb, cancellationToken);
        if (open.Value is not { } meeting)
        {
            return open;
        }

        if (!meeting.AwaitingConfirmation)
        {
            return MeetingRefusal.Conflict(MeetingText.NoConfirmationNeeded(meeting));
        }

        var confirmed = meeting with { AwaitingConfirmation = false, TimeSetAt = now };
        await store.UpdateMeetingAsync(confirmed, cancellationToken);
        await notices.InviteAsync(work, store, confirmed, await directory.LoadAsync(cancellationToken), now, cancellationToken);
        await AuditAsync(work, actor, "meeting.confirm", confirmed, meeting.HolidayNote ?? "", now, cancellationToken);
        logger.LogInformation("{By} confirmed meeting {Id} on a day off ({Note})", actor.Id, id, meeting.HolidayNote);
        return confirmed;
    }

    /// <summary>Puts resolved people on a meeting's roster as invitees (a new meeting, a series' next occurrence, people added later).</summary>
    internal static async Task AddInviteesAsync(IMeetingStore store, Meeting meeting, IEnumerable<ResolvedAttendee> people, CancellationToken cancellationToken)
    {
        foreach (var p in people)
        {
            await store.SaveAttendeeAsync(new Attendee(meeting.Id, p.PersonId, AttendeeRole.Invitee, p.UnitCode, p.Source), cancellationToken);
        }
    }

    /// <summary>Tells everyone of a new time or place — or, when the invitations were on hold, invites them now.</summary>
    private async Task<int> AnnounceChangeAsync(IUnitOfWork work, IMeetingStore store, Meeting before, Meeting after, DirectorySnapshot snapshot, DateTimeOffset now, CancellationToken cancellationToken) =>
        before.AwaitingConfirmation && !await WasInvitedAsync(store, before, cancellationToken)
            ? await notices.InviteAsync(work, store, after, snapshot, now, cancellationToken)
            : await notices.ToEveryoneAsync(work, store, after, snapshot,
                a => MeetingText.Changed(after, before, a, snapshot, notices.Office), now,
                after.TimeVersion != before.TimeVersion ? MeetingSteps.Timed("time-changed", after) : $"place-changed:{now.UtcTicks}", cancellationToken);

    /// <summary>True once the meeting's invitations have gone out (a change is then announced to its attendees).</summary>
    internal static async Task<bool> WasInvitedAsync(IMeetingStore store, Meeting meeting, CancellationToken cancellationToken) =>
        (await store.ListDoneStepsAsync([MeetingSteps.Subject(meeting)], cancellationToken)).Contains((MeetingSteps.Subject(meeting), MeetingSteps.Invite));

    /// <summary>A meeting not cancelled and not started: the meeting, or the refusal (404 / 409).</summary>
    private static async Task<MeetingResult<Meeting>> OpenMeetingAsync(IMeetingStore store, long id, DateTimeOffset now, string what, CancellationToken cancellationToken) =>
        await store.FindMeetingAsync(id, cancellationToken) switch
        {
            null => MeetingRefusal.NoMeeting(id),
            { Status: MeetingStatus.Cancelled } m => MeetingRefusal.Conflict(MeetingText.AlreadyCancelled(m, what)),
            var m when m.HasStarted(now) => MeetingRefusal.Conflict(MeetingText.AlreadyStarted(m, what)),
            var m => m,
        };

    /// <summary>An open meeting the actor may manage, or the refusal (404 / 409 / 403 with <paramref name="forbidden"/>).</summary>
    internal static async Task<MeetingResult<Meeting>> ManageableAsync(
        IMeetingStore store, Actor actor, long id, DateTimeOffset now, string what, string forbidden, CancellationToken cancellationToken)
    {
        var open = await OpenMeetingAsync(store, id, now, what, cancellationToken);
        return open.Value is { } meeting && !MayManage(actor, meeting) ? MeetingRefusal.Forbidden(forbidden) : open;
    }

    /// <summary>Runs a change in a unit of work of its own, committed only when it succeeded.</summary>
    private async Task<MeetingResult<T>> InOwnWorkAsync<T>(Func<IUnitOfWork, Task<MeetingResult<T>>> change, CancellationToken cancellationToken)
    {
        await using var work = await units.BeginAsync(cancellationToken);
        var result = await change(work);
        if (result.Succeeded)
        {
            await work.CommitAsync(cancellationToken);
        }

        return result;
    }

    private static Task AuditAsync(IUnitOfWork work, Actor actor, string action, Meeting meeting, string detail, DateTimeOffset now, CancellationToken cancellationToken) =>
        work.Audit.AppendAsync(AuditEntry.Of(now, actor.Id, action, MeetingSteps.Subject(meeting), detail, actor.Source), cancellationToken);
}
