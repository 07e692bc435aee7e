namespace ChatOps.Storage;

/// <summary>
/// One SQL statement the repositories can issue, with its text per dialect. Every statement is declared as a
/// <c>static readonly SqlStatement</c> field so tests can find them all by reflection: the SQL Server text is parsed
/// with ScriptDom and checked against the migrated schema, since no SQL Server runs on our build machines.
/// </summary>
public sealed record SqlStatement(string Name, string Sqlite, string SqlServer)
{
    /// <summary>A statement both dialects accept as written.</summary>
    public static SqlStatement Portable(string name, string sql) => new(name, sql, sql);

    /// <summary>The text for a provider.</summary>
    public string For(string provider) => provider == StorageProviders.SqlServer ? SqlServer : Sqlite;
}
