using System.Globalization;
using ChatOps.Core.Conversations;
using ChatOps.Core.Meetings;
using ChatOps.Storage.Repositories;

namespace ChatOps.Storage.Meetings;

/// <summary>
/// Gives the meeting store of one of storage's own units of work, on its connection and transaction, so meeting changes,
/// dialog state and outbox messages commit together.
/// </summary>
internal sealed class MeetingStoreFactory : IMeetingStoreFactory
{
    public IMeetingStore For(IUnitOfWork work) => work is UnitOfWork own
        ? new MeetingStore(own.Session)
        : throw new ArgumentException($"The meeting store needs a unit of work of ChatOps.Storage (got {work.GetType().Name}).", nameof(work));
}

/// <summary>Meetings, rosters, leave requests, steps and agreed items inside a unit of work (Dapper, both dialects).</summary>
internal sealed class MeetingStore(Session s) : IMeetingStore
{
    private const string DateFormat = "yyyy-MM-dd";
    private const string TimeFormat = "HH:mm";

    public async Task<long> InsertSeriesAsync(MeetingSeries series, CancellationToken cancellationToken = default) =>
        await s.ExecuteScalarAsync<long>(MeetingSql.InsertSeries, new
        {
            Kind = series.Kind.ToString(),
            series.Title,
            series.HostId,
            Recurrence = series.Rule.ToString(),
            FirstDate = Date(series.FirstDate),
            StartTime = series.StartTime.ToString(TimeFormat, CultureInfo.InvariantCulture),
            series.DurationMinutes,
            series.Place,
            series.Link,
            series.Agenda,
            AttendeeSpecs = ChatOpsJson.Serialize(series.AttendeeSpecs),
            series.CreatedBy,
            series.CreatedAt,
        }, cancellationToken);

    public async Task<MeetingSeries?> FindSeriesAsync(long id, CancellationToken cancellationToken = default) =>
        (await s.QuerySingleOrDefaultAsync<SeriesRow>(MeetingSql.SelectSeries, new { Id = id }, cancellationToken))?.ToSeries();

    public async Task<IReadOnlyList<MeetingSeries>> ListActiveSeriesAsync(CancellationToken cancellationToken = default) =>
        (await s.QueryAsync<SeriesRow>(MeetingSql.SelectActiveSeries, null, cancellationToken)).Select(r => r.ToSeries()).ToList();

