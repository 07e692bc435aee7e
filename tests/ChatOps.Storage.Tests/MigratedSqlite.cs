using Dapper;

namespace ChatOps.Storage.Tests;

/// <summary>
/// One SQLite database with every migration applied, shared by the tests of a class that only read its schema
/// (<see cref="SqliteStatementTests"/>, <see cref="SqlitePlanTests"/>): migrating once per class, not once per statement.
/// Its tables and partial indexes are read once, with it.
/// </summary>
public sealed class MigratedSqlite : IAsyncLifetime
{
    private TestDatabase? _db;

    public Database Database => _db!.Database;

    /// <summary>The schema's tables.</summary>
    public IReadOnlySet<string> Tables { get; private set; } = new HashSet<string>();

    /// <summary>The names of the schema's partial indexes (<c>CREATE INDEX … WHERE …</c>).</summary>
    public IReadOnlySet<string> PartialIndexes { get; private set; } = new HashSet<string>();

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.SqliteAsync();
        await using var c = await _db.Database.OpenAsync(TestContext.Current.CancellationToken);
        Tables = (await c.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table'")).ToHashSet(StringComparer.Ordinal);
        PartialIndexes = (await c.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'index' AND sql LIKE '% WHERE %'"))
            .ToHashSet(StringComparer.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        if (_db is not null)
        {
            await _db.DisposeAsync();
        }
    }
}
