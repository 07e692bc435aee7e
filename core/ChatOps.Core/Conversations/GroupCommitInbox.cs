using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatOps.Core.Conversations;

/// <summary>One message to store in the inbox, with the directory person it comes from (if known).</summary>
public sealed record InboxEntry(InboundMessage Message, string? PersonId);

/// <summary>
/// The inbox's storage, able to store many messages in <b>one</b> transaction (on SQLite one BEGIN IMMEDIATE … COMMIT:
/// one write lock and one fsync for the whole batch). Duplicates are still detected per message by the unique key.
/// </summary>
public interface IInboxBatchStore : IInbox
{
    /// <summary>
    /// Stores every entry in one transaction and returns, per entry and in order, whether it was stored (false: its key
    /// was stored before, or earlier in the same batch). Throws, storing none of them, when the transaction fails.
    /// </summary>
    Task<IReadOnlyList<bool>> AcceptBatchAsync(IReadOnlyList<InboxEntry> entries, CancellationToken cancellationToken = default);
}

/// <summary>
/// Group commit of inbox inserts. Each <see cref="AcceptAsync"/> is queued; one writer on a dedicated thread takes
/// everything queued while the previous commit ran and stores it with one <see cref="IInboxBatchStore.AcceptBatchAsync"/>
/// (one transaction), then completes each caller's task: true/false once the commit is durable, or the commit's
/// exception for <b>every</b> caller of a failed batch (the channel then answers non-200 and is asked again). Nothing
/// is acknowledged from memory. Under load, N waiting callbacks cost one lock and one fsync instead of N; alone, a
/// message costs one commit as before (there is no waiting for company). The writer runs on its own thread because
/// Microsoft.Data.Sqlite's async calls are synchronous: callers wait on a task, not on a blocked pool thread.
/// Claiming and failure marking go straight to the store.
/// </summary>
public sealed class GroupCommitInbox : IInbox, IDisposable
{
    /// <summary>The most messages stored in one transaction.</summary>
    public const int DefaultMaxBatch = 256;

    private readonly IInboxBatchStore _store;
    private readonly ILogger _logger;
    private readonly int _maxBatch;
    private readonly BlockingCollection<Request> _queue = new(new ConcurrentQueue<Request>());
    private readonly Thread _writer;
    private int _disposed;
    private long _batches;
    private long _messages;

    /// <summary>Starts the writer thread.</summary>
    public GroupCommitInbox(IInboxBatchStore store, ILogger<GroupCommitInbox>? logger = null, int maxBatch = DefaultMaxBatch)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        _store = store;
        _logger = logger ?? NullLogger<GroupCommitInbox>.Instance;
        _maxBatch = maxBatch;
        _writer = new Thread(Run) { IsBackground = true, Name = "inbox-group-commit" };
        _writer.Start();
    }

    /// <summary>Transactions committed so far (with <see cref="MessagesWritten"/>: the average batch).</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Messages written so far, stored or found to be duplicates.</summary>
    public long MessagesWritten => Interlocked.Read(ref _messages);

    /// <inheritdoc/>
    public Task<bool> AcceptAsync(InboundMessage message, string? personId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var request = new Request(new InboxEntry(message, personId), cancellationToken);
        try
        {
            _queue.Add(request, CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            throw new ObjectDisposedException(nameof(GroupCommitInbox), "The inbox is shutting down; the message was not stored.");
        }

        return request.Completion.Task;
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<InboxItem>> ClaimPendingAsync(DateTimeOffset now, int limit, TimeSpan leaseFor, CancellationToken cancellationToken = default) =>
        _store.ClaimPendingAsync(now, limit, leaseFor, cancellationToken);

    /// <inheritdoc/>
    public Task MarkFailedAsync(long id, string error, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        _store.MarkFailedAsync(id, error, at, cancellationToken);

    /// <summary>Stops taking messages, writes what is queued, and stops the writer.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _queue.CompleteAdding();
        _writer.Join();
        _queue.Dispose();
    }

    private void Run()
    {
        var batch = new List<Request>(_maxBatch);
        foreach (var first in _queue.GetConsumingEnumerable())
        {
            batch.Clear();
            Add(batch, first);
            while (batch.Count < _maxBatch && _queue.TryTake(out var next))
            {
                Add(batch, next);
            }

            if (batch.Count > 0)
            {
                Write(batch);
            }
        }
    }

    /// <summary>A caller that gave up before its turn is not written (it was not acknowledged; the channel asks again).</summary>
    private static void Add(List<Request> batch, Request request)
    {
        if (request.CancellationToken.IsCancellationRequested)
        {
            request.Completion.TrySetCanceled(request.CancellationToken);
            return;
        }

        batch.Add(request);
    }

    private void Write(List<Request> batch)
    {
        try
        {
            // Synchronous on purpose: this thread exists to wait for the database. One caller's cancellation must not
            // cancel the others' commit.
            var stored = _store.AcceptBatchAsync([.. batch.Select(r => r.Entry)], CancellationToken.None).GetAwaiter().GetResult();
            if (stored.Count != batch.Count)
            {
                throw new InvalidOperationException($"The inbox store answered {stored.Count} results for {batch.Count} messages.");
            }

            Interlocked.Increment(ref _batches);
            Interlocked.Add(ref _messages, batch.Count);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Completion.TrySetResult(stored[i]);
            }
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Inbox batch of {Count} messages could not be stored; every caller is answered with the failure", batch.Count);
            foreach (var request in batch)
            {
                request.Completion.TrySetException(ex);
            }
        }
    }

    private sealed class Request(InboxEntry entry, CancellationToken cancellationToken)
    {
        public InboxEntry Entry { get; } = entry;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public TaskCompletionSource<bool> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
