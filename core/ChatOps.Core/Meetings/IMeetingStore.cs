namespace ChatOps.Core.Meetings;

/// <summary>
/// Meetings, rosters, leave requests and agreed items inside one unit of work: every change is written in the same
/// transaction as the dialog state and the outbox messages it causes, so a notice goes out exactly when the change
/// commits, and a scheduled step is recorded done together with its messages.
/// </summary>
public interface IMeetingStore
{
    /// <summary>Stores a new series; returns its id.</summary>
    Task<long> InsertSeriesAsync(MeetingSeries series, CancellationToken cancellationToken = default);

    /// <summary>A series by id.</summary>
    Task<MeetingSeries?> FindSeriesAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Series not cancelled.</summary>
    Task<IReadOnlyList<MeetingSeries>> ListActiveSeriesAsync(CancellationToken cancellationToken = default);

    /// <summary>Marks a series cancelled (no further occurrences are made).</summary>
    Task CancelSeriesAsync(long id, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Stores a new meeting; returns its id.</summary>
    Task<long> InsertMeetingAsync(Meeting meeting, CancellationToken cancellationToken = default);

    /// <summary>A meeting by id.</summary>
    Task<Meeting?> FindMeetingAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Writes a meeting's time, place, status and flags.</summary>
    Task UpdateMeetingAsync(Meeting meeting, CancellationToken cancellationToken = default);

    /// <summary>Scheduled meetings that end after <paramref name="after"/>, by start.</summary>
    Task<IReadOnlyList<Meeting>> ListScheduledEndingAfterAsync(DateTimeOffset after, CancellationToken cancellationToken = default);

    /// <summary>The occurrence of a series with the latest slot (any status), if any.</summary>
    Task<Meeting?> FindLastOccurrenceAsync(long seriesId, CancellationToken cancellationToken = default);

    /// <summary>Occurrences of a series starting after <paramref name="after"/> that are still scheduled.</summary>
    Task<IReadOnlyList<Meeting>> ListScheduledOccurrencesAsync(long seriesId, DateTimeOffset after, CancellationToken cancellationToken = default);

    /// <summary>The roster of a meeting.</summary>
    Task<IReadOnlyList<Attendee>> ListAttendeesAsync(long meetingId, CancellationToken cancellationToken = default);

    /// <summary>Adds or replaces a person's row on a roster.</summary>
    Task SaveAttendeeAsync(Attendee attendee, CancellationToken cancellationToken = default);

    /// <summary>Takes a person off a roster (a substitute no longer needed).</summary>
    Task RemoveAttendeeAsync(long meetingId, string personId, CancellationToken cancellationToken = default);

    /// <summary>Ids of scheduled meetings ending after <paramref name="after"/> that <paramref name="personId"/> attends or hosts.</summary>
    Task<IReadOnlyList<long>> ListMeetingIdsForPersonAsync(string personId, DateTimeOffset after, CancellationToken cancellationToken = default);

    /// <summary>Stores a leave request; returns its id.</summary>
    Task<long> InsertLeaveAsync(LeaveRequest request, CancellationToken cancellationToken = default);

    /// <summary>A leave request by id.</summary>
    Task<LeaveRequest?> FindLeaveAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Writes a leave request's status and decision.</summary>
    Task UpdateLeaveAsync(LeaveRequest request, CancellationToken cancellationToken = default);

    /// <summary>Every leave request of a meeting, oldest first.</summary>
    Task<IReadOnlyList<LeaveRequest>> ListLeaveAsync(long meetingId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a scheduled step as done; false when it was done before — so each reminder and notice happens once
    /// across restarts, re-runs and instances. <paramref name="subject"/> is e.g. <c>meeting:12</c> or <c>item:7</c>.
    /// </summary>
    Task<bool> TryMarkDoneAsync(string subject, string step, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>The steps already done for <paramref name="subjects"/>, as (subject, step) pairs.</summary>
    Task<IReadOnlySet<(string Subject, string Step)>> ListDoneStepsAsync(IReadOnlyCollection<string> subjects, CancellationToken cancellationToken = default);

    /// <summary>Stores an agreed item; returns its id.</summary>
    Task<long> InsertItemAsync(AgreedItem item, CancellationToken cancellationToken = default);

    /// <summary>An agreed item by id.</summary>
    Task<AgreedItem?> FindItemAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Writes an agreed item's status.</summary>
    Task UpdateItemAsync(AgreedItem item, CancellationToken cancellationToken = default);

    /// <summary>Agreed items not yet done, by due date.</summary>
    Task<IReadOnlyList<AgreedItem>> ListOpenItemsAsync(CancellationToken cancellationToken = default);

    /// <summary>The agreed items of a meeting.</summary>
    Task<IReadOnlyList<AgreedItem>> ListItemsForMeetingAsync(long meetingId, CancellationToken cancellationToken = default);

    /// <summary>Stores a unit's feedback on an item.</summary>
    Task AddFeedbackAsync(ItemFeedback feedback, CancellationToken cancellationToken = default);

    /// <summary>The feedback on an item, oldest first.</summary>
    Task<IReadOnlyList<ItemFeedback>> ListFeedbackAsync(long itemId, CancellationToken cancellationToken = default);
}

/// <summary>
/// Gives the meeting store of a unit of work, on its connection and transaction. <see cref="IUnitOfWork"/> belongs to
/// the engine and does not know meetings; storage implements this factory over its own unit of work.
/// </summary>
public interface IMeetingStoreFactory
{
    /// <summary>The meeting store that writes in <paramref name="work"/>'s transaction.</summary>
    IMeetingStore For(IUnitOfWork work);
}
