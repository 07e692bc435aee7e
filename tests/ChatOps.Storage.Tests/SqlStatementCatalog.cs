using System.Reflection;
using ChatOps.Storage;

namespace ChatOps.Storage.Tests;

/// <summary>Every <see cref="SqlStatement"/> the storage assembly declares, found by reflection.</summary>
internal static partial class SqlStatementCatalog
{
    public static IReadOnlyList<(string Owner, SqlStatement Statement)> All() =>
        typeof(Database).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
            .Where(f => f.FieldType == typeof(SqlStatement))
            .Select(f => (f.DeclaringType!.Name, (SqlStatement)f.GetValue(null)!))
            .OrderBy(x => x.Item1, StringComparer.Ordinal).ThenBy(x => x.Item2.Name, StringComparer.Ordinal)
            .ToList();

    public static TheoryData<string, string> Names()
    {
        var data = new TheoryData<string, string>();
        foreach (var (owner, s) in All())
        {
            data.Add(owner, s.Name);
        }

        return data;
    }

    public static SqlStatement Find(string owner, string name) => All().Single(x => x.Owner == owner && x.Statement.Name == name).Statement;

    /// <summary>
    /// The text as Dapper sends it for a list of one: a list parameter written <c>IN @Keys</c> is spelled out by Dapper as
    /// <c>IN (@Keys1, @Keys2 …)</c> (SQLite, SQL Server), so it is checked as <c>IN (@Keys)</c>.
    /// </summary>
    public static string AsSent(string sql) => ListParameter().Replace(sql, "IN (@$1)");

    [System.Text.RegularExpressions.GeneratedRegex(@"\bIN\s+@(\w+)", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex ListParameter();

    public static IReadOnlyList<(string Name, string Text)> SqlServerMigrations() =>
        typeof(Database).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("ChatOps.Storage.Migrations.SqlServer.", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var reader = new StreamReader(typeof(Database).Assembly.GetManifestResourceStream(n)!);
                return (n, reader.ReadToEnd());
            })
            .ToList();
}
