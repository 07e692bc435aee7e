using System.Text.RegularExpressions;
using ChatOps.Storage;
using ChatOps.Storage.Dialects;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace ChatOps.Storage.Tests;

/// <summary>
/// Every statement's PostgreSQL text is parsed and planned by a real server against the migrated schema (the server
/// resolves tables, columns and parameter types while preparing), and the migrator keeps its promises there.
/// Skipped with a reason without CHATOPS_TEST_POSTGRES.
/// </summary>
public sealed partial class PostgreSqlStatementTests(PostgreSqlStatementTests.MigratedDatabase fixture)
    : IClassFixture<PostgreSqlStatementTests.MigratedDatabase>
{
    private TestDatabase Db => fixture.Get();

    [Theory]
    [MemberData(nameof(Statements))]
    public async Task Statement_PreparesAgainstTheMigratedSchema(string owner, string name)
    {
        var sql = new PostgreSqlDialect().Text(SqlStatementCatalog.Find(owner, name));
        await using var c = (NpgsqlConnection)await Db.Database.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, c);
        foreach (var parameter in Parameter().Matches(sql).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal))
        {
            // Untyped, so the server infers each type; where it cannot (`@X IS NULL`), text, as Dapper sends a string.
            var inferable = !Regex.IsMatch(sql, $@"@{parameter}\s+IS\s+(NOT\s+)?NULL", RegexOptions.IgnoreCase);
            command.Parameters.Add(inferable
                ? new NpgsqlParameter(parameter, DBNull.Value)
                : new NpgsqlParameter(parameter, NpgsqlTypes.NpgsqlDbType.Text) { Value = DBNull.Value });
        }

        var ex = await Record.ExceptionAsync(() => command.PrepareAsync(TestContext.Current.CancellationToken));

        Assert.True(ex is null, $"{owner}.{name}: {ex?.Message}");
    }

    public static TheoryData<string, string> Statements() => SqlStatementCatalog.Names();

    [GeneratedRegex(@"(?<![@\w])@(\w+)")]
    private static partial Regex Parameter();

    /// <summary>One migrated database for all the statements (created lazily, so a missing server skips each case).</summary>
    public sealed class MigratedDatabase : IAsyncDisposable
    {
        private readonly Lazy<TestDatabase> _db = new(() => TestDatabase.PostgreSqlAsync().GetAwaiter().GetResult());

        public TestDatabase Get()
        {
            PostgresServer.RequireOrSkip();
            return _db.Value;
        }

        public async ValueTask DisposeAsync()
        {
            if (_db.IsValueCreated)
            {
                await _db.Value.DisposeAsync();
            }
        }
    }
}

public sealed class PostgreSqlMigratorTests
{
    [Fact]
    public async Task MigrateAsync_EmptyDatabase_RunsEveryScriptOnceAndRefusesNewerCode()
    {
        var server = PostgresServer.RequireOrSkip();
        var name = await server.CreateDatabaseAsync();
        try
        {
            var options = new StorageOptions { Provider = StorageProviders.PostgreSql, ConnectionString = server.ConnectionStringFor(name) };
            var migrator = new Migrator(new Database(options), NullLogger<Migrator>.Instance);

            var ran = await migrator.MigrateAsync(TestContext.Current.CancellationToken);
            var again = await new Migrator(new Database(options), NullLogger<Migrator>.Instance).MigrateAsync(TestContext.Current.CancellationToken);

            Assert.Equal(migrator.KnownScripts(), ran);
            Assert.All(ran, s => Assert.StartsWith("ChatOps.Storage.Migrations.PostgreSql.", s, StringComparison.Ordinal));
            Assert.Empty(again);

            await using (var c = await new Database(options).OpenAsync(TestContext.Current.CancellationToken))
            {
                await c.ExecuteAsync("INSERT INTO SchemaVersions (ScriptName, Applied) VALUES ('ChatOps.Storage.Migrations.PostgreSql.9999_future.sql', now())");
            }

            var ex = await Assert.ThrowsAsync<DatabaseStartupException>(
                () => new Migrator(new Database(options), NullLogger<Migrator>.Instance).MigrateAsync(TestContext.Current.CancellationToken));
            Assert.Contains("newer ChatOps", ex.Message, StringComparison.Ordinal);
            Assert.Contains("PostgreSql.9999_future.sql", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            await server.DropDatabaseAsync(name);
        }
    }

    [Fact]
    public async Task MigrateAsync_ThreeInstancesAtOnce_MigrateOneAfterTheOther()
    {
        var server = PostgresServer.RequireOrSkip();
        var name = await server.CreateDatabaseAsync();
        try
        {
            var options = new StorageOptions { Provider = StorageProviders.PostgreSql, ConnectionString = server.ConnectionStringFor(name) };

            var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
                Task.Run(() => new Migrator(new Database(options), NullLogger<Migrator>.Instance).MigrateAsync(TestContext.Current.CancellationToken))));

            Assert.Single(runs, r => r.Count > 0);
            Assert.Equal(2, runs.Count(r => r.Count == 0));
        }
        finally
        {
            await server.DropDatabaseAsync(name);
        }
    }

    [Fact]
    public async Task MigrateAsync_ServerUnreachable_SaysSoInOneLine()
    {
        var db = new Database(new StorageOptions { Provider = StorageProviders.PostgreSql, ConnectionString = "Host=127.0.0.1;Port=1;Database=x;Timeout=2" });

        var ex = await Assert.ThrowsAsync<DatabaseStartupException>(
            () => new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync(TestContext.Current.CancellationToken));

        Assert.Contains("PostgreSql database cannot be reached", ex.Message, StringComparison.Ordinal);
    }
}

