using System.Collections.Concurrent;

namespace ChatOps.Bot.Engine;

/// <summary>
/// Takes stored inbound messages in order and runs the engine on each. A message the engine fails on is kept with its
/// error and the person is told, so one bad message never blocks the ones behind it.
/// </summary>
internal sealed class InboxWorker(
    IInbox inbox, ConversationEngine engine, WorkSignal signal, TimeProvider time, IOptions<EngineOptions> options, ILogger<InboxWorker> logger,
    Operations.EngineTelemetry? telemetry = null, ChatOps.Storage.Conversations.WorkNotifications? notifications = null)
    : BackgroundService
{
    /// <summary>A handler that has not finished by then is considered dead and its message is handled again.</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    /// <summary>How often messages that failed on a database error are tried again while this worker holds them.</summary>
    private static readonly TimeSpan StorageRetry = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Messages claimed by this worker whose handling failed on a database error (full disk, read-only file, server
    /// gone): nothing of them was written, and marking them failed would need the same database. They are kept here and
    /// tried again every <see cref="StorageRetry"/>, before anything new is claimed (so a conversation keeps its order),
    /// until they succeed or the lease is nearly over (then the claim expires and they are claimed again).
    /// </summary>
    private readonly List<(InboxItem Item, DateTimeOffset ClaimedAt)> _held = [];

    // Woken at once by a callback's signal, or by another process's insert when the database notifies.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        EngineLoop.RunAsync("Inbox worker", RoundAsync, signal.WaitInboxAsync, options.Value, notifications, time, logger, stoppingToken);

    private async Task<bool> RoundAsync(CancellationToken stoppingToken)
    {
        if (_held.Count > 0)
        {
            await RetryHeldAsync(stoppingToken);
            return true;
        }

        var claimedAt = time.GetUtcNow();
        var items = await inbox.ClaimPendingAsync(claimedAt, options.Value.BatchSize, Lease, stoppingToken);
        await HandleAllAsync(items, claimedAt, stoppingToken);
        if (items.Count > 0)
        {
            signal.OutboxChanged();
        }

        return items.Count > 0;
    }

    private async Task RetryHeldAsync(CancellationToken stoppingToken)
    {
        await Task.Delay(StorageRetry, time, stoppingToken);
        var now = time.GetUtcNow();
        var held = _held.ToList();
        _held.Clear();
        foreach (var (item, claimedAt) in held)
        {
            if (now - claimedAt > Lease - TimeSpan.FromSeconds(30))
            {
                continue; // the claim is about to expire: the message will be claimed again, here or elsewhere
            }

            if (_held.Count > 0 || !await HandleAsync(item, stoppingToken))
            {
                _held.Add((item, claimedAt));
            }
        }

        if (_held.Count < held.Count)
        {
            signal.OutboxChanged();
        }
    }

    /// <summary>
    /// The claimed messages in one transaction (one commit instead of one per message; a failing turn is undone alone
    /// and recorded as before); should the transaction itself fail, each message is handled alone, and one that fails on
    /// a database error is held and tried again shortly.
    /// </summary>
    private async Task HandleAllAsync(IReadOnlyList<InboxItem> items, DateTimeOffset claimedAt, CancellationToken stoppingToken)
    {
        if (items.Count > 1)
        {
            try
            {
                foreach (var item in items)
                {
                    telemetry?.CountTurn(item);
                }

                foreach (var (item, error) in await engine.HandleBatchAsync(items, stoppingToken))
                {
                    if (error is System.Data.Common.DbException)
                    {
                        _held.Add((item, claimedAt));
                        continue;
                    }

                    logger.LogError(error, "Engine failed on inbox message {Id} from {Sender} on {Channel}", item.Id, item.Message.SenderId, item.Message.Channel);
                    await inbox.MarkFailedAsync(item.Id, error.GetType().Name + ": " + error.Message, time.GetUtcNow(), stoppingToken);
                }

                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Inbox batch of {Count} messages failed as a whole; handling them one by one", items.Count);
            }
        }

        foreach (var item in items)
        {
            if (_held.Count > 0)
            {
                _held.Add((item, claimedAt)); // behind a held message: keep the order
                continue;
            }

            if (!await HandleAsync(item, stoppingToken))
            {
                _held.Add((item, claimedAt));
            }
        }
    }

    /// <summary>Handles one message; false when it failed on a database error and should be tried again shortly.</summary>
    private async Task<bool> HandleAsync(InboxItem item, CancellationToken stoppingToken)
    {
        telemetry?.CountTurn(item);
        try
        {
            await engine.HandleAsync(item, stoppingToken);
            return true;
        }
        catch (System.Data.Common.DbException ex)
        {
            logger.LogWarning(ex, "Inbox message {Id} could not be handled because the database failed; retrying in {Retry}", item.Id, StorageRetry);
            return false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            logger.LogError(ex, "Engine failed on inbox message {Id} from {Sender} on {Channel}", item.Id, item.Message.SenderId, item.Message.Channel);
            await inbox.MarkFailedAsync(item.Id, ex.GetType().Name + ": " + ex.Message, time.GetUtcNow(), stoppingToken);
            return true;
        }
    }
}

/// <summary>
/// Sends queued messages through their channel: a transient failure is retried with back-off (or after the channel's
/// Retry-After), a permanent one is recorded against the message; nothing queued is dropped.
/// </summary>
internal sealed class OutboxDispatcher(
    IOutboxDispatch outbox, IEnumerable<IChannelSender> senders, IEnumerable<IOutboxFailureListener> failureListeners, WorkSignal signal, TimeProvider time,
    IOptions<EngineOptions> options, ILogger<OutboxDispatcher> logger, Operations.EngineTelemetry? telemetry = null,
    ChatOps.Storage.Conversations.WorkNotifications? notifications = null) : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(10);
    private readonly Dictionary<string, IChannelSender> _senders = senders.ToDictionary(s => s.Channel, StringComparer.Ordinal);

    /// <summary>The earliest retry this dispatcher scheduled and has not yet looked at (UTC ticks; MaxValue: none).</summary>
    private long _nextRetryTicks = long.MaxValue;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        EngineLoop.RunAsync(
            "Outbox dispatch", RoundAsync, (idleWait, ct) => signal.WaitOutboxAsync(UntilNextRetry(idleWait), ct), options.Value, notifications, time, logger, stoppingToken);

    private async Task<bool> RoundAsync(CancellationToken stoppingToken)
    {
        if (await DispatchDueAsync(stoppingToken) > 0)
        {
            return true;
        }

        // Nothing due: sleep no longer than until the earliest message queued for later, by whichever process.
        if (await outbox.NextPendingAfterAsync(time.GetUtcNow(), stoppingToken) is { } next)
        {
            RetryAt(next);
        }

        return false;
    }

    /// <summary>The idle wait, shortened to the earliest pending message (it wakes when that comes due).</summary>
    private TimeSpan UntilNextRetry(TimeSpan wait)
    {
        var next = Interlocked.Read(ref _nextRetryTicks);
        if (next == long.MaxValue)
        {
            return wait;
        }

        var until = new DateTimeOffset(next, TimeSpan.Zero) - time.GetUtcNow();
        if (until <= TimeSpan.Zero)
        {
            Interlocked.CompareExchange(ref _nextRetryTicks, long.MaxValue, next); // due now: this round looks
            return TimeSpan.Zero;
        }

        return until < wait ? until : wait;
    }

    private void RetryAt(DateTimeOffset at)
    {
        var ticks = at.UtcTicks;
        for (var seen = Interlocked.Read(ref _nextRetryTicks); ticks < seen; seen = Interlocked.Read(ref _nextRetryTicks))
        {
            if (Interlocked.CompareExchange(ref _nextRetryTicks, ticks, seen) == seen)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Sends every due message once; returns how many were claimed. One recipient's messages go in order; different
    /// recipients' go concurrently (at most <see cref="EngineOptions.SendConcurrency"/> at once; each channel's sender
    /// keeps its own rate limits), and the sent ones are recorded together in one transaction at the end of the round.
    /// </summary>
    internal async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var items = await outbox.ClaimDueAsync(time.GetUtcNow(), options.Value.BatchSize, options.Value.OutboxLease, cancellationToken);
        var sent = new ConcurrentQueue<(long Id, string? ChannelMessageId)>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Value.SendConcurrency), CancellationToken = cancellationToken };
        try
        {
            await Parallel.ForEachAsync(items.GroupBy(i => (i.Channel, i.Address)), parallel, async (recipient, token) =>
            {
                foreach (var item in recipient)
                {
                    await SendAsync(item, sent, token);
                }
            });
        }
        finally
        {
            // Even when a round fails midway, what went out is recorded (else it would be sent again after the lease).
            if (!sent.IsEmpty)
            {
                await outbox.MarkSentAsync([.. sent], time.GetUtcNow(), CancellationToken.None);
            }
        }

        return items.Count;
    }

    private async Task SendAsync(OutboxItem item, ConcurrentQueue<(long Id, string? ChannelMessageId)> sent, CancellationToken cancellationToken)
    {
        if (!_senders.TryGetValue(item.Channel, out var sender))
        {
            await outbox.MarkFailedAsync(item.Id, $"channel '{item.Channel}' is not configured", time.GetUtcNow(), cancellationToken);
            return;
        }

        SendResult result;
        using var activity = Operations.EngineTelemetry.StartSend(item);
        try
        {
            result = await sender.SendAsync(item, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            result = new SendResult.Retry(TimeSpan.Zero, ex.GetType().Name + ": " + ex.Message);
        }

        if (telemetry is not null)
        {
            await telemetry.SendDoneAsync(item, result, activity, cancellationToken);
        }

        switch (result)
        {
            case SendResult.Sent s:
                sent.Enqueue((item.Id, s.ChannelMessageId));
                break;
            case SendResult.Retry r:
                var backoff = TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, Math.Min(item.Attempts, 10))));
                var after = r.After > backoff ? r.After : backoff;
                logger.LogWarning("Outbox {Id} to {Channel} will be retried in {After}: {Error}", item.Id, item.Channel, after, r.Error);
                await outbox.RetryLaterAsync(item.Id, time.GetUtcNow() + after, r.Error, cancellationToken);
                RetryAt(time.GetUtcNow() + after);
                break;
            case SendResult.Wait w:
                logger.LogWarning("Outbox {Id} to {Channel} waits until the recipient can be reached: {Reason}", item.Id, item.Channel, w.Reason);
                await outbox.MarkWaitingAsync(item.Id, w.Reason, cancellationToken);
                break;
            case SendResult.Failed f:
                logger.LogWarning("Outbox {Id} to {Channel} failed for good: {Error}", item.Id, item.Channel, f.Error);
                await outbox.MarkFailedAsync(item.Id, f.Error, time.GetUtcNow(), cancellationToken);
                await TellFailedAsync(item, f.Error, cancellationToken);
                break;
        }
    }

    private async Task TellFailedAsync(OutboxItem item, string error, CancellationToken cancellationToken)
    {
        foreach (var listener in failureListeners)
        {
            try
            {
                await listener.OnFailedAsync(item, error, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Failure listener {Listener} failed on outbox {Id}", listener.GetType().Name, item.Id);
            }
        }
    }
}
