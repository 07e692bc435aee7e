using Microsoft.Extensions.Options;

namespace ChatOps.Core.Meetings;

/// <summary>
/// Everything about meetings that happens by the clock. Driven every minute (a Quartz job calls
/// <see cref="RunDueAsync"/>), it decides from stored state what is due:
/// <list type="bullet">
/// <item>the next occurrence of each recurring meeting once the previous one has started — invited at once, or, when
/// it falls on a day off in the official calendar, flagged to the office and held until the office decides;</item>
/// <item>per meeting: the invitations, the day-before reminder (16:00), the last reminder (one hour before) with the
/// roster to the host, at the start the leave requests the host never answered (to the office), and after the end the
/// invitees without approved leave who did not confirm (to the office);</item>
/// <item>per agreed item: reminders to the owner's liaison 3 and 1 days before the due date, and the morning after it
/// the overdue list to the office.</item>
/// </list>
/// Each step is recorded done (<see cref="IMeetingStore.TryMarkDoneAsync"/>) in the transaction that queues its
/// messages, and every message carries a dedupe key, so nothing is sent twice across restarts, re-runs and instances.
/// Of reminders missed while the host was down only the latest is sent; none once the meeting has started.
/// </summary>
public sealed partial class MeetingScheduler(
    IUnitOfWorkFactory units,
    IMeetingStoreFactory stores,
    IDirectoryRepository directory,
    MeetingNotices notices,
    MeetingCalendar calendar,
    IOptions<MeetingOptions> options,
    ILogger<MeetingScheduler> logger) : IDueWork
{
    private const string DayBefore = "reminder-day-before";

    /// <inheritdoc/>
    public string Name => "meetings";
    private const string LastReminder = "reminder-last";
    private const string RosterStep = "roster";
    private const string StartStep = "host-unanswered";
    private const string EndStep = "absentees";
    private const string HolidayPending = "holiday-pending";

    private readonly MeetingOptions _options = options.Value;

    /// <summary>
    /// Runs every step due at <paramref name="now"/> and not yet done; returns how many messages were queued. A meeting
    /// that fails is logged and the others still run; the failures are thrown together at the end.
    /// </summary>
    public async Task<int> RunDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var run = new Run(directory, now);
        var failures = new List<Exception>();
        await GuardAsync(failures, "series", () => MaterializeSeriesAsync(run, cancellationToken));

        IReadOnlyList<Meeting> meetings;
        IReadOnlyList<AgreedItem> items;
        IReadOnlySet<(string, string)> done;
        await using (var read = await units.BeginAsync(cancellationToken))
        {
            var store = stores.For(read);
            meetings = await store.ListScheduledEndingAfterAsync(now - _options.CatchUpLimit, cancellationToken);
            items = await store.ListOpenItemsAsync(cancellationToken);
            done = await store.ListDoneStepsAsync(
                [.. meetings.Select(MeetingSteps.Subject), .. items.Select(i => MeetingSteps.ItemSubject(i.Id))], cancellationToken);
        }

        foreach (var meeting in meetings)
        {
            await GuardAsync(failures, $"meeting {meeting.Id}", () => RunMeetingAsync(run, meeting, done, cancellationToken));
        }

        await GuardAsync(failures, "agreed items", () => RunItemsAsync(run, items, done, cancellationToken));
        return failures.Count == 0 ? run.Queued : throw new AggregateException("Some meeting steps could not be run.", failures);
    }

    /// <summary>The instant of the day-before reminder of a meeting (16:00 office time the day before its start).</summary>
    public DateTimeOffset DayBeforeReminderAt(Meeting meeting) =>
        calendar.ToInstant(calendar.LocalDate(meeting.StartsAt).AddDays(-1), _options.DayBeforeAt);

    private async Task GuardAsync(List<Exception> failures, string what, Func<Task> step)
    {
        try
        {
            await step();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Meeting scheduling failed for {What}", what);
            failures.Add(ex);
        }
    }

    /// <summary>Makes the next occurrence of each active series once the previous one has started (or was cancelled).</summary>
    private async Task MaterializeSeriesAsync(Run run, CancellationToken cancellationToken)
    {
        IReadOnlyList<MeetingSeries> active;
        await using (var read = await units.BeginAsync(cancellationToken))
        {
            active = await stores.For(read).ListActiveSeriesAsync(cancellationToken);
        }

        foreach (var series in active)
        {
            await using var work = await units.BeginAsync(cancellationToken);
            var store = stores.For(work);
            var last = await store.FindLastOccurrenceAsync(series.Id, cancellationToken);
            if (last is not null && last.Status == MeetingStatus.Scheduled && last.StartsAt > run.Now)
            {
                continue;
            }

            var next = calendar.NextAfter(series, last?.Slot, run.Now);
            var snapshot = await run.DirectoryAsync(cancellationToken);
            var resolution = AttendeeResolver.Resolve(series.AttendeeSpecs, snapshot, series.HostId);
            foreach (var problem in resolution.Errors)
            {
                logger.LogWarning("Series {Series}: {Problem}", series.Id, problem);
            }

            var meeting = new Meeting(0, series.Id, next.Slot, series.Kind, series.Title, series.HostId, next.StartsAt, next.EndsAt, series.Place, series.Link,
                series.Agenda, series.AttendeeSpecs, MeetingStatus.Scheduled, series.CreatedBy, run.Now, run.Now,
                HolidayNote: next.DayOffNote, AwaitingConfirmation: next.FallsOnDayOff);
            meeting = meeting with { Id = await store.InsertMeetingAsync(meeting, cancellationToken) };
            await MeetingService.AddInviteesAsync(store, meeting, resolution.People, cancellationToken);
            int queued;
            if (meeting.AwaitingConfirmation)
            {
                await store.TryMarkDoneAsync(MeetingSteps.Subject(meeting), MeetingSteps.HolidayFlag, run.Now, cancellationToken);
                queued = await notices.ToOfficeAsync(work, snapshot, MeetingText.HolidayFlag(meeting, series, notices.Office), run.Now,
                    $"{MeetingSteps.Subject(meeting)}:{MeetingSteps.HolidayFlag}", cancellationToken);
            }
            else
            {
                queued = await notices.InviteAsync(work, store, meeting, snapshot, run.Now, cancellationToken);
            }

            await work.CommitAsync(cancellationToken);
            run.Queued += queued;
            logger.LogInformation("Series {Series}: occurrence {Id} on {Slot} ({Start:o}){Held}; {Count} message(s) queued",
                series.Id, meeting.Id, next.Slot, next.StartsAt, meeting.AwaitingConfirmation ? $" held: {next.DayOffNote}" : "", queued);
        }
    }

    private async Task RunMeetingAsync(Run run, Meeting m, IReadOnlySet<(string, string)> done, CancellationToken cancellationToken)
    {
        var subject = MeetingSteps.Subject(m);
        bool Done(string step) => done.Contains((subject, step));
        var now = run.Now;

        if (m.AwaitingConfirmation)
        {
            var pending = MeetingSteps.Timed(HolidayPending, m);
            if (now >= DayBeforeReminderAt(m) && now < m.StartsAt && !Done(pending))
            {
                await StepAsync(run, m, [pending], (work, store, snapshot) => notices.ToOfficeAsync(work, snapshot, MeetingText.HolidayStillPending(m, notices.Office),
                    now, $"{subject}:{pending}", cancellationToken), cancellationToken);
            }

            return;
        }

        if (now < m.StartsAt)
        {
            if (!Done(MeetingSteps.Invite))
            {
                await StepAsync(run, m, [], (work, store, snapshot) => notices.InviteAsync(work, store, m, snapshot, now, cancellationToken), cancellationToken);
            }

            var reminders = new List<(string Step, DateTimeOffset At, bool DayBefore)>
            {
                (MeetingSteps.Timed(DayBefore, m), DayBeforeReminderAt(m), true),
                (MeetingSteps.Timed(LastReminder, m), m.StartsAt - _options.LastReminderBefore, false),
            };
            var due = reminders.Where(r => r.At <= now && r.At > m.TimeSetAt && !Done(r.Step)).ToList();
            if (due.Count > 0)
            {
                var latest = due[^1];
                await StepAsync(run, m, [.. due.Select(d => d.Step)], (work, store, snapshot) => RemindAsync(work, store, m, latest.Step, latest.DayBefore, snapshot, now, cancellationToken), cancellationToken);
            }

            var roster = MeetingSteps.Timed(RosterStep, m);
            if (now >= m.StartsAt - _options.LastReminderBefore && !Done(roster))
            {
                await StepAsync(run, m, [roster], async (work, store, snapshot) => await notices.SendAsync(work, m.HostId, snapshot,
                    MeetingText.RosterMessage(Roster.Build(m, await store.ListAttendeesAsync(m.Id, cancellationToken), await store.ListLeaveAsync(m.Id, cancellationToken), snapshot), notices.Office),
                    now, MeetingNotices.DedupeKey(subject, roster, m.HostId), cancellationToken) is true ? 1 : 0, cancellationToken);
            }

            return;
        }

        var start = MeetingSteps.Timed(StartStep, m);
        if (!Done(start))
        {
            // A host's 批准 received before the start and not yet handled: the requests are not marked unanswered yet.
            await StepAsync(run, m, [start], (work, store, snapshot) => HostUnansweredAsync(work, store, m, start, snapshot, now, cancellationToken), cancellationToken,
                heldUntilHandledBefore: m.StartsAt);
        }

        var end = MeetingSteps.Timed(EndStep, m);
        if (now >= m.EndsAt && !Done(end))
        {
            await StepAsync(run, m, [end], (work, store, snapshot) => AbsenteesAsync(work, store, m, end, snapshot, now, cancellationToken), cancellationToken);
        }
    }

    /// <summary>
    /// Runs one step of a meeting in its own transaction: the first of <paramref name="steps"/> decides (already done →
    /// nothing), the others are recorded done without sending (superseded reminders). The meeting is read again inside
    /// the transaction, so a step never acts on a meeting cancelled or moved since the run began. With
    /// <paramref name="heldUntilHandledBefore"/>, a step that follows that moment waits (not recorded done; the next run
    /// asks again) while messages received before it wait for the engine (<see cref="DeadlineHold"/>).
    /// </summary>
    private async Task StepAsync(
        Run run, Meeting seen, string[] steps, Func<IUnitOfWork, IMeetingStore, DirectorySnapshot, Task<int>> act, CancellationToken cancellationToken,
        DateTimeOffset? heldUntilHandledBefore = null)
    {
        await using var work = await units.BeginAsync(cancellationToken);
        var store = stores.For(work);
        var current = await store.FindMeetingAsync(seen.Id, cancellationToken);
        if (current is null || current.Status != MeetingStatus.Scheduled || current.TimeVersion != seen.TimeVersion || current.AwaitingConfirmation != seen.AwaitingConfirmation)
        {
            return;
        }

        if (heldUntilHandledBefore is { } deadline && await DeadlineHold.WaitsAsync(work, deadline, run.Now, cancellationToken))
        {
            return;
        }

        var subject = MeetingSteps.Subject(seen);
        var key = steps.Length == 0 ? null : steps[^1];
        if (key is not null && !await store.TryMarkDoneAsync(subject, key, run.Now, cancellationToken))
        {
            return;
        }

        foreach (var earlier in steps.Take(Math.Max(0, steps.Length - 1)))
        {
            await store.TryMarkDoneAsync(subject, earlier, run.Now, cancellationToken);
        }

        var queued = await act(work, store, await run.DirectoryAsync(cancellationToken));
        await work.CommitAsync(cancellationToken);
        run.Queued += queued;
        logger.LogInformation("Meeting {Id}: {Step} queued {Count} message(s) at {Now:o}", seen.Id, key ?? MeetingSteps.Invite, queued, run.Now);
    }

    private async Task<int> RemindAsync(IUnitOfWork work, IMeetingStore store, Meeting m, string step, bool dayBefore, DirectorySnapshot snapshot, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var queued = 0;
        foreach (var a in await store.ListAttendeesAsync(m.Id, cancellationToken))
        {
            if (a.Answer is AttendanceAnswer.OnLeave or AttendanceAnswer.Declined)
            {
                continue;
            }

            if (await notices.SendAsync(work, a.PersonId, snapshot, MeetingText.Reminder(m, a, dayBefore, snapshot, notices.Office), now,
                    MeetingNotices.DedupeKey(MeetingSteps.Subject(m), step, a.PersonId), cancellationToken) is true)
            {
                queued++;
            }
        }

        return queued;
    }

    /// <summary>At the start: requests the host never answered are closed as unanswered; the office and the requesters are told.</summary>
    private async Task<int> HostUnansweredAsync(IUnitOfWork work, IMeetingStore store, Meeting m, string step, DirectorySnapshot snapshot, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var pending = (await store.ListLeaveAsync(m.Id, cancellationToken)).Where(r => r.Status == LeaveStatus.Pending).ToList();
        if (pending.Count == 0)
        {
            return 0;
        }

        var subject = MeetingSteps.Subject(m);
        var queued = 0;
        foreach (var r in pending)
        {
            await store.UpdateLeaveAsync(r with { Status = LeaveStatus.Unanswered, DecidedAt = now }, cancellationToken);
            if (await notices.SendAsync(work, r.PersonId, snapshot, MeetingText.HostNeverAnswered(m), now,
                    MeetingNotices.DedupeKey(subject, $"{step}-{r.Id}", r.PersonId), cancellationToken) is true)
            {
                queued++;
            }
        }

        queued += await notices.ToOfficeAsync(work, snapshot, MeetingText.UnansweredRequests(m, pending, snapshot, notices.Office), now, $"{subject}:{step}", cancellationToken);
        return queued;
    }

    /// <summary>After the end: the invitees without approved leave who did not confirm, listed for the office.</summary>
    private async Task<int> AbsenteesAsync(IUnitOfWork work, IMeetingStore store, Meeting m, string step, DirectorySnapshot snapshot, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var roster = Roster.Build(m, await store.ListAttendeesAsync(m.Id, cancellationToken), await store.ListLeaveAsync(m.Id, cancellationToken), snapshot);
        return await notices.ToOfficeAsync(work, snapshot, MeetingText.Absentees(roster, notices.Office), now, $"{MeetingSteps.Subject(m)}:{step}", cancellationToken);
    }

    /// <summary>One run: its instant, the directory read once when first needed, and the count of messages queued.</summary>
    private sealed class Run(IDirectoryRepository repository, DateTimeOffset now)
    {
        private DirectorySnapshot? _directory;

        public DateTimeOffset Now { get; } = now;

        public int Queued { get; set; }

        public async Task<DirectorySnapshot> DirectoryAsync(CancellationToken cancellationToken) =>
            _directory ??= await repository.LoadAsync(cancellationToken);
    }
}
