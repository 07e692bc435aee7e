namespace ChatOps.Core.Conversations;

/// <summary>What happened when a channel tried to send an outbox message.</summary>
public abstract record SendResult
{
    /// <summary>Accepted by the channel, with its own message id if it gives one.</summary>
    public sealed record Sent(string? ChannelMessageId) : SendResult;

    /// <summary>A transient failure (rate limit, network, 5xx): try again after <paramref name="After"/>.</summary>
    public sealed record Retry(TimeSpan After, string Error) : SendResult;

    /// <summary>Refused for good (unknown user, bot blocked): recorded against the message and shown to the office.</summary>
    public sealed record Failed(string Error) : SendResult;

    /// <summary>No way to reach the recipient yet: kept as <see cref="OutboxStatus.Waiting"/> until the channel learns one.</summary>
    public sealed record Wait(string Reason) : SendResult;
}

/// <summary>Sends outbox messages on one channel; implemented by each channel project and the local web chat.</summary>
public interface IChannelSender
{
    /// <summary>The channel name this sender serves.</summary>
    string Channel { get; }

    /// <summary>Sends one message. Must not throw for channel errors: return <see cref="SendResult.Retry"/> or <see cref="SendResult.Failed"/>.</summary>
    Task<SendResult> SendAsync(OutboxItem item, CancellationToken cancellationToken = default);
}

/// <summary>Wakes the inbox worker or the dispatcher when there is new work, so nobody waits for the next poll.</summary>
public interface IWorkSignal
{
    /// <summary>New inbound messages were stored.</summary>
    void InboxChanged();

    /// <summary>New outbound messages were queued.</summary>
    void OutboxChanged();
}

/// <summary>
/// Told when the dispatcher gives up on an outbox message (<see cref="SendResult.Failed"/>), so the feature that queued
/// it can tell someone at once (a circular's group that could not be reached). Called after the failure is stored;
/// a listener that throws is logged and does not stop the dispatcher.
/// </summary>
public interface IOutboxFailureListener
{
    /// <summary>The dispatcher gave up on <paramref name="item"/> with <paramref name="error"/>.</summary>
    Task OnFailedAsync(OutboxItem item, string error, CancellationToken cancellationToken = default);
}
