using ChatOps.Core.Reports;

namespace ChatOps.Core.Conversations;

/// <summary>An inbound message as stored in the inbox.</summary>
public sealed record InboxItem(long Id, InboundMessage Message, string? PersonId);

/// <summary>
/// The inbox: every accepted inbound message is stored before the channel is answered, so none is lost; a duplicate
/// <see cref="InboundMessage.DedupeKey"/> is acknowledged and dropped.
/// </summary>
public interface IInbox
{
    /// <summary>Stores the message; false when the same channel delivered the same key before (a retry).</summary>
    Task<bool> AcceptAsync(InboundMessage message, string? personId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims up to <paramref name="limit"/> unprocessed messages, oldest first, for <paramref name="leaseFor"/>: another
    /// instance skips them; a message whose handler died is claimed again once the lease ends.
    /// </summary>
    Task<IReadOnlyList<InboxItem>> ClaimPendingAsync(DateTimeOffset now, int limit, TimeSpan leaseFor, CancellationToken cancellationToken = default);

    /// <summary>Marks a message the engine failed on as handled, keeping it with the error (it is never lost, and never retried forever).</summary>
    Task MarkFailedAsync(long id, string error, DateTimeOffset at, CancellationToken cancellationToken = default);
}

/// <summary>Sending state of the outbox, used by the dispatcher outside the engine's transactions.</summary>
public interface IOutboxDispatch
{
    /// <summary>
    /// Claims up to <paramref name="limit"/> due messages for <paramref name="leaseFor"/> (other instances skip them:
    /// UPDLOCK/READPAST on SQL Server), oldest first.
    /// </summary>
    Task<IReadOnlyList<OutboxItem>> ClaimDueAsync(DateTimeOffset now, int limit, TimeSpan leaseFor, CancellationToken cancellationToken = default);

    /// <summary>
    /// When the earliest pending message not yet due at <paramref name="now"/> comes due (queued for later by any
    /// process: a retry, a circular's next wave), or null; the dispatcher sleeps no longer than that.
    /// </summary>
    Task<DateTimeOffset?> NextPendingAfterAsync(DateTimeOffset now, CancellationToken cancellationToken = default) => Task.FromResult<DateTimeOffset?>(null);

    /// <summary>Records a successful send.</summary>
    Task MarkSentAsync(long id, string? channelMessageId, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Records many successful sends (the store does it in one transaction; this default, one by one).</summary>
    async Task MarkSentAsync(IReadOnlyList<(long Id, string? ChannelMessageId)> sent, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sent);
        foreach (var (id, channelMessageId) in sent)
        {
            await MarkSentAsync(id, channelMessageId, at, cancellationToken);
        }
    }

    /// <summary>Schedules another attempt after a transient failure.</summary>
    Task RetryLaterAsync(long id, DateTimeOffset nextAttempt, string error, CancellationToken cancellationToken = default);

