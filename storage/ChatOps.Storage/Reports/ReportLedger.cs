using ChatOps.Core.Audit;
using ChatOps.Core.Reports;
using ChatOps.Core.Reports.Overview;

namespace ChatOps.Storage.Reports;

/// <summary>Statements of <see cref="ReportLedger"/>: report states without answers, exemptions.</summary>
internal static class ReportLedgerSql
{
    /// <summary>The columns of <see cref="Report"/> in its order, the answers left out (read as none).</summary>
    public static readonly SqlStatement SelectStates = SqlStatement.Portable(nameof(SelectStates), """
        SELECT id, cycle_key, period_key, unit_code, status, author_id, '{}' AS answers, created_at, updated_at, submitted_at, is_late,
               revision, reviewer_id, review_comment, reviewed_at, version, updated_by, editors
        FROM reports WHERE cycle_key = @CycleKey AND period_key = @PeriodKey
        """);

    public static readonly SqlStatement SelectUnit = SqlStatement.Portable(nameof(SelectUnit), "SELECT unit_code FROM reports WHERE id = @Id");

    public static readonly SqlStatement SelectExempt = SqlStatement.Portable(nameof(SelectExempt),
        "SELECT person_id FROM report_exemptions WHERE cycle_key = @CycleKey AND period_key = @PeriodKey");
}

/// <summary>
/// The console's light read of reports (<see cref="IReportLedger"/>), each call its own connection. Returns are read
/// from the audit log through its own port (<see cref="IAuditQuery"/>), not from its table.
/// </summary>
internal sealed class ReportLedger(Database db, IAuditQuery audit) : IReportLedger
{
    private const string ReturnAction = "report.return";
    private const int Page = 10_000;

    public Task<IReadOnlyList<Report>> ListStatesAsync(string cycleKey, string periodKey, CancellationToken cancellationToken = default) =>
        db.QueryAsync<Report>(ReportLedgerSql.SelectStates, new { CycleKey = cycleKey, PeriodKey = periodKey }, cancellationToken);

    public Task<string?> FindUnitAsync(long reportId, CancellationToken cancellationToken = default) =>
        db.ExecuteScalarAsync<string>(ReportLedgerSql.SelectUnit, new { Id = reportId }, cancellationToken);

    public Task<IReadOnlyList<string>> ListExemptAsync(string cycleKey, string periodKey, CancellationToken cancellationToken = default) =>
        db.QueryAsync<string>(ReportLedgerSql.SelectExempt, new { CycleKey = cycleKey, PeriodKey = periodKey }, cancellationToken);

    public async Task<IReadOnlyList<long>> ListReturnsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        var ids = new List<long>();
        long? before = null;
        while (true)
        {
            var lines = await audit.ListAsync(new AuditFilter(from, to, ActionPrefix: ReturnAction, Limit: Page, BeforeId: before), cancellationToken);
            ids.AddRange(lines
                .Where(l => l.Action == ReturnAction) // the filter is a prefix
                .Select(l => l.Subject.StartsWith("report:", StringComparison.Ordinal) && long.TryParse(l.Subject.AsSpan(7), out var id) ? id : 0)
                .Where(id => id > 0));
            if (lines.Count < Page)
            {
                ids.Reverse(); // oldest first, as the table read them
                return ids;
            }

            before = lines[^1].Id;
        }
    }
}
