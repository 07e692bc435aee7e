using Microsoft.Data.Sqlite;

namespace ChatOps.Storage.Tests;

/// <summary>Every SQLite statement compiles against the migrated schema (SQLite checks tables and columns when preparing).</summary>
public class SqliteStatementTests(MigratedSqlite schema) : IClassFixture<MigratedSqlite>
{
    [Theory]
    [MemberData(nameof(Statements))]
    public async Task Statement_PreparesAgainstTheMigratedSchema(string owner, string name)
    {
        var sql = SqlStatementCatalog.AsSent(SqlStatementCatalog.Find(owner, name).Sqlite);
        await using var c = (SqliteConnection)await schema.Database.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = c.CreateCommand();
        command.CommandText = sql;

        var ex = Record.Exception(command.Prepare);

        Assert.True(ex is null, $"{owner}.{name}: {ex?.Message}");
    }

    public static TheoryData<string, string> Statements() => SqlStatementCatalog.Names();
}
