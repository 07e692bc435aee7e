namespace ChatOps.Core.Conversations;

/// <summary>
/// A deadline's consequences — the overdue notices of a report, leave requests marked unanswered at a meeting's start —
/// wait while messages received before it still wait for the engine: what a person said in time counts in time
/// (<see cref="Turn.Now"/>), and must not be answered by a notice that it is missing. The schedulers ask again at their
/// next minute's run. For at most <see cref="Limit"/> after the deadline: a stopped engine must not hold them for ever.
/// </summary>
public static class DeadlineHold
{
    /// <summary>How long after a deadline its consequences may wait for the engine.</summary>
    public static TimeSpan Limit { get; } = TimeSpan.FromMinutes(10);

    /// <summary>True when what follows <paramref name="deadline"/> should wait at <paramref name="now"/>.</summary>
    public static async Task<bool> WaitsAsync(IUnitOfWork work, DateTimeOffset deadline, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return now - deadline < Limit && await work.OldestUnhandledMessageAsync(cancellationToken) is { } oldest && oldest <= deadline;
    }
}
