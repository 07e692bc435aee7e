using ChatOps.Core.Conversations;
using ChatOps.Storage.Conversations;
using Dapper;

namespace ChatOps.Storage.Tests.Conversations;

/// <summary>
/// Group commit of inbox inserts (<see cref="GroupCommitInbox"/> over the SQLite <see cref="EngineStore"/>, on a real
/// file): many concurrent callers share one transaction, duplicates are still found per message, and a failed commit
/// fails every caller of its batch and stores none of it.
/// </summary>
public sealed class InboxGroupCommitTests : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 8, 0, 0, TimeSpan.Zero);
    private TestDatabase? _db;

    public async ValueTask InitializeAsync() => _db = await TestDatabase.SqliteAsync();

    public async ValueTask DisposeAsync() => await _db!.DisposeAsync();

    [Fact]
    public async Task AcceptAsync_ConcurrentDistinctAndDuplicateKeys_StoresEachKeyOnceAndRepeatsAreFalse()
    {
        var store = new GatedStore(new EngineStore(_db!.Database));
        using var inbox = new GroupCommitInbox(store);
        Assert.True(await inbox.AcceptAsync(Message("before"), null, TestContext.Current.CancellationToken)); // stored earlier: a retry of it is a duplicate
        store.Close();
        var opener = inbox.AcceptAsync(Message("opener"), null, TestContext.Current.CancellationToken);
        await store.Entered.WaitAsync(TestContext.Current.CancellationToken);

        // 100 distinct keys, each sent twice, and one retry of an earlier message, all while the writer is busy.
        var keys = Enumerable.Range(0, 100).Select(i => $"k{i}").ToList();
        var calls = keys.Concat(keys).Append("before").Select(k => (Key: k, Task: inbox.AcceptAsync(Message(k), "p-" + k, CancellationToken.None))).ToList();
        store.Open();
        var results = await Task.WhenAll(calls.Select(c => c.Task));

        Assert.True(await opener);
        Assert.Equal(100, results.Count(r => r));
        foreach (var key in keys)
        {
            Assert.Single(calls.Select((c, i) => (c.Key, Stored: results[i])), c => c.Key == key && c.Stored);
        }

        Assert.False(results[^1]);
        Assert.Equal(201, store.Sizes[^1]); // everything queued behind the opener went in one transaction
        Assert.Equal(keys.Append("before").Append("opener").Order(StringComparer.Ordinal), await StoredKeysAsync());
    }

    [Fact]
    public async Task AcceptAsync_BatchCommitFails_FailsEveryCallerOfTheBatchAndStoresNoneOfIt()
    {
        await using (var c = await _db!.Database.OpenAsync(TestContext.Current.CancellationToken))
        {
            // A real failure inside the transaction, on one row of the batch.
            await c.ExecuteAsync("""
                CREATE TRIGGER fail_boom BEFORE INSERT ON inbox WHEN NEW.sender_id = 'boom'
                BEGIN SELECT RAISE(ABORT, 'forced failure'); END
                """);
        }

        var store = new GatedStore(new EngineStore(_db.Database));
        using var inbox = new GroupCommitInbox(store);
        store.Close();
        var opener = inbox.AcceptAsync(Message("opener"), null, TestContext.Current.CancellationToken);
        await store.Entered.WaitAsync(TestContext.Current.CancellationToken);
        var calls = Enumerable.Range(0, 20).Select(i => inbox.AcceptAsync(Message($"b{i}", sender: i == 10 ? "boom" : "user"), null, CancellationToken.None)).ToList();
        store.Open();

        Assert.True(await opener);
        foreach (var call in calls)
        {
            await Assert.ThrowsAnyAsync<Exception>(() => call);
        }

        Assert.Equal([1, 20], store.Sizes);
        Assert.Equal(["opener"], await StoredKeysAsync());

        // The writer goes on after a failed batch.
        Assert.True(await inbox.AcceptAsync(Message("after"), null, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Dispose_WithQueuedMessages_WritesThemBeforeStopping()
    {
        var store = new GatedStore(new EngineStore(_db!.Database));
        var inbox = new GroupCommitInbox(store);
        store.Close();
        var opener = inbox.AcceptAsync(Message("opener"), null, TestContext.Current.CancellationToken);
        await store.Entered.WaitAsync(TestContext.Current.CancellationToken);
        var queued = inbox.AcceptAsync(Message("queued"), null, TestContext.Current.CancellationToken);
        var disposing = Task.Run(inbox.Dispose, TestContext.Current.CancellationToken);
        store.Open();
        await disposing;

        Assert.True(await opener);
        Assert.True(await queued);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => inbox.AcceptAsync(Message("late"), null, TestContext.Current.CancellationToken));
        Assert.Equal(["opener", "queued"], await StoredKeysAsync());
    }

    private static InboundMessage Message(string key, string sender = "user") =>
        new("wecom", key, sender, "本周完成整改12项。", null, null, At);

    private async Task<List<string>> StoredKeysAsync()
    {
        await using var c = await _db!.Database.OpenAsync(TestContext.Current.CancellationToken);
        return [.. (await c.QueryAsync<string>("SELECT dedupe_key FROM inbox")).Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// The real store behind a gate: when closed, the next batch waits inside the writer (after taking its messages) until
    /// opened, so a test knows what queues behind it. Records each batch's size.
    /// </summary>
    private sealed class GatedStore(EngineStore inner) : IInboxBatchStore
    {
        private readonly SemaphoreSlim _gate = new(1, 1);

        public SemaphoreSlim Entered { get; } = new(0);

        public List<int> Sizes { get; } = [];

        public void Close() => _gate.Wait();

        public void Open() => _gate.Release();

        public async Task<IReadOnlyList<bool>> AcceptBatchAsync(IReadOnlyList<InboxEntry> entries, CancellationToken cancellationToken = default)
        {
            if (_gate.CurrentCount == 0)
            {
                Entered.Release();
            }

            await _gate.WaitAsync(cancellationToken);
            _gate.Release();
            lock (Sizes)
            {
                Sizes.Add(entries.Count);
            }

            return await inner.AcceptBatchAsync(entries, cancellationToken);
        }

        public Task<bool> AcceptAsync(InboundMessage message, string? personId, CancellationToken cancellationToken = default) =>
            inner.AcceptAsync(message, personId, cancellationToken);

        public Task<IReadOnlyList<InboxItem>> ClaimPendingAsync(DateTimeOffset now, int limit, TimeSpan leaseFor, CancellationToken cancellationToken = default) =>
            inner.ClaimPendingAsync(now, limit, leaseFor, cancellationToken);

        public Task MarkFailedAsync(long id, string error, DateTimeOffset at, CancellationToken cancellationToken = default) =>
            ((IInbox)inner).MarkFailedAsync(id, error, at, cancellationToken);
    }
}
