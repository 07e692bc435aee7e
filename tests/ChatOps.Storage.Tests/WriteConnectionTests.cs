using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;
using ChatOps.Storage.Dialects;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ChatOps.Storage.Tests;

/// <summary>
/// SQLite's write transactions taken with the write turn run on one connection kept open (<see cref="Database.BeginWriteAsync"/>),
/// so its page cache survives from one write to the next; the turn goes with the connection until the dispose; a
/// rolled-back or broken transaction leaves the next writer a working connection; disposing the database closes it. The
/// connection is SQLite's own, outside the pool, with a larger page cache than the pool's connections.
/// </summary>
public sealed class WriteConnectionTests : IAsyncLifetime
{
    private const int CacheMiss = 8; // SQLITE_DBSTATUS_CACHE_MISS
    private const long Full = 2; // PRAGMA synchronous
    private const long Normal = 1;
    private TestDatabase? _db;

    private Database Db => _db!.Database;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.SqliteAsync();
        await using var write = await Db.BeginWriteAsync(priority: false, Ct);
        await write.Connection.ExecuteAsync("CREATE TABLE scratch (id INTEGER PRIMARY KEY, text TEXT NOT NULL)", transaction: write.Transaction);
        for (var i = 0; i < 200; i++)
        {
            await write.Connection.ExecuteAsync("INSERT INTO scratch (text) VALUES (@Text)", new { Text = new string('x', 500) }, write.Transaction);
        }