    /// <summary>Gives up on a message the channel refused for good.</summary>
    Task MarkFailedAsync(long id, string error, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Keeps a message the channel cannot deliver yet (<see cref="OutboxStatus.Waiting"/>) with the reason.</summary>
    Task MarkWaitingAsync(long id, string reason, CancellationToken cancellationToken = default);

    /// <summary>Makes the waiting messages to <paramref name="address"/> on <paramref name="channel"/> due now; returns how many.</summary>
    Task<int> ReleaseWaitingAsync(string channel, string address, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Every waiting message, oldest first: who cannot be reached yet, for the office.</summary>
    Task<IReadOnlyList<OutboxItem>> ListWaitingAsync(CancellationToken cancellationToken = default);

    /// <summary>Messages for a person on a channel after <paramref name="afterId"/> (the local web chat reads its messages here).</summary>
    Task<IReadOnlyList<OutboxItem>> ListForPersonAsync(string personId, string channel, long afterId, CancellationToken cancellationToken = default);
}

/// <summary>A person's place in a dialog, persisted so a dialog survives restarts and continues on any channel.</summary>
/// <param name="Dialog">The dialog's name (e.g. "report", "review").</param>
/// <param name="Step">Where the dialog stands.</param>
/// <param name="Data">The dialog's own data as JSON.</param>
public sealed record DialogState(string PersonId, string Dialog, string Step, string Data, DateTimeOffset UpdatedAt);

/// <summary>Dialog states, one per person.</summary>
public interface IDialogStateStore
{
    /// <summary>The person's current dialog, if any.</summary>
    Task<DialogState?> GetAsync(string personId, CancellationToken cancellationToken = default);

    /// <summary>Replaces the person's dialog state.</summary>
    Task SaveAsync(DialogState state, CancellationToken cancellationToken = default);

    /// <summary>Ends the person's dialog.</summary>
    Task ClearAsync(string personId, CancellationToken cancellationToken = default);

    /// <summary>The card that asks the person's current step (<see cref="OutboundMessage.CardId"/>); null when none does.</summary>
    Task<string?> GetCardAsync(string personId, CancellationToken cancellationToken = default);

    /// <summary>Records the card that asks the current step (null: no card does); a click on any other card is stale.</summary>
    Task SetCardAsync(string personId, string? cardId, CancellationToken cancellationToken = default);
}

/// <summary>Queues outbound messages inside a unit of work.</summary>
public interface IOutbox
{
    /// <summary>Queues a message; false when its dedupe key was queued before (nothing is added).</summary>
    Task<bool> EnqueueAsync(OutboxItem item, CancellationToken cancellationToken = default);

    /// <summary>
    /// Queues many messages in order; per message, whether it was queued (false: its dedupe key was queued before). The
    /// stores send them as batches of rows; this default queues them one by one.
    /// </summary>
    async Task<IReadOnlyList<bool>> EnqueueManyAsync(IReadOnlyList<OutboxItem> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        var queued = new bool[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            queued[i] = await EnqueueAsync(items[i], cancellationToken);
        }

        return queued;
    }
}

/// <summary>
/// One transaction over the engine's state: inbox bookkeeping, dialog state, reports and the outbox are committed
/// together or not at all, so a message is never answered twice nor a state change lost.
/// </summary>
public interface IUnitOfWork : IAsyncDisposable
{
    /// <summary>Dialog states.</summary>
    IDialogStateStore Dialogs { get; }

    /// <summary>The last card with choices sent to each person (the outbox records it; a numbered reply answers it).</summary>
    ILastCardStore LastCards { get; }

    /// <summary>Reports, drafts, revisions and reviews.</summary>
    IReportStore Reports { get; }

    /// <summary>The outbox.</summary>
    IOutbox Outbox { get; }

    /// <summary>Scheduled steps already done and exemptions.</summary>
    IScheduleStore Schedule { get; }

    /// <summary>The audit log: a change and its line are committed together.</summary>
    Audit.IAuditLog Audit { get; }

    /// <summary>Marks an inbox message handled, with the commit (rolled back with the rest, or with its turn's savepoint).</summary>
    Task MarkInboxProcessedAsync(long inboxId, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>
    /// When the oldest message not yet handled was received (<see cref="InboundMessage.ReceivedAt"/>); null when none
    /// waits. A scheduler holds a deadline's notices while what was said before the deadline waits for the engine.
    /// </summary>
    Task<DateTimeOffset?> OldestUnhandledMessageAsync(CancellationToken cancellationToken = default);

    /// <summary>Commits everything; without it, disposing rolls back.</summary>
    Task CommitAsync(CancellationToken cancellationToken = default);
}

/// <summary>Begins units of work.</summary>
public interface IUnitOfWorkFactory
{
    /// <summary>Begins a transaction (on SQLite an immediate one: one writer at a time).</summary>
    Task<IUnitOfWork> BeginAsync(CancellationToken cancellationToken = default);
}
