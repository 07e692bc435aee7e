using ChatOps.Storage.Conversations;
using ChatOps.Storage.Dialects;
using Npgsql;

namespace ChatOps.Storage.Tests.Conversations;

/// <summary>
/// The claims on PostgreSQL read only what they may claim, whatever the statistics say. Under load the planner, with
/// statistics taken while most inbox rows were unprocessed, walked the primary key and filtered out every processed row
/// (17 ms per claim at 50,000 rows, growing with the inbox); migration 0030's partial index is the way it must take,
/// walked in order (a bitmap scan of it re-reads every processed row until autovacuum runs), and the outbox claim walks
/// ix_outbox_due likewise. The planner's choice is checked with EXPLAIN, not timed. Skipped with a reason without
/// CHATOPS_TEST_POSTGRES.
/// </summary>
public sealed class PostgreSqlClaimPlanTests
{
    [Fact]
    public async Task ClaimInbox_StaleStatisticsAfterMostRowsWereProcessed_ScansOnlyTheUnprocessedRows()
    {
        // 20,000 unprocessed rows, analysed as such; then all but five processed, as a busy engine does before
        // autovacuum analyses again.
        var plan = await PlanOfTheClaimAfterAsync(EngineSql.ClaimInbox, "inbox", """
            INSERT INTO inbox (channel, dedupe_key, sender_id, payload, received_at)
            SELECT 'wecom', 'k' || g, 's' || g, '{}', now() FROM generate_series(1, 20000) g;
            ANALYZE inbox;
            UPDATE inbox SET processed_at = now() WHERE id <= 19995;
            """);

        Assert.Contains(plan, line => line.Contains("ix_inbox_unprocessed", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.Contains("inbox_pkey", StringComparison.Ordinal) || line.Contains("Seq Scan", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ClaimInbox_NoStatisticsYet_WalksTheIndexInOrder_SoProcessedRowsAreMarkedDeadAsItPasses()
    {
        // A new inbox that autovacuum has not analysed yet, with most rows processed: here the planner, left alone,
        // takes a bitmap scan and sorts, which marks no index entry dead, so every claim re-reads every processed row.
        var plan = await PlanOfTheClaimAfterAsync(EngineSql.ClaimInbox, "inbox", """
            INSERT INTO inbox (channel, dedupe_key, sender_id, payload, received_at)
            SELECT 'wecom', 'k' || g, 's' || g, '{}', now() FROM generate_series(1, 20000) g;
            UPDATE inbox SET processed_at = now() WHERE id <= 19980;
            """);

        Assert.Contains(plan, line => line.Contains("Index Scan using ix_inbox_unprocessed", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.Contains("Bitmap", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ClaimOutbox_NoStatisticsYet_WalksTheIndex_SoSentRowsAreMarkedDeadAsItPasses()
    {
        // A new outbox, not analysed yet, with most messages sent: left alone, the planner takes a bitmap scan of
        // ix_outbox_due, which re-reads the entries of every message sent since the last vacuum.
        var plan = await PlanOfTheClaimAfterAsync(EngineSql.ClaimOutbox, "outbox", """
            INSERT INTO outbox (channel, address, payload, created_at, status, attempts, next_attempt_at)
            SELECT 'wecom', 'a' || g, '{}', now(), 'Pending', 0, now() FROM generate_series(1, 20000) g;
            UPDATE outbox SET status = 'Sent' WHERE id <= 19980;
            """);

        Assert.Contains(plan, line => line.Contains("Index Scan using ix_outbox_due", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.Contains("Bitmap", StringComparison.Ordinal));
    }

    /// <summary>
    /// On a fresh database after <paramref name="setUp"/>: the plan of the claim's row selection, EXPLAINed in a
    /// transaction after what the statement runs before its UPDATE (its planner settings), then rolled back.
    /// </summary>
    private static async Task<List<string>> PlanOfTheClaimAfterAsync(SqlStatement claim, string table, string setUp)
    {
        PostgresServer.RequireOrSkip();
        await using var db = await TestDatabase.PostgreSqlAsync();
        var ct = TestContext.Current.CancellationToken;
        await using var c = (NpgsqlConnection)await db.Database.OpenAsync(ct);
        await ExecuteAsync(c, setUp, ct);

        var text = new PostgreSqlDialect().Text(claim);
        var preamble = text[..text.IndexOf("UPDATE " + table, StringComparison.Ordinal)];
        var inner = text[text.IndexOf("SELECT id FROM " + table, StringComparison.Ordinal)..text.IndexOf("FOR UPDATE", StringComparison.Ordinal)];
        await using var transaction = await c.BeginTransactionAsync(ct);
        if (!string.IsNullOrWhiteSpace(preamble))
        {
            await ExecuteAsync(c, preamble, ct);
        }

        await using var explain = new NpgsqlCommand("EXPLAIN " + inner, c);
        explain.Parameters.AddWithValue("Now", DateTimeOffset.UtcNow);
        explain.Parameters.AddWithValue("Limit", 20);
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                plan.Add(reader.GetString(0));
            }
        }

        await transaction.RollbackAsync(ct);
        return plan;
    }

    private static async Task ExecuteAsync(NpgsqlConnection c, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, c);
        await command.ExecuteNonQueryAsync(ct);
    }
}
