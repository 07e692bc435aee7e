using System.Globalization;
using ChatOps.Core.Meetings;

namespace ChatOps.Storage.Meetings;

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
        await s.QuerySingleOrDefaultAsync<MeetingSeries>(MeetingSql.SelectSeries, new { Id = id }, cancellationToken);

    public async Task<IReadOnlyList<MeetingSeries>> ListActiveSeriesAsync(CancellationToken cancellationToken = default) =>
        [.. await s.QueryAsync<MeetingSeries>(MeetingSql.SelectActiveSeries, null, cancellationToken)];

    public Task CancelSeriesAsync(long id, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        s.ExecuteAsync(MeetingSql.CancelSeries, new { Id = id, At = at }, cancellationToken);

    public async Task<long> InsertMeetingAsync(Meeting meeting, CancellationToken cancellationToken = default) =>
        await s.ExecuteScalarAsync<long>(MeetingSql.InsertMeeting, Parameters(meeting), cancellationToken);

    public async Task<Meeting?> FindMeetingAsync(long id, CancellationToken cancellationToken = default) =>
        await s.QuerySingleOrDefaultAsync<Meeting>(MeetingSql.SelectMeeting, new { Id = id }, cancellationToken);

    public Task UpdateMeetingAsync(Meeting meeting, CancellationToken cancellationToken = default) =>
        s.ExecuteAsync(MeetingSql.UpdateMeeting, Parameters(meeting), cancellationToken);

    public async Task<IReadOnlyList<Meeting>> ListScheduledEndingAfterAsync(DateTimeOffset after, CancellationToken cancellationToken = default) =>
        [.. await s.QueryAsync<Meeting>(MeetingSql.SelectScheduledEndingAfter, new { After = after }, cancellationToken)];

    public async Task<Meeting?> FindLastOccurrenceAsync(long seriesId, CancellationToken cancellationToken = default) =>
        await s.QuerySingleOrDefaultAsync<Meeting>(MeetingSql.SelectLastOccurrence, new { SeriesId = seriesId }, cancellationToken);

    public async Task<IReadOnlyList<Meeting>> ListScheduledOccurrencesAsync(long seriesId, DateTimeOffset after, CancellationToken cancellationToken = default) =>
        [.. await s.QueryAsync<Meeting>(MeetingSql.SelectScheduledOccurrences, new { SeriesId = seriesId, After = after }, cancellationToken)];

    public async Task<IReadOnlyList<Attendee>> ListAttendeesAsync(long meetingId, CancellationToken cancellationToken = default) =>
        [.. await s.QueryAsync<Attendee>(MeetingSql.SelectAttendees, new { MeetingId = meetingId }, cancellationToken)];

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
            attendee.DeclineReason,
        }, cancellationToken);

    public Task RemoveAttendeeAsync(long meetingId, string personId, CancellationToken cancellationToken = default) =>
        s.ExecuteAsync(MeetingSql.DeleteAttendee, new { MeetingId = meetingId, PersonId = personId }, cancellationToken);

    public async Task<IReadOnlyList<long>> ListMeetingIdsForPersonAsync(string personId, DateTimeOffset after, CancellationToken cancellationToken = default) =>
        (await s.QueryAsync<long>(MeetingSql.SelectMeetingIdsForPerson, new { PersonId = personId, After = after }, cancellationToken)).ToList();

    public async Task<long> InsertLeaveAsync(LeaveRequest request, CancellationToken cancellationToken = default) =>
        await s.ExecuteScalarAsync<long>(MeetingSql.InsertLeave, Parameters(request), cancellationToken);

    public async Task<LeaveRequest?> FindLeaveAsync(long id, CancellationToken cancellationToken = default) =>
        await s.QuerySingleOrDefaultAsync<LeaveRequest>(MeetingSql.SelectLeave, new { Id = id }, cancellationToken);

    public Task UpdateLeaveAsync(LeaveRequest request, CancellationToken cancellationToken = default) =>
        s.ExecuteAsync(MeetingSql.UpdateLeave, Parameters(request), cancellationToken);

    public async Task<IReadOnlyList<LeaveRequest>> ListLeaveAsync(long meetingId, CancellationToken cancellationToken = default) =>
        [.. await s.QueryAsync<LeaveRequest>(MeetingSql.SelectLeaveForMeeting, new { MeetingId = meetingId }, cancellationToken)];

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
        await s.QuerySingleOrDefaultAsync<AgreedItem>(MeetingSql.SelectItem, new { Id = id }, cancellationToken);

    public Task UpdateItemAsync(AgreedItem item, CancellationToken cancellationToken = default) =>
        s.ExecuteAsync(MeetingSql.UpdateItem, new { item.Id, Status = item.Status.ToString(), item.UpdatedAt }, cancellationToken);

    public async Task<IReadOnlyList<AgreedItem>> ListOpenItemsAsync(CancellationToken cancellationToken = default) =>
        [.. await s.QueryAsync<AgreedItem>(MeetingSql.SelectOpenItems, null, cancellationToken)];

    public async Task<IReadOnlyList<AgreedItem>> ListItemsForMeetingAsync(long meetingId, CancellationToken cancellationToken = default) =>
        [.. await s.QueryAsync<AgreedItem>(MeetingSql.SelectItemsForMeeting, new { MeetingId = meetingId }, cancellationToken)];

    public Task AddFeedbackAsync(ItemFeedback feedback, CancellationToken cancellationToken = default) =>
        s.ExecuteAsync(MeetingSql.InsertFeedback, new { feedback.ItemId, feedback.PersonId, feedback.Text, feedback.Done, feedback.At }, cancellationToken);

    public async Task<IReadOnlyList<ItemFeedback>> ListFeedbackAsync(long itemId, CancellationToken cancellationToken = default) =>
        [.. await s.QueryAsync<ItemFeedback>(MeetingSql.SelectFeedback, new { ItemId = itemId }, cancellationToken)];

    private static string Date(DateOnly date) => date.ToString(DateFormat, CultureInfo.InvariantCulture);

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
}
