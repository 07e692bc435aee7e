using System.Diagnostics;
using ChatOps.Core.Operations;

namespace ChatOps.Bot.Operations;

/// <summary>
/// The inbox, storing with each message the trace context of the request that delivered it (the callback's span), so
/// the engine's turn — on whichever instance claims the row — continues the same trace.
/// </summary>
internal sealed class TracingInbox(IInbox inner) : IInbox
{
    public Task<bool> AcceptAsync(InboundMessage message, string? personId, CancellationToken cancellationToken = default) =>
        inner.AcceptAsync(message.TraceParent is null && ChatOpsTelemetry.CurrentTraceParent() is { } parent ? message with { TraceParent = parent } : message,
            personId, cancellationToken);

    public Task<IReadOnlyList<InboxItem>> ClaimPendingAsync(DateTimeOffset now, int limit, TimeSpan leaseFor, CancellationToken cancellationToken = default) =>
        inner.ClaimPendingAsync(now, limit, leaseFor, cancellationToken);

    public Task MarkFailedAsync(long id, string error, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        inner.MarkFailedAsync(id, error, at, cancellationToken);
}

/// <summary>
/// What the inbox worker and the dispatcher record about their work: inbox lag and dialog turns, send outcomes per
/// channel and error code, the trace spans of turns and sends, and the office's alert when a channel keeps failing.
/// </summary>
internal sealed class EngineTelemetry(ChannelAlerts alerts, TimeProvider time, ILogger<EngineTelemetry> logger)
{
    /// <summary>Counts a turn and its inbox lag (the turn's span is the engine's own: <see cref="ChatOpsTelemetry.StartTurn"/>).</summary>
    public void CountTurn(InboxItem item)
    {
        var channel = new KeyValuePair<string, object?>("channel", item.Message.Channel);
        ChatOpsTelemetry.InboxLag.Record(Math.Max(0, (time.GetUtcNow() - item.Message.ReceivedAt).TotalSeconds), channel);
        ChatOpsTelemetry.DialogTurns.Add(1, channel);
    }

    /// <summary>Starts the span of a send: a child of the turn (or scheduled step) that queued it, on any instance.</summary>
    public static Activity? StartSend(OutboxItem item)
    {
        var activity = ChatOpsTelemetry.Source.StartActivity("outbox.send", ActivityKind.Client, ChatOpsTelemetry.ParentOf(item.TraceParent));
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
