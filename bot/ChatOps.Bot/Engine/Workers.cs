using ChatOps.Core.Conversations;
using Microsoft.Extensions.Options;

namespace ChatOps.Bot.Engine;

/// <summary>
/// Takes stored inbound messages in order and runs the engine on each. A message the engine fails on is kept with its
/// error and the person is told, so one bad message never blocks the ones behind it.
/// </summary>
internal sealed class InboxWorker(
    IInbox inbox, ConversationEngine engine, WorkSignal signal, TimeProvider time, IOptions<EngineOptions> options, ILogger<InboxWorker> logger,
    Operations.EngineTelemetry telemetry)
    : BackgroundService
{
    /// <summary>A handler that has not finished by then is considered dead and its message is handled again.</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var items = await inbox.ClaimPendingAsync(time.GetUtcNow(), options.Value.BatchSize, Lease, stoppingToken);
                foreach (var item in items)
                {
                    await HandleAsync(item, stoppingToken);
                }

                if (items.Count > 0)
                {
                    signal.OutboxChanged();
                    continue;
                }

                await signal.WaitInboxAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Inbox worker round failed; retrying");
                await Task.Delay(options.Value.PollInterval, time, stoppingToken);
            }
        }
    }

    private async Task HandleAsync(InboxItem item, CancellationToken stoppingToken)
    {
        using var activity = telemetry.StartTurn(item);
        try
        {
            await engine.HandleAsync(item, stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            logger.LogError(ex, "Engine failed on inbox message {Id} from {Sender} on {Channel}", item.Id, item.Message.SenderId, item.Message.Channel);
            await inbox.MarkFailedAsync(item.Id, ex.GetType().Name + ": " + ex.Message, time.GetUtcNow(), stoppingToken);
        }
    }
}

/// <summary>
/// Sends queued messages through their channel: a transient failure is retried with back-off (or after the channel's
/// Retry-After), a permanent one is recorded against the message; nothing queued is dropped.
/// </summary>
internal sealed class OutboxDispatcher(
    IOutboxDispatch outbox, IEnumerable<IChannelSender> senders, WorkSignal signal, TimeProvider time, IOptions<EngineOptions> options,
    ILogger<OutboxDispatcher> logger, Operations.EngineTelemetry telemetry) : BackgroundService
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(10);
    private readonly Dictionary<string, IChannelSender> _senders = senders.ToDictionary(s => s.Channel, StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var sent = await DispatchDueAsync(stoppingToken);
                if (sent == 0)
                {
                    await signal.WaitOutboxAsync(options.Value.PollInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Outbox dispatch round failed; retrying");
                await Task.Delay(options.Value.PollInterval, time, stoppingToken);
            }
        }
    }

    /// <summary>Sends every due message once; returns how many were claimed.</summary>
    internal async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var items = await outbox.ClaimDueAsync(time.GetUtcNow(), options.Value.BatchSize, Lease, cancellationToken);
        foreach (var item in items)
        {
            if (!_senders.TryGetValue(item.Channel, out var sender))
            {
                await outbox.MarkFailedAsync(item.Id, $"channel '{item.Channel}' is not configured", time.GetUtcNow(), cancellationToken);
                continue;
            }

            SendResult result;
            using var activity = telemetry.StartSend(item);
            try
            {
                result = await sender.SendAsync(item, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                result = new SendResult.Retry(TimeSpan.Zero, ex.GetType().Name + ": " + ex.Message);
            }

            await telemetry.SendDoneAsync(item, result, activity, cancellationToken);

            switch (result)
            {
                case SendResult.Sent s:
                    await outbox.MarkSentAsync(item.Id, s.ChannelMessageId, time.GetUtcNow(), cancellationToken);
                    break;
                case SendResult.Retry r:
                    var backoff = TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, Math.Min(item.Attempts, 10))));
                    var after = r.After > backoff ? r.After : backoff;
                    logger.LogWarning("Outbox {Id} to {Channel} will be retried in {After}: {Error}", item.Id, item.Channel, after, r.Error);
                    await outbox.RetryLaterAsync(item.Id, time.GetUtcNow() + after, r.Error, cancellationToken);
                    break;
                case SendResult.Failed f:
                    logger.LogWarning("Outbox {Id} to {Channel} failed for good: {Error}", item.Id, item.Channel, f.Error);
                    await outbox.MarkFailedAsync(item.Id, f.Error, time.GetUtcNow(), cancellationToken);
                    break;
            }
        }

        return items.Count;
    }
}
