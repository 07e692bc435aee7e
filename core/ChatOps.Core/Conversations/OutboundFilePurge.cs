using Microsoft.Extensions.Options;

namespace ChatOps.Core.Conversations;

/// <summary>
/// Deletes the files the bot sent (<see cref="OutboundFiles"/>) once nothing can ask for them any more: a week after
/// their download links expired, which also outlasts a message held back while a channel was misconfigured. Looks at
/// most once an hour (one indexed DELETE); queues nothing.
/// </summary>
public sealed class OutboundFilePurge(IOutboundFileStore store, IOptions<OutboundFileOptions> options, ILogger<OutboundFilePurge> logger) : IDueWork
{
    /// <summary>How long a file is kept after its links expired.</summary>
    public static readonly TimeSpan KeptAfterLinks = TimeSpan.FromDays(7);

    private static readonly TimeSpan Every = TimeSpan.FromHours(1);
    private DateTimeOffset _last = DateTimeOffset.MinValue;

    /// <inheritdoc/>
    public string Name => "files";

    /// <inheritdoc/>
    public async Task<int> RunDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (now - _last < Every)
        {
            return 0;
        }

        var deleted = await store.DeleteCreatedBeforeAsync(now - options.Value.LinkLifetime - KeptAfterLinks, cancellationToken);
        _last = now;
        if (deleted > 0)
        {
            logger.LogInformation("Deleted {Count} sent files older than their links by {Kept}", deleted, KeptAfterLinks);
        }

        return 0;
    }
}
