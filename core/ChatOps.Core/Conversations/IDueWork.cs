namespace ChatOps.Core.Conversations;

/// <summary>
/// Work that falls due by the clock: prompts and chasing, meeting reminders, circular reminders, and whatever a feature
/// adds. One every-minute job runs every registered <see cref="IDueWork"/> in turn; each decides from stored state what is
/// due at <c>now</c>, records each step and queues its messages in one transaction with dedupe keys, so a missed minute
/// needs no replay, a second firing or a second instance changes nothing, and one feature's failure does not stop the others.
/// </summary>
public interface IDueWork
{
    /// <summary>A short stable name for logs ("reports", "meetings", "circulars").</summary>
    string Name { get; }

    /// <summary>Does what is due at <paramref name="now"/>; returns how many messages it queued.</summary>
    Task<int> RunDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default);
}
