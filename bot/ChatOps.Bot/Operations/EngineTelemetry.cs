using System.Collections.Concurrent;
using System.Diagnostics;
using ChatOps.Core.Conversations;
using ChatOps.Core.Operations;

namespace ChatOps.Bot.Operations;

/// <summary>
/// Carries trace contexts between the three stages of a message inside one instance: the callback request that stored
/// it in the inbox, the engine's turn, and the sends of that turn's replies (matched by person, within a few minutes).
/// Bounded; costs nothing when no trace listener is attached. Across instances the stages are separate traces tied by
/// the inbox/outbox ids in their tags and log scopes.
/// </summary>
internal sealed class TraceCorrelation
{
    private const int Capacity = 10_000;
    private static readonly TimeSpan TurnWindow = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, ActivityContext> _inbound = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (ActivityContext Context, long At)> _turns = new(StringComparer.Ordinal);

    public void RememberInbound(InboundMessage message)
    {
        if (Activity.Current is { } current && ChatOpsTelemetry.Source.HasListeners())
        {
            Trim(_inbound);
            _inbound[$"{message.Channel}\n{message.DedupeKey}"] = current.Context;
        }
    }

    public ActivityContext TakeInbound(InboundMessage message) =>
        _inbound.TryRemove($"{message.Channel}\n{message.DedupeKey}", out var context) ? context : default;

    public void RememberTurn(string? personId, Activity? turn)
    {
        if (personId is not null && turn is not null)
        {
            Trim(_turns);
            _turns[personId] = (turn.Context, Stopwatch.GetTimestamp());
        }
    }

    public ActivityContext TurnOf(string? personId) =>
        personId is not null && _turns.TryGetValue(personId, out var turn) && Stopwatch.GetElapsedTime(turn.At) < TurnWindow ? turn.Context : default;

    private static void Trim<T>(ConcurrentDictionary<string, T> map)
    {
        if (map.Count >= Capacity)
        {
            map.Clear();
        }
    }
}

/// <summary>The inbox, remembering the trace context of the request that delivered each message.</summary>
internal sealed class TracingInbox(IInbox inner, TraceCorrelation correlation) : IInbox
{
    public async Task<bool> AcceptAsync(InboundMessage message, string? personId, CancellationToken cancellationToken = default)
    {
        var accepted = await inner.AcceptAsync(message, personId, cancellationToken);
        if (accepted)
        {
            correlation.RememberInbound(message);
        }

        return accepted;
    }

    public Task<IReadOnlyList<InboxItem>> ClaimPendingAsync(DateTimeOffset now, int limit, TimeSpan leaseFor, CancellationToken cancellationToken = default) =>
        inner.ClaimPendingAsync(now, limit, leaseFor, cancellationToken);

    public Task MarkFailedAsync(long id, string error, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        inner.MarkFailedAsync(id, error, at, cancellationToken);
}

/// <summary>
/// What the inbox worker and the dispatcher record about their work: inbox lag and dialog turns, send outcomes per
/// channel and error code, the trace spans of turns and sends, and the office's alert when a channel keeps failing.
/// </summary>
internal sealed class EngineTelemetry(TraceCorrelation correlation, ChannelAlerts alerts, TimeProvider time, ILogger<EngineTelemetry> logger)
{
    /// <summary>Counts a turn and its inbox lag (turns handled in a batch transaction are counted without a span of their own).</summary>
    public void CountTurn(InboxItem item)
    {
        var channel = new KeyValuePair<string, object?>("channel", item.Message.Channel);
        ChatOpsTelemetry.InboxLag.Record(Math.Max(0, (time.GetUtcNow() - item.Message.ReceivedAt).TotalSeconds), channel);
        ChatOpsTelemetry.DialogTurns.Add(1, channel);
    }

    /// <summary>Starts the span of an engine turn (child of the callback's request when it came through this instance).</summary>
    public Activity? StartTurn(InboxItem item)
    {
        CountTurn(item);
        var activity = ChatOpsTelemetry.Source.StartActivity("engine.turn", ActivityKind.Internal, correlation.TakeInbound(item.Message));
        activity?.SetTag("chatops.inbox.id", item.Id).SetTag("chatops.channel", item.Message.Channel).SetTag("chatops.person.id", item.PersonId);
        correlation.RememberTurn(item.PersonId, activity);
        return activity;
    }

    /// <summary>Starts the span of a send (child of the turn that queued it, when recent and on this instance).</summary>
    public Activity? StartSend(OutboxItem item)
    {
        var activity = ChatOpsTelemetry.Source.StartActivity("outbox.send", ActivityKind.Client, correlation.TurnOf(item.PersonId));
        activity?.SetTag("chatops.outbox.id", item.Id).SetTag("chatops.channel", item.Channel).SetTag("chatops.person.id", item.PersonId)
            .SetTag("chatops.attempt", item.Attempts);
        return activity;
    }

    /// <summary>Records a send's outcome; tells the office when the channel keeps failing. Never throws into the dispatcher.</summary>
    public async Task SendDoneAsync(OutboxItem item, SendResult result, Activity? activity, CancellationToken cancellationToken)
    {
        ChatOpsTelemetry.RecordSend(item, result);
        if (result is not SendResult.Sent)
        {
            activity?.SetStatus(ActivityStatusCode.Error, result switch
            {
                SendResult.Failed f => f.Error,
                SendResult.Retry r => r.Error,
                SendResult.Wait w => w.Reason,
                _ => result.GetType().Name,
            });
        }

        try
        {
            await alerts.ObserveAsync(item, result, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Queuing the office's channel alert failed");
        }
    }
}
