using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;
using ChatOps.Storage.Conversations;

namespace ChatOps.Storage.Tests.Conversations;

/// <summary>
/// Marking inbox messages handled (<see cref="IUnitOfWork.MarkInboxProcessedAsync"/>) on every provider: the marks of a
/// unit of work are written with its commit, in one batch (more than one round trip's worth where the dialect batches),
/// a turn rolled back to its savepoint takes its mark with it, and a unit of work never committed marks nothing.
/// A message not marked is claimed again once its lease is over.
/// </summary>
public abstract class InboxMarksContract<TProvider> : ProviderContract<TProvider>
    where TProvider : ITestProvider
{
    private static readonly DateTimeOffset At = new(2026, 12, 4, 1, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Marks_AreWrittenWithTheCommit_AndATurnRolledBackToItsSavepointTakesItsMarkWithIt()
    {
        var store = new EngineStore(Db.Database);
        var ids = await AcceptAndClaimAsync(store, 3);

        await using (var uow = await store.BeginAsync(Ct))
        {
            var turns = Assert.IsAssignableFrom<IUnitOfWorkSavepoints>(uow);
            await turns.SaveAsync("turn0", Ct);
            await uow.MarkInboxProcessedAsync(ids[0], At, Ct);
            await turns.SaveAsync("turn1", Ct);
            await uow.MarkInboxProcessedAsync(ids[1], At, Ct);
            await turns.RollbackToAsync("turn1", Ct); // the turn failed after marking: its mark goes too
            await turns.SaveAsync("turn2", Ct);
            await uow.MarkInboxProcessedAsync(ids[2], At, Ct);
            await uow.CommitAsync(Ct);
        }

        Assert.Equal([ids[1]], await ClaimAgainAsync(store));
    }

    [Fact]
    public async Task Marks_OfAUnitOfWorkNeverCommitted_AreNotWritten()
    {
        var store = new EngineStore(Db.Database);
        var ids = await AcceptAndClaimAsync(store, 2);

        await using (var uow = await store.BeginAsync(Ct))
        {
            await uow.MarkInboxProcessedAsync(ids[0], At, Ct);
            await uow.MarkInboxProcessedAsync(ids[1], At, Ct);
        }

        Assert.Equal(ids, await ClaimAgainAsync(store));
    }

    [Fact]
    public async Task Marks_MoreThanOneChunk_AreAllWritten()
    {
        var store = new EngineStore(Db.Database);
        var count = (RowBatch.ChunkSize * 2) + 3;
        var ids = await AcceptAndClaimAsync(store, count);

        await using (var uow = await store.BeginAsync(Ct))
        {
            foreach (var id in ids.Skip(1))
            {
                await uow.MarkInboxProcessedAsync(id, At, Ct);
            }

            await uow.CommitAsync(Ct);
        }

        Assert.Equal([ids[0]], await ClaimAgainAsync(store));
    }

    /// <summary>The schedulers' question (<see cref="DeadlineHold"/>): when the oldest message not yet handled was received.</summary>
    [Fact]
    public async Task OldestUnhandledMessage_IsTheEarliestReceivedOfThoseNotMarked_AndNoneOnceAllAre()
    {
        var store = new EngineStore(Db.Database);
        await using (var uow = await store.BeginAsync(Ct))
        {
            Assert.Null(await uow.OldestUnhandledMessageAsync(Ct));
        }

        var late = At.AddMinutes(5);
        Assert.Equal([true, true], await store.AcceptBatchAsync(
            [new(new InboundMessage(ChannelNames.WeCom, "later", "user1", "收到", null, null, late), null),
             new(new InboundMessage(ChannelNames.WeCom, "earlier", "user2", "提交", null, null, At), null)], Ct));
        var ids = (await store.ClaimPendingAsync(late, 10, Lease, Ct)).Select(i => i.Id).ToList();
        await using (var uow = await store.BeginAsync(Ct))
        {
            Assert.Equal(At, await uow.OldestUnhandledMessageAsync(Ct)); // received first, though stored second
            await uow.MarkInboxProcessedAsync(ids[1], late, Ct);
            await uow.CommitAsync(Ct);
        }

        await using (var uow = await store.BeginAsync(Ct))
        {
            Assert.Equal(late, await uow.OldestUnhandledMessageAsync(Ct));
            await uow.MarkInboxProcessedAsync(ids[0], late, Ct);
            await uow.CommitAsync(Ct);
        }

        await using (var uow = await store.BeginAsync(Ct))
        {
            Assert.Null(await uow.OldestUnhandledMessageAsync(Ct));
        }
    }

    private static async Task<List<long>> AcceptAndClaimAsync(EngineStore store, int count)
    {
        var entries = Enumerable.Range(0, count)
            .Select(i => new InboxEntry(new InboundMessage(ChannelNames.WeCom, $"msg-{i}", $"user{i}", "本周进展", null, null, At), null))
            .ToList();
        Assert.All(await store.AcceptBatchAsync(entries, Ct), Assert.True);
        var claimed = await store.ClaimPendingAsync(At, count, Lease, Ct);
        Assert.Equal(count, claimed.Count);
        return [.. claimed.Select(i => i.Id).Order()];
    }

    /// <summary>What is claimed once every lease is over: the messages not marked handled.</summary>
    private static async Task<List<long>> ClaimAgainAsync(EngineStore store) =>
        [.. (await store.ClaimPendingAsync(At + Lease + TimeSpan.FromMinutes(1), 10_000, Lease, Ct)).Select(i => i.Id).Order()];
}

public sealed class SqliteInboxMarksTests : InboxMarksContract<OnSqlite>;

public sealed class SqlServerInboxMarksTests : InboxMarksContract<OnSqlServer>;

public sealed class PostgreSqlInboxMarksTests : InboxMarksContract<OnPostgreSql>;
