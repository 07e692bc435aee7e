using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatOps.Storage.Conversations;

/// <summary>
/// Wakes this process's workers for work another process wrote (another instance, the CLI) on a database that notifies
/// (<see cref="Dialects.SqlDialect.NotifiesWork"/>: PostgreSQL, whose triggers of migration 0029 NOTIFY on every
/// committed inbox or outbox insert). One dedicated connection per process LISTENs and turns each notification into
/// <see cref="IWorkSignal.InboxChanged"/> or <see cref="IWorkSignal.OutboxChanged"/>; a notification costs the idle host
/// nothing until it comes. While <see cref="Listening"/> the workers may poll rarely; when the connection is lost they
/// fall back to their ordinary poll, and on reconnecting both are signalled once, for anything written meanwhile.
/// On other databases it does nothing.
/// </summary>
public sealed class WorkNotifications(Database database, IWorkSignal signal, ILogger<WorkNotifications> logger) : BackgroundService
{
    /// <summary>The channel notified of new inbox rows.</summary>
    public const string InboxChannel = "chatops_inbox";

    /// <summary>The channel notified of new outbox rows.</summary>
    public const string OutboxChannel = "chatops_outbox";

    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(30);

    private volatile bool _listening;

    /// <summary>Whether another process's new work reaches this one now (the LISTEN connection is up).</summary>
    public bool Listening => _listening;

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!database.Dialect.NotifiesWork)
        {
            return;
        }

        var retry = FirstRetry;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await database.Dialect.ListenForWorkAsync(database.ConnectionString, Listen, Notified, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Listening for new work failed; the workers poll until it is back (next try in {Retry})", retry);
            }

            retry = _listening ? FirstRetry : (retry * 2 < LastRetry ? retry * 2 : LastRetry);
            _listening = false;
            await Task.Delay(retry, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private void Listen()
    {
        _listening = true;
        logger.LogDebug("Listening for new work on {Inbox} and {Outbox}", InboxChannel, OutboxChannel);
        signal.InboxChanged(); // whatever was written while nobody listened
        signal.OutboxChanged();
    }

    private void Notified(string channel)
    {
        switch (channel)
        {
            case InboxChannel:
                signal.InboxChanged();
                break;
            case OutboxChannel:
                signal.OutboxChanged();
                break;
        }
    }
}
