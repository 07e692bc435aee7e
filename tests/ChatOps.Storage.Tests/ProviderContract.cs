namespace ChatOps.Storage.Tests;

/// <summary>A database to run a contract on: <see cref="OnSqlite"/>, <see cref="OnSqlServer"/>, <see cref="OnPostgreSql"/>.</summary>
public interface ITestProvider
{
    /// <summary>A fresh, migrated database (SQL Server and PostgreSQL skip the test with the reason when not configured).</summary>
    static abstract Task<TestDatabase> CreateAsync();
}

/// <summary>SQLite: always runs.</summary>
public sealed class OnSqlite : ITestProvider
{
    public static Task<TestDatabase> CreateAsync() => TestDatabase.SqliteAsync();
}

/// <summary>SQL Server: runs when CHATOPS_TEST_SQLSERVER is set.</summary>
public sealed class OnSqlServer : ITestProvider
{
    public static Task<TestDatabase> CreateAsync() => TestDatabase.SqlServerAsync();
}

/// <summary>PostgreSQL: runs when CHATOPS_TEST_POSTGRES is set (<c>source tests/postgres.sh</c>).</summary>
public sealed class OnPostgreSql : ITestProvider
{
    public static Task<TestDatabase> CreateAsync() => TestDatabase.PostgreSqlAsync();
}

/// <summary>
/// A test class run on every provider: each test gets a fresh, migrated database of <typeparamref name="TProvider"/>;
/// one sealed subclass per provider closes it (<c>class SqliteXxxTests : XxxContract&lt;OnSqlite&gt;;</c>).
/// </summary>
public abstract class ProviderContract<TProvider> : IAsyncLifetime
    where TProvider : ITestProvider
{
    private TestDatabase? _db;

    /// <summary>This test's database (after <see cref="InitializeAsync"/>).</summary>
    protected TestDatabase Db => _db ?? throw new InvalidOperationException("The database is made in InitializeAsync.");

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public virtual async ValueTask InitializeAsync() => _db = await TProvider.CreateAsync();

    public async ValueTask DisposeAsync()
    {
        if (_db is not null)
        {
            await _db.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
