using System.Data.Common;

namespace ChatOps.Storage.Tests;

/// <summary>
/// SQLite's busy_timeout is set once per SQLite handle, not on every open (docs/benchmarks.md, "CPU per message"): every
/// connection the database hands out — a pooled handle reused, or a new one opened beside it — still waits 30 s.
/// </summary>
public sealed class SqliteConnectionSetupTests : IAsyncLifetime
{
    private TestDatabase? _db;

    public async ValueTask InitializeAsync() => _db = await TestDatabase.SqliteAsync();

    public async ValueTask DisposeAsync() => await _db!.DisposeAsync();

    [Fact]
    public async Task Open_PooledAndNewHandles_EveryConnectionHasTheBusyTimeout()
    {
        var db = _db!.Database;
        for (var i = 0; i < 5; i++)
        {
            await using var reused = await db.OpenAsync(TestContext.Current.CancellationToken);
            Assert.Equal(30000L, await BusyTimeoutAsync(reused));
        }

        var several = new List<DbConnection>();
        try
        {
            for (var i = 0; i < 4; i++)
            {
                several.Add(await db.OpenAsync(TestContext.Current.CancellationToken)); // open at once: new handles beside the pooled one
            }

            foreach (var connection in several)
            {
                Assert.Equal(30000L, await BusyTimeoutAsync(connection));
            }
        }
        finally
        {
            foreach (var connection in several)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private static async Task<long> BusyTimeoutAsync(DbConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout;";
        return Convert.ToInt64(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }
}