    public Task CancelSeriesAsync(long id, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        s.ExecuteAsync(MeetingSql.CancelSeries, new { Id = id, At = at }, cancellationToken);

    public async Task<long> InsertMeetingAsync(Meeting meeting, CancellationToken cancellationToken = default) =>
        await s.ExecuteScalarAsync<long>(MeetingSql.InsertMeeting, Parameters(meeting), cancellationToken);

    public async Task<Meeting?> FindMeetingAsync(long id, CancellationToken cancellationToken = default) =>
        (await s.QuerySingleOrDefaultAsync<MeetingRow>(MeetingSql.SelectMeeting, new { Id = id }, cancellationToken))?.ToMeeting();

    public Task UpdateMeetingAsync(Meeting meeting, CancellationToken cancellationToken = default) =>
        s.ExecuteAsync(MeetingSql.UpdateMeeting, Parameters(meeting), cancellationToken);

    public async Task<IReadOnlyList<Meeting>> ListScheduledEndingAfterAsync(DateTimeOffset after, CancellationToken cancellationToken = default) =>
        (await s.QueryAsync<MeetingRow>(MeetingSql.SelectScheduledEndingAfter, new { After = after }, cancellationToken)).Select(r => r.ToMeeting()).ToList();

    public async Task<Meeting?> FindLastOccurrenceAsync(long seriesId, CancellationToken cancellationToken = default) =>
        (await s.QuerySingleOrDefaultAsync<MeetingRow>(MeetingSql.SelectLastOccurrence, new { SeriesId = seriesId }, cancellationToken))?.ToMeeting();

    public async Task<IReadOnlyList<Meeting>> ListScheduledOccurrencesAsync(long seriesId, DateTimeOffset after, CancellationToken cancellationToken = default) =>
        (await s.QueryAsync<MeetingRow>(MeetingSql.SelectScheduledOccurrences, new { SeriesId = seriesId, After = after }, cancellationToken))
            .Select(r => r.ToMeeting()).ToList();

    public async Task<IReadOnlyList<Attendee>> ListAttendeesAsync(long meetingId, CancellationToken cancellationToken = default) =>
        (await s.QueryAsync<AttendeeRow>(MeetingSql.SelectAttendees, new { MeetingId = meetingId }, cancellationToken)).Select(r => r.ToAttendee()).ToList();

    public Task SaveAttendeeAsync(Attendee attendee, CancellationToken cancellationToken = default) =>
        s.ExecuteAsync(MeetingSql.UpsertAttendee, new
        {
            attendee.MeetingId,
            attendee.PersonId,
            Role = attendee.Role.ToString(),
            attendee.UnitCode,
            attendee.Source,
            Answer = attendee.Answer.ToString(),
            attendee.AnsweredAt,
            attendee.SubstituteFor,
            attendee.LeaveRequestId,
        }, cancellationToken);

    public Task RemoveAttendeeAsync(long meetingId, string personId, CancellationToken cancellationToken = default) =>
        s.ExecuteAsync(MeetingSql.DeleteAttendee, new { MeetingId = meetingId, PersonId = personId }, cancellationToken);

    public async Task<IReadOnlyList<long>> ListMeetingIdsForPersonAsync(string personId, DateTimeOffset after, CancellationToken cancellationToken = default) =>
        (await s.QueryAsync<long>(MeetingSql.SelectMeetingIdsForPerson, new { PersonId = personId, After = after }, cancellationToken)).ToList();

    public async Task<long> InsertLeaveAsync(LeaveRequest request, CancellationToken cancellationToken = default) =>
        await s.ExecuteScalarAsync<long>(MeetingSql.InsertLeave, Parameters(request), cancellationToken);

    public async Task<LeaveRequest?> FindLeaveAsync(long id, CancellationToken cancellationToken = default) =>
        (await s.QuerySingleOrDefaultAsync<LeaveRow>(MeetingSql.SelectLeave, new { Id = id }, cancellationToken))?.ToRequest();

    public Task UpdateLeaveAsync(LeaveRequest request, CancellationToken cancellationToken = default) =>
        s.ExecuteAsync(MeetingSql.UpdateLeave, Parameters(request), cancellationToken);

    public async Task<IReadOnlyList<LeaveRequest>> ListLeaveAsync(long meetingId, CancellationToken cancellationToken = default) =>
        (await s.QueryAsync<LeaveRow>(MeetingSql.SelectLeaveForMeeting, new { MeetingId = meetingId }, cancellationToken)).Select(r => r.ToRequest()).ToList();

    public async Task<bool> TryMarkDoneAsync(string subject, string step, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        await s.ExecuteAsync(MeetingSql.InsertStep, new { Subject = subject, Step = step, At = at }, cancellationToken) == 1;

    public async Task<IReadOnlySet<(string Subject, string Step)>> ListDoneStepsAsync(IReadOnlyCollection<string> subjects, CancellationToken cancellationToken = default)
    {
        // One small query per subject: a parameter list (IN @Subjects) is Dapper's expansion, which neither dialect's
        // statement checks can prepare, and the scheduler asks for tens of subjects, not thousands.
        var done = new HashSet<(string, string)>();
        foreach (var subject in subjects.Distinct(StringComparer.Ordinal))
        {
            foreach (var step in await s.QueryAsync<string>(MeetingSql.SelectSteps, new { Subject = subject }, cancellationToken))
            {
                done.Add((subject, step));
            }
        }

        return done;
    }

    public async Task<long> InsertItemAsync(AgreedItem item, CancellationToken cancellationToken = default) =>
        await s.ExecuteScalarAsync<long>(MeetingSql.InsertItem, new
        {
            item.MeetingId,
            item.Text,
            item.OwnerUnit,
            DueDate = Date(item.DueDate),
            Status = item.Status.ToString(),
            item.RecordedBy,
            item.RecordedAt,
            item.UpdatedAt,
        }, cancellationToken);

    public async Task<AgreedItem?> FindItemAsync(long id, CancellationToken cancellationToken = default) =>
        (await s.QuerySingleOrDefaultAsync<ItemRow>(MeetingSql.SelectItem, new { Id = id }, cancellationToken))?.ToItem();

    public Task UpdateItemAsync(AgreedItem item, CancellationToken cancellationToken = default) =>
        s.ExecuteAsync(MeetingSql.UpdateItem, new { item.Id, Status = item.Status.ToString(), item.UpdatedAt }, cancellationToken);

    public async Task<IReadOnlyList<AgreedItem>> ListOpenItemsAsync(CancellationToken cancellationToken = default) =>
        (await s.QueryAsync<ItemRow>(MeetingSql.SelectOpenItems, null, cancellationToken)).Select(r => r.ToItem()).ToList();

    public async Task<IReadOnlyList<AgreedItem>> ListItemsForMeetingAsync(long meetingId, CancellationToken cancellationToken = default) =>
        (await s.QueryAsync<ItemRow>(MeetingSql.SelectItemsForMeeting, new { MeetingId = meetingId }, cancellationToken)).Select(r => r.ToItem()).ToList();

    public Task AddFeedbackAsync(ItemFeedback feedback, CancellationToken cancellationToken = default) =>
        s.ExecuteAsync(MeetingSql.InsertFeedback, new { feedback.ItemId, feedback.PersonId, feedback.Text, feedback.Done, feedback.At }, cancellationToken);

    public async Task<IReadOnlyList<ItemFeedback>> ListFeedbackAsync(long itemId, CancellationToken cancellationToken = default) =>
        (await s.QueryAsync<FeedbackRow>(MeetingSql.SelectFeedback, new { ItemId = itemId }, cancellationToken))
            .Select(r => new ItemFeedback(r.Id, r.ItemId, r.PersonId, r.Text, r.Done, r.GivenAt)).ToList();

    private static string Date(DateOnly date) => date.ToString(DateFormat, CultureInfo.InvariantCulture);

    private static DateOnly ParseDate(string text) => DateOnly.ParseExact(text, DateFormat, CultureInfo.InvariantCulture);

    private static IReadOnlyList<string> Specs(string json) => ChatOpsJson.Deserialize<List<string>>(json);

    private static object Parameters(Meeting m) => new
    {
        m.Id,
        m.SeriesId,
        Slot = m.Slot is { } slot ? Date(slot) : null,
        Kind = m.Kind.ToString(),
        m.Title,
        m.HostId,
        m.StartsAt,
        m.EndsAt,
        m.Place,
        m.Link,
        m.Agenda,
        AttendeeSpecs = ChatOpsJson.Serialize(m.AttendeeSpecs),
        Status = m.Status.ToString(),
        m.CreatedBy,
        m.CreatedAt,
        m.TimeSetAt,
        m.TimeVersion,
        m.HolidayNote,
        m.AwaitingConfirmation,
        m.CancelledAt,
        m.CancelReason,
    };

    private static object Parameters(LeaveRequest r) => new
    {
        r.Id,
        r.MeetingId,
        r.PersonId,
        r.Reason,
        r.SubstitutePersonId,
        r.SubstituteName,
        r.SubstitutePhone,
        Status = r.Status.ToString(),
        r.RequestedAt,
        r.DecidedBy,
        r.DecidedAt,
        r.HostComment,
    };

    private sealed class SeriesRow
    {
        public long Id { get; set; }

        public string Kind { get; set; } = "";

        public string Title { get; set; } = "";

        public string HostId { get; set; } = "";

        public string Recurrence { get; set; } = "";

        public string FirstDate { get; set; } = "";

        public string StartTime { get; set; } = "";

        public int DurationMinutes { get; set; }

        public string? Place { get; set; }

        public string? Link { get; set; }

        public string? Agenda { get; set; }

        public string AttendeeSpecs { get; set; } = "[]";

        public string CreatedBy { get; set; } = "";

        public DateTimeOffset CreatedAt { get; set; }

        public DateTimeOffset? CancelledAt { get; set; }

        public MeetingSeries ToSeries() => new(
            Id, Enum.Parse<MeetingKind>(Kind), Title, HostId,
            Core.Meetings.Recurrence.Parse(Recurrence) ?? throw new InvalidOperationException($"Stored recurrence '{Recurrence}' of series {Id} is not a rule."),
            ParseDate(FirstDate), TimeOnly.ParseExact(StartTime, TimeFormat, CultureInfo.InvariantCulture), DurationMinutes,
            Place, Link, Agenda, Specs(AttendeeSpecs), CreatedBy, CreatedAt, CancelledAt);
    }

    private sealed class MeetingRow
    {
        public long Id { get; set; }

        public long? SeriesId { get; set; }

        public string? Slot { get; set; }

        public string Kind { get; set; } = "";

        public string Title { get; set; } = "";

        public string HostId { get; set; } = "";

        public DateTimeOffset StartsAt { get; set; }

        public DateTimeOffset EndsAt { get; set; }

        public string? Place { get; set; }

        public string? Link { get; set; }

        public string? Agenda { get; set; }

        public string AttendeeSpecs { get; set; } = "[]";

        public string Status { get; set; } = "";

        public string CreatedBy { get; set; } = "";

        public DateTimeOffset CreatedAt { get; set; }

        public DateTimeOffset TimeSetAt { get; set; }

        public int TimeVersion { get; set; }

        public string? HolidayNote { get; set; }

        public bool AwaitingConfirmation { get; set; }

        public DateTimeOffset? CancelledAt { get; set; }

        public string? CancelReason { get; set; }

        public Meeting ToMeeting() => new(
            Id, SeriesId, Slot is null ? null : ParseDate(Slot), Enum.Parse<MeetingKind>(Kind), Title, HostId, StartsAt, EndsAt, Place, Link, Agenda,
            Specs(AttendeeSpecs), Enum.Parse<MeetingStatus>(Status), CreatedBy, CreatedAt, TimeSetAt, TimeVersion, HolidayNote, AwaitingConfirmation,
            CancelledAt, CancelReason);
    }

    private sealed class AttendeeRow
    {
        public long MeetingId { get; set; }

        public string PersonId { get; set; } = "";

        public string Role { get; set; } = "";

        public string? UnitCode { get; set; }

        public string Source { get; set; } = "";

        public string Answer { get; set; } = "";

        public DateTimeOffset? AnsweredAt { get; set; }

        public string? SubstituteFor { get; set; }

        public long? LeaveRequestId { get; set; }

        public Attendee ToAttendee() => new(
            MeetingId, PersonId, Enum.Parse<AttendeeRole>(Role), UnitCode, Source, Enum.Parse<AttendanceAnswer>(Answer), AnsweredAt, SubstituteFor, LeaveRequestId);
    }

    private sealed class LeaveRow
    {
        public long Id { get; set; }

        public long MeetingId { get; set; }

        public string PersonId { get; set; } = "";

        public string Reason { get; set; } = "";

        public string? SubstitutePersonId { get; set; }

        public string SubstituteName { get; set; } = "";

        public string? SubstitutePhone { get; set; }

        public string Status { get; set; } = "";

        public DateTimeOffset RequestedAt { get; set; }

        public string? DecidedBy { get; set; }

        public DateTimeOffset? DecidedAt { get; set; }

        public string? HostComment { get; set; }

        public LeaveRequest ToRequest() => new(
            Id, MeetingId, PersonId, Reason, SubstitutePersonId, SubstituteName, SubstitutePhone, Enum.Parse<LeaveStatus>(Status), RequestedAt,
            DecidedBy, DecidedAt, HostComment);
    }

    private sealed class ItemRow
    {
        public long Id { get; set; }

        public long MeetingId { get; set; }

        public string Text { get; set; } = "";

        public string OwnerUnit { get; set; } = "";

        public string DueDate { get; set; } = "";

        public string Status { get; set; } = "";

        public string RecordedBy { get; set; } = "";

        public DateTimeOffset RecordedAt { get; set; }

        public DateTimeOffset UpdatedAt { get; set; }

        public AgreedItem ToItem() => new(
            Id, MeetingId, Text, OwnerUnit, ParseDate(DueDate), Enum.Parse<AgreedItemStatus>(Status), RecordedBy, RecordedAt, UpdatedAt);
    }

    private sealed class FeedbackRow
    {
        public long Id { get; set; }

        public long ItemId { get; set; }

        public string PersonId { get; set; } = "";

        public string Text { get; set; } = "";

        public bool Done { get; set; }

        public DateTimeOffset GivenAt { get; set; }
    }
}
