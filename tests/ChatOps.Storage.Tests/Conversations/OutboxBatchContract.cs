using ChatOps.Core.Conversations;
using ChatOps.Storage.Conversations;

namespace ChatOps.Storage.Tests.Conversations;

/// <summary>
/// Queuing many messages at once (<see cref="OutboxStore.EnqueueManyAsync"/>, 10,000 prompts) on every provider: more
/// rows than one round trip carries where the dialect batches (<see cref="RowBatch.ChunkSize"/>), with dedupe keys
/// queued before and repeated inside the batch across a chunk boundary. Each key is queued once and the answer says
/// which; a person's last card is the last card actually queued for them, never a refused duplicate's.
/// </summary>
public abstract class OutboxBatchContract<TProvider> : ProviderContract<TProvider>
    where TProvider : ITestProvider
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 1, 0, 0, TimeSpan.Zero);
    private static readonly int Count = (RowBatch.ChunkSize * 2) + 3;

    [Fact]
    public async Task EnqueueMany_MoreThanOneChunk_QueuesEachKeyOnceAndKeepsTheLastQueuedCard()
    {
        var store = new EngineStore(Db.Database);
        await using (var first = await store.BeginAsync(Ct))
        {
            Assert.True(await first.Outbox.EnqueueAsync(Card("p0", "k0", "早先"), Ct));
            await first.CommitAsync(Ct);
        }

        var repeat = RowBatch.ChunkSize + 7; // in the second chunk, repeating item 3's key
        var again = Count - 1; // p5 again, in the last chunk, with a key of its own
        var items = Enumerable.Range(0, Count).Select(i =>
            i == repeat ? Card("p3", "k3", "重复")
            : i == again ? Card("p5", $"k{i}", "第二张")
            : Card($"p{i}", $"k{i}", $"第{i}张")).ToList();

        IReadOnlyList<bool> queued;
        await using (var uow = await store.BeginAsync(Ct))
        {
            queued = await uow.Outbox.EnqueueManyAsync(items, Ct);
            await uow.CommitAsync(Ct);
        }

        Assert.Equal(Count, queued.Count);
        Assert.Equal([0, repeat], Enumerable.Range(0, Count).Where(i => !queued[i]));
        var due = await store.ClaimDueAsync(At.AddMinutes(1), Count + 10, TimeSpan.FromMinutes(1), Ct);
        Assert.Equal(Count - 1, due.Count); // k0 once (the earlier one) and every other key once
        Assert.Single(due, i => i.DedupeKey == "k3");

        await using var read = await store.BeginAsync(Ct);
        Assert.Equal("早先", (await read.LastCards.FindAsync("p0", Ct))!.Choices[0].Label);
        Assert.Equal("第3张", (await read.LastCards.FindAsync("p3", Ct))!.Choices[0].Label);
        Assert.Equal("第二张", (await read.LastCards.FindAsync("p5", Ct))!.Choices[0].Label);
        Assert.Equal($"第{Count - 2}张", (await read.LastCards.FindAsync($"p{Count - 2}", Ct))!.Choices[0].Label);
    }

    [Fact]
    public async Task EnqueueMany_NoItems_QueuesNothing()
    {
        var store = new EngineStore(Db.Database);
        await using var uow = await store.BeginAsync(Ct);

        Assert.Empty(await uow.Outbox.EnqueueManyAsync([], Ct));
        await uow.CommitAsync(Ct);
        Assert.Empty(await store.ClaimDueAsync(At.AddMinutes(1), 10, TimeSpan.FromMinutes(1), Ct));
    }

    private static OutboxItem Card(string person, string dedupeKey, string label) =>
        new(0, Core.Organization.ChannelNames.WeCom, person, person, null,
            OutboundMessage.Ask("本周进展请于周四17:00前报送。", new Choice(label, "report")), dedupeKey, At);
}

public sealed class SqliteOutboxBatchTests : OutboxBatchContract<OnSqlite>;

public sealed class SqlServerOutboxBatchTests : OutboxBatchContract<OnSqlServer>;

public sealed class PostgreSqlOutboxBatchTests : OutboxBatchContract<OnPostgreSql>;
