using Dapper;
using Npgsql;

namespace ChatOps.Storage.Tests.Conversations;

/// <summary>
/// Transactions that only take leases (<see cref="Database.BeginLeaseAsync"/>: the inbox's and the outbox's claims)
/// commit without waiting for the disk, on every provider that can do so for one transaction: SQLite's write connection
/// with <c>synchronous</c> NORMAL, PostgreSQL with <c>synchronous_commit</c> off for that transaction. Every other write
/// still waits, the one right after a lease included (SQLite's setting belongs to the connection, and it is the same
/// connection). Not on SQL Server: it has no per-transaction switch (delayed durability must be allowed on the whole
/// database), so its leases commit as every other write and there is nothing to assert.
/// </summary>
public abstract class LeaseCommitContract<TProvider> : ProviderContract<TProvider>
    where TProvider : ITestProvider
{
    [Fact]
    public async Task Lease_CommitsWithoutWaitingForTheDisk_WhileEveryOtherWriteStillWaits()
    {
        var (durable, relaxed) = await ExpectedAsync();

        for (var round = 0; round < 2; round++)
        {
            await using (var lease = await Db.Database.BeginLeaseAsync(Ct))
            {
                Assert.Equal(relaxed, await SettingAsync(lease));
                await lease.CommitAsync(Ct);
            }

            foreach (var priority in new[] { true, false })
            {
                await using var write = await Db.Database.BeginWriteAsync(priority, Ct);
                Assert.Equal(durable, await SettingAsync(write));
                await write.CommitAsync(Ct);
            }
        }
    }

    /// <summary>
    /// The setting of a durable write and of a lease. PostgreSQL's test server runs with <c>synchronous_commit</c> off
    /// (tests/postgres.sh), so this database is set to on first, as a durable server is.
    /// </summary>
    private async Task<(string Durable, string Relaxed)> ExpectedAsync()
    {
        switch (Db.Database.Provider)
        {
            case StorageProviders.Sqlite:
                return ("2", "1"); // FULL, NORMAL
            case StorageProviders.PostgreSql:
                await using (var c = await Db.Database.OpenAsync(Ct))
                {
                    var name = await c.ExecuteScalarAsync<string>("SELECT current_database()");
                    await c.ExecuteAsync($"ALTER DATABASE \"{name}\" SET synchronous_commit TO on");
                }

                NpgsqlConnection.ClearAllPools(); // new sessions take the database's setting
                return ("on", "off");
            default:
                throw new NotSupportedException(Db.Database.Provider);
        }
    }

    private async Task<string> SettingAsync(WriteTransaction write)
    {
        var sql = Db.Database.Provider switch
        {
            StorageProviders.Sqlite => "PRAGMA synchronous",
            StorageProviders.PostgreSql => "SHOW synchronous_commit",
            _ => throw new NotSupportedException(Db.Database.Provider),
        };
        var value = await write.Connection.ExecuteScalarAsync<object>(sql, transaction: write.Transaction);
        return Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!;
    }
}

public sealed class SqliteLeaseCommitTests : LeaseCommitContract<OnSqlite>;

public sealed class PostgreSqlLeaseCommitTests : LeaseCommitContract<OnPostgreSql>;
