using ChatOps.Core.Audit;
using ChatOps.Core.Calendar;

namespace ChatOps.Core.Reports.Overview;

/// <summary>A submitted version and what changed from the version before it (all fields for the first).</summary>
public sealed record RevisionView(ReportRevision Revision, Person? Author, IReadOnlyList<FieldChange> Changes);

/// <summary>
/// A unit's report for a period as the console's 报告 page shows it: the report as it stands, every submitted version
/// with what changed, the changes not yet submitted (a draft or a returned report being revised), and the history of
/// submissions and reviews from the audit log.
/// </summary>
public sealed record ReportHistoryView(
    Unit Unit,
    ReportCycle Cycle,
    ReportPeriod Period,
    Report? Report,
    BoardState State,
    Person? Author,
    IReadOnlyList<RevisionView> Revisions,
    IReadOnlyList<FieldChange> Unsubmitted,
    IReadOnlyList<AuditEntry> History);

/// <summary>Reads a unit's report with its revisions and review history, for office staff and the unit's reviewing leaders.</summary>
public sealed class ReportHistory(ReportOverview overview, IDirectoryRepository directory, IUnitOfWorkFactory units, IAuditQuery audit)
{
    /// <summary>The report of <paramref name="unitCode"/> for a period; refused (with the Chinese reason) outside the person's units.</summary>
    /// <exception cref="ArgumentException">When the cycle, period or unit is unknown.</exception>
    /// <exception cref="UnauthorizedAccessException">When <paramref name="actor"/> may not see the unit's reports.</exception>
    public async Task<ReportHistoryView> ReadAsync(Actor actor, string cycleKey, string periodKey, string unitCode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!ReportOverview.MaySee(actor, unitCode ?? ""))
        {
            throw new UnauthorizedAccessException(ReportText.NotYourUnit);
        }

        var (cycle, period) = overview.Resolve(cycleKey, periodKey);
        var unit = await directory.FindUnitAsync(unitCode!, cancellationToken) ?? throw new ArgumentException(ReportText.NoSuchUnit(unitCode));
        Report? report = null;
        IReadOnlyList<ReportRevision> revisions = [];
        var exempt = new List<string>();
        await using (var work = await units.BeginAsync(cancellationToken))
        {
            foreach (var key in period.StoredKeys)
            {
                report ??= await work.Reports.FindAsync(cycle.Key, key, unit.Code, cancellationToken);
                exempt.AddRange(await work.Schedule.ListExemptAsync(cycle.Key, key, cancellationToken)); // as the board reads a merged period
            }

            if (report is not null)
            {
                revisions = await work.Reports.ListRevisionsAsync(report.Id, cancellationToken);
            }
        }

        var snapshot = await directory.LoadAsync(cancellationToken);
        var people = snapshot.People.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var isExempt = snapshot.LiaisonsByUnit().TryGetValue(unit.Code, out var liaison) && exempt.Contains(liaison, StringComparer.Ordinal);
        var views = new List<RevisionView>();
        IReadOnlyDictionary<string, IReadOnlyList<string>> before = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var revision in revisions.OrderBy(r => r.Revision))
        {
            views.Add(new RevisionView(revision, people.GetValueOrDefault(revision.AuthorId), ReportService.Diff(cycle.Template, before, revision.Answers)));
            before = revision.Answers;
        }

        var unsubmitted = report is { Status: not ReportStatus.Submitted } ? ReportService.Diff(cycle.Template, before, report.Answers) : [];
        IReadOnlyList<AuditEntry> history = report is null ? [] : await audit.ListAsync(new AuditFilter(Subject: $"report:{report.Id}", Limit: 500), cancellationToken);
        return new ReportHistoryView(unit, cycle, period, report, PeriodBoard.StateOf(report, isExempt),
            report is null ? null : people.GetValueOrDefault(report.AuthorId), views, unsubmitted, [.. history.OrderBy(h => h.Id)]);
    }
}
