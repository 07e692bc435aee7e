using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace ChatOps.Storage.Tests;

/// <summary>
/// No SQL Server runs on our machines, so every SQL Server migration and statement is parsed with ScriptDom, and every
/// table and column a statement names is checked against the schema the migrations create.
/// </summary>
public class SqlServerScriptTests
{
    [Fact]
    public void EveryMigration_Parses()
    {
        var migrations = SqlStatementCatalog.SqlServerMigrations();
        Assert.NotEmpty(migrations);
        foreach (var (name, text) in migrations)
        {
            Assert.True(Parse(text, out var errors) is not null && errors.Count == 0, $"{name}: {Describe(errors)}");
        }
    }

    [Theory]
    [MemberData(nameof(Statements))]
    public void Statement_ParsesAndNamesOnlyExistingTablesAndColumns(string owner, string name)
    {
        var sql = SqlStatementCatalog.AsSent(SqlStatementCatalog.Find(owner, name).SqlServer);
        var fragment = Parse(sql, out var errors);
        Assert.True(errors.Count == 0, $"{owner}.{name}: {Describe(errors)}");

        var schema = Schema.Value;
        var visitor = new ReferenceVisitor();
        fragment!.Accept(visitor);
        Assert.NotEmpty(visitor.Tables);
        foreach (var table in visitor.Tables.Values)
        {
            Assert.True(schema.ContainsKey(table), $"{owner}.{name}: table '{table}' is not created by any migration");
        }

        foreach (var column in visitor.Columns)
        {
            var parts = column.Identifiers.Select(i => i.Value).ToList();
            var candidates = parts.Count > 1 && visitor.Tables.TryGetValue(parts[^2], out var aliased)
                ? [aliased]
                : visitor.Tables.Values.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            Assert.True(
                candidates.Any(t => schema[t].Contains(parts[^1])),
                $"{owner}.{name}: column '{string.Join('.', parts)}' is in none of {string.Join(", ", candidates)}");
        }
    }

    [Fact]
    public void Checker_CatchesAMisspelledColumn()
    {
        var fragment = Parse("SELECT nmae FROM units WHERE code = @Code", out _)!;
        var visitor = new ReferenceVisitor();
        fragment.Accept(visitor);

        Assert.DoesNotContain("nmae", Schema.Value["units"]);
        Assert.Equal("nmae", visitor.Columns.Single(c => c.Identifiers[^1].Value == "nmae").Identifiers[^1].Value);
    }

    public static TheoryData<string, string> Statements() => SqlStatementCatalog.Names();

    private static readonly Lazy<Dictionary<string, HashSet<string>>> Schema = new(() =>
    {
        var tables = new Dictionary<string, HashSet<string>>(StringComparer.OrdinalIgnoreCase)
        {
            // DbUp's journal, created by the migrator itself.
            ["SchemaVersions"] = new(StringComparer.OrdinalIgnoreCase) { "Id", "ScriptName", "Applied" },
        };
        foreach (var (_, text) in SqlStatementCatalog.SqlServerMigrations())
        {
            Parse(text, out _)!.Accept(new SchemaVisitor(tables));
        }

        return tables;
    });

    private static TSqlFragment? Parse(string sql, out IList<ParseError> errors)
    {
        var parser = new TSql170Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        return parser.Parse(reader, out errors);
    }

    private static string Describe(IList<ParseError> errors) =>
        string.Join("; ", errors.Select(e => $"line {e.Line}, column {e.Column}: {e.Message}"));

    private sealed class SchemaVisitor(Dictionary<string, HashSet<string>> tables) : TSqlFragmentVisitor
    {
        public override void Visit(CreateTableStatement node)
        {
            var columns = tables.TryGetValue(node.SchemaObjectName.BaseIdentifier.Value, out var existing)
                ? existing
                : tables[node.SchemaObjectName.BaseIdentifier.Value] = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var c in node.Definition.ColumnDefinitions)
            {
                columns.Add(c.ColumnIdentifier.Value);
            }
        }

        public override void Visit(AlterTableAddTableElementStatement node)
        {
            foreach (var c in node.Definition.ColumnDefinitions)
            {
                tables[node.SchemaObjectName.BaseIdentifier.Value].Add(c.ColumnIdentifier.Value);
            }
        }
    }

    /// <summary>Tables by alias (and by name), and every column reference.</summary>
    private sealed class ReferenceVisitor : TSqlFragmentVisitor
    {
        public Dictionary<string, string> Tables { get; } = new(StringComparer.OrdinalIgnoreCase);

        public List<MultiPartIdentifier> Columns { get; } = [];

        public override void Visit(NamedTableReference node)
        {
            var table = node.SchemaObject.BaseIdentifier.Value;
            Tables[table] = table;
            if (node.Alias is not null)
            {
                Tables[node.Alias.Value] = table;
            }
        }

        public override void Visit(ColumnReferenceExpression node)
        {
            if (node.ColumnType == ColumnType.Regular && node.MultiPartIdentifier is not null)
            {
                Columns.Add(node.MultiPartIdentifier);
            }
        }
    }
}
