using ChatOps.Core.Reports;
using ChatOps.Core.Reports.Overview;
using Dapper;

namespace ChatOps.Storage.Reports;

/// <summary>Statements of <see cref="ReportLedger"/>: report states without answers, exemptions, returns.</summary>
internal static class ReportLedgerSql
{
    public static readonly SqlStatement SelectStates = SqlStatement.Portable(nameof(SelectStates), """
        SELECT id, cycle_key AS CycleKey, period_key AS PeriodKey, unit_code AS UnitCode, status, author_id AS AuthorId,
               created_at AS CreatedAt, updated_at AS UpdatedAt, submitted_at AS SubmittedAt, is_late AS IsLate, revision,
               reviewer_id AS ReviewerId, review_comment AS ReviewComment, reviewed_at AS ReviewedAt, version,
               updated_by AS UpdatedBy, editors
        FROM reports WHERE cycle_key = @CycleKey AND period_key = @PeriodKey
        """);

    public static readonly SqlStatement SelectExempt = SqlStatement.Portable(nameof(SelectExempt),
        "SELECT person_id FROM report_exemptions WHERE cycle_key = @CycleKey AND period_key = @PeriodKey");

    public static readonly SqlStatement SelectReturns = SqlStatement.Portable(nameof(SelectReturns),
        "SELECT subject FROM audit_log WHERE action = 'report.return' AND acted_at >= @From AND acted_at < @To");
}

/// <summary>The console's light read of reports (<see cref="IReportLedger"/>), each call its own connection.</summary>
internal sealed class ReportLedger(Database db) : IReportLedger
{
    public async Task<IReadOnlyList<Report>> ListStatesAsync(string cycleKey, string periodKey, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        var rows = await c.QueryAsync<ReportStore.ReportRow>(new CommandDefinition(db.Sql(ReportLedgerSql.SelectStates), new { CycleKey = cycleKey, PeriodKey = periodKey }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToReport())]; // answers not selected: the row's default "{}" gives none
    }

    public async Task<IReadOnlyList<string>> ListExemptAsync(string cycleKey, string periodKey, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return [.. await c.QueryAsync<string>(new CommandDefinition(db.Sql(ReportLedgerSql.SelectExempt), new { CycleKey = cycleKey, PeriodKey = periodKey }, cancellationToken: cancellationToken))];
    }

    public async Task<IReadOnlyList<long>> ListReturnsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        var subjects = await c.QueryAsync<string>(new CommandDefinition(db.Sql(ReportLedgerSql.SelectReturns), new { From = from, To = to }, cancellationToken: cancellationToken));
        return [.. subjects.Select(s => s.StartsWith("report:", StringComparison.Ordinal) && long.TryParse(s.AsSpan(7), out var id) ? id : 0).Where(id => id > 0)];
    }
}
