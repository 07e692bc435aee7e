using System.Collections.Immutable;
using ChatOps.Storage.Dialects;

namespace ChatOps.Storage;

/// <summary>
/// One SQL statement the repositories can issue, with its text per dialect. Every statement is declared as a
/// <c>static readonly SqlStatement</c> field so tests can find them all by reflection: the SQL Server text is parsed
/// with ScriptDom and checked against the migrated schema; the SQLite and PostgreSQL texts run on real databases.
/// <para>
/// <c>new SqlStatement(name, sqlite, sqlServer)</c> gives the two texts every dialect falls back on; a dialect whose
/// default is not right for a statement gets an override: <c>new(name, sqlite, sqlServer) { PostgreSql = "..." }</c>
/// (or <see cref="WithText"/> for any dialect). PostgreSQL falls back on the SQLite text.
/// </para>
/// </summary>
public sealed record SqlStatement(string Name, string Sqlite, string SqlServer)
{
    private ImmutableSortedDictionary<string, string> _overrides = ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>The PostgreSQL text when it differs from the SQLite one; null otherwise.</summary>
    public string? PostgreSql
    {
        get => Override(StorageProviders.PostgreSql);
        init => _overrides = value is null ? _overrides.Remove(StorageProviders.PostgreSql) : _overrides.SetItem(StorageProviders.PostgreSql, value);
    }

    /// <summary>The dialects that have their own text for this statement, with it.</summary>
    public IReadOnlyDictionary<string, string> Overrides => _overrides;

    /// <summary>A statement every dialect accepts as written.</summary>
    public static SqlStatement Portable(string name, string sql) => new(name, sql, sql);

    /// <summary>This statement with its own text for <paramref name="dialect"/> (a provider name).</summary>
    public SqlStatement WithText(string dialect, string sql) => this with { _overrides = _overrides.SetItem(dialect, sql) };

    /// <summary>The text written for <paramref name="dialect"/> itself, or null when it uses its default.</summary>
    public string? Override(string dialect) => _overrides.GetValueOrDefault(dialect);

    /// <summary>The text for a provider.</summary>
    public string For(string provider) => SqlDialect.For(provider).Text(this);
}
