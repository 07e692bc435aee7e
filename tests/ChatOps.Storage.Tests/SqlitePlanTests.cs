using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace ChatOps.Storage.Tests;

/// <summary>
/// No statement walks a table that grows with use (messages, references, reports, acknowledgements…): SQLite's plan
/// for each, on the migrated schema, searches such a table by a key. A search by <c>channel</c> alone counts as a
/// walk (there are two channels), which is how a person's conversation look-up, run for every message sent, read
/// every reference of the channel. Directory and settings tables (units, people, groups, holidays) are read whole on
/// purpose and are not checked.
/// </summary>
public partial class SqlitePlanTests(MigratedSqlite schema) : IClassFixture<MigratedSqlite>
{
    /// <summary>Tables whose rows grow with messages, periods or people's answers.</summary>
    private static readonly HashSet<string> Growing = new(StringComparer.Ordinal)
    {
        "inbox", "outbox", "dialog_states", "last_cards", "conversation_references", "sent_cards", "reports",
        "report_revisions", "report_returns", "report_exemptions", "audit_log", "circular_recipients",
        "circular_deliveries", "attachments", "attachment_contents", "outbound_files", "leave_requests",
        "meeting_attendees", "agreed_item_feedback", "supervision_entries", "schedule_steps", "meeting_steps",
    };

    [Theory]
    [MemberData(nameof(Statements))]
    public async Task Statement_SearchesTablesThatGrowByAKey(string owner, string name)
    {
        var sql = SqlStatementCatalog.Find(owner, name).Sqlite;
        var tables = Tables(sql);
        var walks = new List<string>();
        foreach (var line in await PlanAsync(sql))
        {
            if (Walk(line, schema.PartialIndexes) is { } walked && Growing.Contains(tables.GetValueOrDefault(walked, walked)))
            {
                walks.Add(line);
            }
        }

        // No exceptions: even the purge of old sent cards, which runs with every card sent, searches an index (0033).
        Assert.True(walks.Count == 0, $"{owner}.{name} walks a growing table: {string.Join("; ", walks)}");
    }

    [Fact]
    public void GrowingTables_AreTablesOfTheSchema() => Assert.All(Growing, table => Assert.Contains(table, schema.Tables));

    [Fact]
    public async Task PersonsConversationLookUp_SearchesByEitherOfTheirIds()
    {
        foreach (var statement in new[] { "ListForUser", "MarkUserUnreachable" })
        {
            var plan = string.Join("\n", await PlanAsync(SqlStatementCatalog.Find("ConversationReferenceSql", statement).Sqlite));

            Assert.Contains("ix_conversation_references_user (channel=? AND user_id=?)", plan, StringComparison.Ordinal);
            Assert.Contains("ix_conversation_references_alternate (channel=? AND alternate_user_id=?)", plan, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("ClaimInbox")]
    [InlineData("ClaimOutbox")]
    public async Task Claim_WalksTheRowsInIdOrder_WithoutSortingEveryDueOne(string claim)
    {
        var plan = await PlanAsync(SqlStatementCatalog.Find("EngineSql", claim).Sqlite);

        Assert.DoesNotContain(plan, line => line.Contains("TEMP B-TREE", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("SCAN outbox", "outbox")]
    [InlineData("SCAN o USING INDEX ux_outbox_dedupe", "o")]
    [InlineData("SEARCH conversation_references USING INDEX ix_conversation_references_conversation (channel=?)", "conversation_references")]
    [InlineData("SEARCH conversation_references USING INDEX ix_conversation_references_user (channel=? AND user_id=?)", null)]
    [InlineData("SCAN CONSTANT ROW", null)]
    [InlineData("SEARCH inbox USING INTEGER PRIMARY KEY (rowid=?)", null)]
    [InlineData("SCAN reports USING INDEX ix_reports_pending_review", null)]
    [InlineData("SCAN inbox USING COVERING INDEX ix_reports_pending_review", null)]
    public void Walk_IsAScanOrASearchByChannelAlone(string line, string? table) =>
        Assert.Equal(table, Walk(line, new HashSet<string>(StringComparer.Ordinal) { "ix_reports_pending_review" }));

    public static TheoryData<string, string> Statements() => SqlStatementCatalog.Names();

    /// <summary>
    /// The table a plan line walks (by alias when the statement gives one), or null when it searches by a key. A scan
    /// of a partial index reads only the rows its condition keeps, as a search by that condition would.
    /// </summary>
    private static string? Walk(string line, IReadOnlySet<string> partialIndexes)
    {
        var words = line.Split(' ');
        return words switch
        {
            ["SCAN", "CONSTANT", ..] => null,
            ["SCAN", _, "USING", .., "INDEX", var index] when partialIndexes.Contains(index) => null,
            ["SCAN", var table, ..] => table,
            ["SEARCH", var table, ..] when line.EndsWith("(channel=?)", StringComparison.Ordinal) => table,
            _ => null,
        };
    }

    [Fact]
    public void Tables_MapsAliasesToTheirTables() =>
        Assert.Equal("circular_recipients", Tables("SELECT 1 FROM circulars c JOIN circular_recipients AS r ON r.circular_id = c.id")["r"]);

    /// <summary>The statement's aliases (<c>FROM table alias</c>, <c>JOIN table AS alias</c>) with their tables.</summary>
    private static Dictionary<string, string> Tables(string sql)
    {
        var tables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in Aliased().Matches(sql))
        {
            tables.TryAdd(m.Groups[2].Value, m.Groups[1].Value);
        }

        return tables;
    }

    [GeneratedRegex(@"\b(?:FROM|JOIN)\s+(\w+)\s+(?:AS\s+)?(?!WHERE\b|ON\b|JOIN\b|LEFT\b|INNER\b|ORDER\b|GROUP\b|LIMIT\b|SET\b|USING\b)(\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex Aliased();

    /// <summary>The detail lines of SQLite's plan for every statement in <paramref name="sql"/>.</summary>
    private async Task<List<string>> PlanAsync(string sql)
    {
        var lines = new List<string>();
        await using var c = (SqliteConnection)await schema.Database.OpenAsync(TestContext.Current.CancellationToken);
        foreach (var part in SqlStatementCatalog.AsSent(sql).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            await using var command = c.CreateCommand();
            command.CommandText = "EXPLAIN QUERY PLAN " + part;
            await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                lines.Add(reader.GetString(3));
            }
        }

        return lines;
    }
}