/// <summary>
/// The bot's PostgreSQL connections prepare the statements they run often (Npgsql's automatic preparation) and are not
/// reset when they go back to the pool, each unless the operator's connection string says otherwise; the migrator
/// connects as configured.
/// </summary>
public sealed class PostgreSqlConnectionTests
{
    [Fact]
    public void Connection_NothingConfigured_PreparesAutomatically_NoResetOnClose_MigratorAsConfigured()
    {
        const string configured = "Host=db;Database=chatops;Username=chatops";
        var db = new Database(new StorageOptions { Provider = StorageProviders.PostgreSql, ConnectionString = configured });

        var runtime = new NpgsqlConnectionStringBuilder(db.Connection.ConnectionString);
        Assert.Equal(PostgreSqlDialect.AutoPrepared, runtime.MaxAutoPrepare);
        Assert.True(runtime.NoResetOnClose);
        Assert.Equal(("db", "chatops", "chatops"), (runtime.Host, runtime.Database, runtime.Username));
        Assert.Equal(configured, db.CreateConnectionString);
    }

    [Theory]
    [InlineData("Host=db;No Reset On Close=false")]
    [InlineData("Host=db;noresetonclose=false")]
    public void Connection_OperatorsNoResetOnClose_IsKept(string configured)
    {
        var db = new Database(new StorageOptions { Provider = StorageProviders.PostgreSql, ConnectionString = configured });

        // false, against the default true: the operator's choice is recognised however the key is written
        Assert.False(new NpgsqlConnectionStringBuilder(db.Connection.ConnectionString).NoResetOnClose);
        Assert.Equal(PostgreSqlDialect.AutoPrepared, new NpgsqlConnectionStringBuilder(db.Connection.ConnectionString).MaxAutoPrepare);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;maxautoprepare=10", 10)]
    public void Connection_OperatorsMaxAutoPrepare_IsKept(string configured, int expected)
    {
        var db = new Database(new StorageOptions { Provider = StorageProviders.PostgreSql, ConnectionString = configured });

        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(db.Connection.ConnectionString).MaxAutoPrepare);
    }

    [Fact]
    public async Task PooledConnection_NotResetWhenItComesBack_AndALeaseLeavesNothingInTheSession()
    {
        PostgresServer.RequireOrSkip();
        await using var test = await TestDatabase.PostgreSqlAsync();
        var ct = TestContext.Current.CancellationToken;
        await using (var c = await test.Database.OpenAsync(ct))
        {
            var name = await c.ExecuteScalarAsync<string>(new CommandDefinition("SELECT current_database()", cancellationToken: ct));
            await c.ExecuteAsync(new CommandDefinition($"ALTER DATABASE \"{name}\" SET synchronous_commit TO on", cancellationToken: ct));
        }

        // One physical connection, so that every open below is the same session.
        var db = new Database(new StorageOptions
        {
            Provider = StorageProviders.PostgreSql,
            ConnectionString = test.Database.CreateConnectionString + ";Maximum Pool Size=1",
        });
        int session;
        await using (var c = await db.OpenAsync(ct))
        {
            session = await c.ExecuteScalarAsync<int>(new CommandDefinition("SELECT pg_backend_pid()", cancellationToken: ct));
            await c.ExecuteAsync(new CommandDefinition("SET application_name = 'left behind'", cancellationToken: ct));
        }

        await using (var c = await db.OpenAsync(ct))
        {
            // Not reset: what a session sets outside a transaction stays for the next user, so the bot sets nothing so.
            Assert.Equal(session, await c.ExecuteScalarAsync<int>(new CommandDefinition("SELECT pg_backend_pid()", cancellationToken: ct)));
            Assert.Equal("left behind", await c.ExecuteScalarAsync<string>(new CommandDefinition("SHOW application_name", cancellationToken: ct)));
        }

        await using (var lease = await db.BeginLeaseAsync(ct))
        {
            Assert.Equal("off", await lease.Connection.ExecuteScalarAsync<string>(new CommandDefinition("SHOW synchronous_commit", transaction: lease.Transaction, cancellationToken: ct)));
            await lease.CommitAsync(ct);
        }

        await using (var c = await db.OpenAsync(ct))
        {
            Assert.Equal(session, await c.ExecuteScalarAsync<int>(new CommandDefinition("SELECT pg_backend_pid()", cancellationToken: ct)));
            Assert.Equal("on", await c.ExecuteScalarAsync<string>(new CommandDefinition("SHOW synchronous_commit", cancellationToken: ct)));
        }
    }

    [Fact]
    public async Task OpenAsync_StatementRunRepeatedly_IsPreparedOnTheServer()
    {
        PostgresServer.RequireOrSkip();
        await using var test = await TestDatabase.PostgreSqlAsync();
        var ct = TestContext.Current.CancellationToken;
        var db = new Database(new StorageOptions { Provider = StorageProviders.PostgreSql, ConnectionString = test.Database.CreateConnectionString });
        await using var c = (NpgsqlConnection)await db.OpenAsync(ct);

        for (var i = 0; i < 6; i++)
        {
            await c.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM inbox WHERE processed_at IS NULL", cancellationToken: ct));
        }

        var prepared = await c.QueryAsync<string>(new CommandDefinition("SELECT statement FROM pg_prepared_statements", cancellationToken: ct));
        Assert.Contains(prepared, s => s.Contains("FROM inbox WHERE processed_at IS NULL", StringComparison.Ordinal));
    }
}
