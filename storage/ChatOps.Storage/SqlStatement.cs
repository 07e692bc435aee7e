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
/// <para>
/// Three shapes recur with a text per database, and are written once as their INSERT: <see cref="InsertReturningId"/>,
/// <see cref="InsertIfAbsent"/> and <see cref="Upsert"/>; each dialect renders them (<see cref="SqlDialect"/>).
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

    /// <summary>An INSERT that returns the new row's id (<c>RETURNING id</c>; SQL Server: <c>OUTPUT inserted.id</c>).</summary>
    public static SqlStatement InsertReturningId(string name, string insert) =>
        Rendered(name, InsertShape.Parse(insert), (d, shape) => d.InsertReturningId(shape));

    /// <summary>
    /// An INSERT that does nothing when a row with the same <paramref name="key"/> (comma-separated columns of a unique
    /// index) exists: one row changed means "inserted", so "done once" is decided by the database.
    /// </summary>
    public static SqlStatement InsertIfAbsent(string name, string key, string insert) =>
        string.IsNullOrWhiteSpace(key) ? throw new ArgumentException("An insert-if-absent needs its key.", nameof(key)) : Rendered(name, InsertShape.Parse(insert, key), (d, shape) => d.InsertIfAbsent(shape));

    /// <summary>An INSERT that, when a row with the same <paramref name="key"/> exists, sets that row's other columns instead.</summary>
    public static SqlStatement Upsert(string name, string key, string insert) =>
        string.IsNullOrWhiteSpace(key) ? throw new ArgumentException("An upsert needs its key.", nameof(key)) : Rendered(name, InsertShape.Parse(insert, key), (d, shape) => d.Upsert(shape));

    /// <summary>
    /// A query with a list parameter written <c>IN @Keys</c>, rendered by each dialect as its driver takes a list
    /// (<see cref="SqlDialect.ListParameters"/>: PostgreSQL <c>= ANY(@Keys)</c>).
    /// </summary>
    public static SqlStatement WithList(string name, string sql) => Rendered(name, d => d.ListParameters(sql));

    /// <summary>This statement with its own text for <paramref name="dialect"/> (a provider name).</summary>
    public SqlStatement WithText(string dialect, string sql) => this with { _overrides = _overrides.SetItem(dialect, sql) };

    /// <summary>The text written for <paramref name="dialect"/> itself, or null when it uses its default.</summary>
    public string? Override(string dialect) => _overrides.GetValueOrDefault(dialect);

    /// <summary>A statement whose text every dialect renders from the shape; overrides only where a dialect's default differs.</summary>
    private static SqlStatement Rendered(string name, InsertShape shape, Func<SqlDialect, InsertShape, string> render) =>
        Rendered(name, d => render(d, shape));

    private static SqlStatement Rendered(string name, Func<SqlDialect, string> render)
    {
        var statement = new SqlStatement(name, render(SqlDialect.For(StorageProviders.Sqlite)), render(SqlDialect.For(StorageProviders.SqlServer)));
        foreach (var dialect in SqlDialect.All)
        {
            var text = render(dialect);
            if (dialect.Text(statement) != text)
            {
                statement = statement.WithText(dialect.Name, text);
            }
        }

        return statement;
    }

    /// <summary>The text for a provider.</summary>
    public string For(string provider) => SqlDialect.For(provider).Text(this);
}
