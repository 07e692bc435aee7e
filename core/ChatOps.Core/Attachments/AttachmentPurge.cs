namespace ChatOps.Core.Attachments;

/// <summary>
/// Drops the bytes of files that were received but never attached to anything (a report draft cancelled, a file sent
/// and then the dialog left) once <see cref="KeptUnlinked"/> has passed: the row stays, marked deleted, so a retried
/// delivery of the same message still stores nothing. Looks at most once an hour (one write transaction); queues nothing.
/// </summary>
public sealed class AttachmentPurge(IAttachmentRepository repository, ILogger<AttachmentPurge> logger) : IDueWork
{
    /// <summary>How long a file linked to nothing is kept (a draft may be finished the next days).</summary>
    public static readonly TimeSpan KeptUnlinked = TimeSpan.FromDays(7);

    private readonly DueInterval _hourly = new(TimeSpan.FromHours(1));

    /// <inheritdoc/>
    public string Name => "attachments";

    /// <inheritdoc/>
    public async Task<int> RunDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (!_hourly.TryStart(now))
        {
            return 0;
        }

        if (await repository.DeleteUnlinkedAsync(now - KeptUnlinked, now, cancellationToken) is var deleted and > 0)
        {
            logger.LogInformation("Deleted {Count} attachments linked to nothing for {Kept}", deleted, KeptUnlinked);
        }

        return 0;
    }
}
