namespace ChatOps.Core.Reports.Overview;

/// <summary>
/// A light, read-only view of the reports for the office's overviews (the console's home board for thousands of units
/// and a month's compliance): report states without their answers, the exempt people of a period and the reports
/// returned by reviewers in a time range. Each call opens its own connection, outside any unit of work.
/// </summary>
public interface IReportLedger
{
    /// <summary>The reports of a period with everything but the answers (<see cref="Report.Answers"/> is empty).</summary>
    Task<IReadOnlyList<Report>> ListStatesAsync(string cycleKey, string periodKey, CancellationToken cancellationToken = default);

    /// <summary>The unit of a report; null when there is no such report.</summary>
    Task<string?> FindUnitAsync(long reportId, CancellationToken cancellationToken = default);

    /// <summary>People exempt from chasing for a period.</summary>
    Task<IReadOnlyList<string>> ListExemptAsync(string cycleKey, string periodKey, CancellationToken cancellationToken = default);

    /// <summary>Ids of the reports returned by a reviewer (audit action <c>report.return</c>) in [from, to), once per return.</summary>
    Task<IReadOnlyList<long>> ListReturnsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);
}