        await write.CommitAsync(Ct);
    }

    public async ValueTask DisposeAsync() => await _db!.DisposeAsync();

    [Fact]
    public async Task BeginWrite_WritesOneAfterAnother_RunOnOneConnectionWhosePagesStayCached()
    {
        SqliteConnection first;
        await using (var write = await Db.BeginWriteAsync(priority: false, Ct))
        {
            first = Assert.IsType<SqliteConnection>(write.Connection);
            await ReadAllAsync(write); // the pages in this connection's cache
            await write.CommitAsync(Ct);
        }

        await using (var write = await Db.BeginWriteAsync(priority: true, Ct))
        {
            Assert.Same(first, write.Connection);
            await write.Connection.ExecuteAsync("INSERT INTO scratch (text) VALUES ('another writer')", transaction: write.Transaction);
            await write.CommitAsync(Ct);
        }

        await using (var write = await Db.BeginWriteAsync(priority: false, Ct))
        {
            Assert.Same(first, write.Connection);
            ResetCacheMisses(first);
            Assert.Equal(201, await ReadAllAsync(write));
            Assert.Equal(0, ResetCacheMisses(first)); // every page from the cache: nothing read from the WAL or the file
            await write.CommitAsync(Ct);
        }

        // What a connection of the pool meets after any other connection's commit: its cache dropped, every page read again.
        await using var pooled = (SqliteConnection)await Db.OpenAsync(Ct);
        Assert.NotSame(first, pooled);
        await pooled.QueryAsync<string>("SELECT text FROM scratch");
        await using (var write = await Db.BeginWriteAsync(priority: false, Ct))
        {
            await write.Connection.ExecuteAsync("INSERT INTO scratch (text) VALUES ('a third')", transaction: write.Transaction);
            await write.CommitAsync(Ct);
        }

        ResetCacheMisses(pooled);
        Assert.Equal(202, (await pooled.QueryAsync<string>("SELECT text FROM scratch")).Count());
        Assert.True(ResetCacheMisses(pooled) > 10);
    }

    [Fact]
    public async Task BeginWrite_PagesBeyondSqlitesDefaultCache_StayCachedOnTheWriteConnectionOnly()
    {
        SqliteConnection writer;
        await using (var write = await Db.BeginWriteAsync(priority: false, Ct))
        {
            writer = (SqliteConnection)write.Connection;
            for (var i = 0; i < 4_000; i++) // about 4 MiB with the 200 rows before: twice SQLite's default cache of 2,000 KiB
            {
                await write.Connection.ExecuteAsync("INSERT INTO scratch (text) VALUES (@Text)", new { Text = new string('y', 1_000) }, write.Transaction);
            }

            await write.CommitAsync(Ct);
        }

        await using (var write = await Db.BeginWriteAsync(priority: false, Ct))
        {
            Assert.Equal(4_200, await ReadAllAsync(write));
            ResetCacheMisses(writer);
            Assert.Equal(4_200, await ReadAllAsync(write));
            Assert.Equal(0, ResetCacheMisses(writer)); // with the default cache a scan of twice its size misses on every page
            Assert.Equal(-SqliteDialect.WriterCacheKiB, await write.Connection.ExecuteScalarAsync<long>("PRAGMA cache_size", transaction: write.Transaction));
            await write.CommitAsync(Ct);
        }

        // The pool's connections keep SQLite's default, also once the write connection is closed: the large cache is
        // the write connection's alone and never passes to the pool.
        await using (var pooled = await Db.OpenAsync(Ct))
        {
            Assert.Equal(-2_000, await pooled.ExecuteScalarAsync<long>("PRAGMA cache_size"));
        }

        await Db.DisposeAsync();
        await using var one = await Db.OpenAsync(Ct);
        await using var two = await Db.OpenAsync(Ct);
        Assert.Equal(-2_000, await one.ExecuteScalarAsync<long>("PRAGMA cache_size"));
        Assert.Equal(-2_000, await two.ExecuteScalarAsync<long>("PRAGMA cache_size"));
    }

    [Fact]
    public async Task BeginWrite_AfterTheHolderCommits_TheNextWriterWaitsUntilItIsDisposed()
    {
        var holder = await Db.BeginWriteAsync(priority: false, Ct);
        await holder.Connection.ExecuteAsync("INSERT INTO scratch (text) VALUES ('held')", transaction: holder.Transaction);
        await holder.CommitAsync(Ct);

        var next = Task.Run(() => Db.BeginWriteAsync(priority: true, Ct), Ct); // a priority writer blocks its thread
        await Task.Delay(50, Ct);
        Assert.False(next.IsCompleted); // the connection is still the holder's

        await holder.DisposeAsync();
        await using var write = await next.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal(201, await ReadAllAsync(write));
    }

    [Fact]
    public async Task BeginWrite_PreviousWriteDisposedUncommitted_NothingOfItStaysAndTheNextWriteCommits()
    {
        await using (var write = await Db.BeginWriteAsync(priority: false, Ct))
        {
            await write.Connection.ExecuteAsync("INSERT INTO scratch (text) VALUES ('abandoned')", transaction: write.Transaction);
        }

        await using (var write = await Db.BeginWriteAsync(priority: false, Ct))
        {
            Assert.Equal(200, await ReadAllAsync(write));
            await write.Connection.ExecuteAsync("INSERT INTO scratch (text) VALUES ('kept')", transaction: write.Transaction);
            await write.CommitAsync(Ct);
        }

        Assert.Equal(["kept"], await TextsFromAPooledConnectionAsync("kept", "abandoned"));
    }

    [Fact]
    public async Task BeginWrite_ConnectionBrokenDuringAWrite_TheNextWriterOpensANewOneAndCommits()
    {
        SqliteConnection broken;
        await using (var write = await Db.BeginWriteAsync(priority: false, Ct))
        {
            broken = (SqliteConnection)write.Connection;
            await write.Connection.ExecuteAsync("INSERT INTO scratch (text) VALUES ('lost')", transaction: write.Transaction);
            await broken.CloseAsync(); // as a failed handle would: the transaction ends with it
        }

        await using (var write = await Db.BeginWriteAsync(priority: false, Ct))
        {
            Assert.NotSame(broken, write.Connection);
            await write.Connection.ExecuteAsync("INSERT INTO scratch (text) VALUES ('after')", transaction: write.Transaction);
            await write.CommitAsync(Ct);
        }

        Assert.Equal(["after"], await TextsFromAPooledConnectionAsync("after", "lost"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // as a container disposed synchronously does
    public async Task Dispose_TheWriteConnectionIsClosed_SoTheLastCloseRemovesTheWal(bool synchronously)
    {
        await using (var write = await Db.BeginWriteAsync(priority: false, Ct))
        {
            await write.Connection.ExecuteAsync("INSERT INTO scratch (text) VALUES ('last')", transaction: write.Transaction);
            await write.CommitAsync(Ct);
        }

        var wal = Db.DataFile + "-wal";
        SqliteConnection.ClearAllPools();
        Assert.True(File.Exists(wal)); // the write connection is open

        if (synchronously)
        {
            Db.Dispose();
        }
        else
        {
            await Db.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        Assert.False(File.Exists(wal));
        Assert.Equal(["last"], await TextsFromAPooledConnectionAsync("last"));
    }

    [Fact]
    public async Task Execute_WhileAnotherHoldsTheWriteTurn_WaitsInLineAndCommitsBeforeTheWriterBehindIt()
    {
        var insert = SqlStatement.Portable("InsertAlone", "INSERT INTO scratch (text) VALUES ('alone')");
        var holder = await Db.BeginWriteAsync(priority: false, Ct);
        var change = Task.Run(() => Db.ExecuteAsync(insert, null, Ct), Ct); // off this thread: a write in SQLite's busy handler would block it
        await Task.Delay(100, Ct);
        var behind = Task.Run(() => Db.BeginWriteAsync(priority: false, Ct), Ct);
        await Task.Delay(50, Ct);
        Assert.False(change.IsCompleted);

        await holder.DisposeAsync();
        await using var next = await behind.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        // In line, the change had its turn before the writer that came after it, so its row is committed when that
        // writer begins; in SQLite's busy handler it would still be asleep when the turn passed to that writer. (Whether
        // the change's task has completed by now is a race with its last continuation: its row is what it left.)
        Assert.Equal(1, await next.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM scratch WHERE text = 'alone'", transaction: next.Transaction));
        Assert.Equal(1, await change.WaitAsync(TimeSpan.FromSeconds(10), Ct));
    }

    [Fact]
    public async Task InTransaction_RunsInTheWriteTurn_OnTheWriteConnection()
    {
        SqliteConnection? used = null;
        await Db.InTransactionAsync(async (connection, transaction) =>
        {
            used = (SqliteConnection)connection;
            return await connection.ExecuteAsync("INSERT INTO scratch (text) VALUES ('in a transaction')", transaction: transaction);
        }, Ct);

        await using var write = await Db.BeginWriteAsync(priority: false, Ct);
        Assert.Same(used, write.Connection);
        Assert.Equal(201, await ReadAllAsync(write));
    }

    [Fact]
    public async Task Claims_TakeTheirLeasesWithoutWaitingForTheDisk_WhileTheInboxStillWaits()
    {
        var at = new DateTimeOffset(2026, 12, 5, 8, 0, 0, TimeSpan.Zero);
        var store = new ChatOps.Storage.Conversations.EngineStore(Db);
        SqliteConnection writer;
        await using (var write = await Db.BeginWriteAsync(priority: false, Ct))
        {
            writer = (SqliteConnection)write.Connection;
            await write.CommitAsync(Ct);
        }

        // Between transactions, read on the write connection itself: its setting is what the last transaction had.
        Assert.Equal(Full, Synchronous(writer));
        Assert.True(await store.AcceptAsync(new InboundMessage(ChannelNames.WeCom, "m1", "u1", "本周进展", null, null, at), null, Ct));
        Assert.Equal(Full, Synchronous(writer));
        Assert.Single(await store.ClaimPendingAsync(at, 10, TimeSpan.FromMinutes(5), Ct));
        Assert.Equal(Normal, Synchronous(writer));
        Assert.True(await store.AcceptAsync(new InboundMessage(ChannelNames.WeCom, "m2", "u1", "本周进展", null, null, at), null, Ct));
        Assert.Equal(Full, Synchronous(writer));
        Assert.Empty(await store.ClaimDueAsync(at, 10, TimeSpan.FromMinutes(1), Ct));
        Assert.Equal(Normal, Synchronous(writer));
        await using (var write = await Db.BeginWriteAsync(priority: false, Ct))
        {
            await write.CommitAsync(Ct);
        }

        Assert.Equal(Full, Synchronous(writer));
    }

    private static async Task<int> ReadAllAsync(WriteTransaction write) =>
        (await write.Connection.QueryAsync<string>("SELECT text FROM scratch ORDER BY id", transaction: write.Transaction)).Count();

    private async Task<string[]> TextsFromAPooledConnectionAsync(params string[] texts)
    {
        await using var c = await Db.OpenAsync(Ct);
        return [.. await c.QueryAsync<string>("SELECT text FROM scratch WHERE text IN @Texts ORDER BY id", new { Texts = texts })];
    }

    private static long Synchronous(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>The connection's page cache misses since the last call (SQLite's own count).</summary>
    private static int ResetCacheMisses(SqliteConnection connection)
    {
        Assert.Equal(0, SQLitePCL.raw.sqlite3_db_status(connection.Handle, CacheMiss, out var misses, out _, 1));
        return misses;
    }
}
