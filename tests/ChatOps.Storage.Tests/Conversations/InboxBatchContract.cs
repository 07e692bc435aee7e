using System.Data.Common;
using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;
using ChatOps.Storage.Conversations;

namespace ChatOps.Storage.Tests.Conversations;

/// <summary>
/// The inbox's group commit on every provider: a batch stores each key once and says which rows were new, and a batch
/// with a row that cannot be stored stores nothing of it — whether it travels in one round trip with its commit
/// (PostgreSQL, up to <see cref="RowBatch.ChunkSize"/> rows) or in an explicit transaction (SQLite, larger batches).
/// </summary>
public abstract class InboxBatchContract<TProvider> : ProviderContract<TProvider>
    where TProvider : ITestProvider
{
    private static readonly DateTimeOffset At = new(2026, 12, 4, 23, 0, 0, TimeSpan.Zero);

    private static InboxEntry Entry(string key, string channel = ChannelNames.WeCom) =>
        new(new InboundMessage(channel, key, "user-" + key, "本周进展", null, null, At), null);

    [Fact]
    public async Task AcceptBatch_DuplicatesWithinAndAgainstStored_StoresEachKeyOnce_AndSaysWhichWereNew()
    {
        var store = new EngineStore(Db.Database);
        Assert.Equal([true], await store.AcceptBatchAsync([Entry("k0")], Ct));

        var stored = await store.AcceptBatchAsync([Entry("k1"), Entry("k0"), Entry("k2"), Entry("k1")], Ct);

        Assert.Equal([true, false, true, false], stored);
        Assert.Equal(["k0", "k1", "k2"], await KeysAsync(store));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(RowBatch.ChunkSize + 2)]
    public async Task AcceptBatch_ARowThatCannotBeStored_StoresNoneOfTheBatch_AndThrows(int count)
    {
        var store = new EngineStore(Db.Database);
        Assert.Equal([true], await store.AcceptBatchAsync([Entry("before")], Ct));
        var entries = Enumerable.Range(0, count - 1).Select(i => Entry($"k{i}")).ToList();
        entries.Add(Entry("bad", channel: null!)); // the inbox's channel is NOT NULL: the last row fails

        await Assert.ThrowsAnyAsync<DbException>(() => store.AcceptBatchAsync(entries, Ct));

        Assert.Equal(["before"], await KeysAsync(store));
    }

    private static async Task<List<string>> KeysAsync(EngineStore store) =>
        [.. (await store.ClaimPendingAsync(At, 10_000, TimeSpan.FromMinutes(5), Ct)).Select(i => i.Message.DedupeKey).Order(StringComparer.Ordinal)];
}

public sealed class SqliteInboxBatchTests : InboxBatchContract<OnSqlite>;

public sealed class SqlServerInboxBatchTests : InboxBatchContract<OnSqlServer>;

public sealed class PostgreSqlInboxBatchTests : InboxBatchContract<OnPostgreSql>;
