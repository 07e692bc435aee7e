namespace ChatOps.Core.Reports.Scheduling;

/// <summary>Where one unit stands for a period, as far as chasing is concerned.</summary>
public enum UnitReportState
{
    /// <summary>Nothing started.</summary>
    Missing,

    /// <summary>A draft exists but was not submitted: still chased.</summary>
    Draft,

    /// <summary>Exempt for this period (the liaison is on leave): not chased, listed apart in the office summary.</summary>
    Exempt,

    /// <summary>Submitted by the liaison and waiting for the reviewing leader: not chased.</summary>
    PendingReview,

    /// <summary>Counts as submitted.</summary>
    Submitted,
}

/// <summary>A unit of the cycle, its current liaison (null when none is on file) and where its report stands.</summary>
public sealed record UnitStanding(Unit Unit, Person? Liaison, UnitReportState State)
{
    /// <summary>Still owes the report and is not exempt: prompts, reminders and overdue notices go to its liaison.</summary>
    public bool IsChased => State is UnitReportState.Missing or UnitReportState.Draft;
}

/// <summary>
/// Every unit a cycle covers and where its report stands for one period, read inside the unit of work that runs a
/// step, so whom to chase is decided from the same data the step is recorded in.
/// </summary>
public sealed class PeriodStanding
{
    private PeriodStanding(IReadOnlyList<UnitStanding> units) => Units = units;

    /// <summary>The covered units in directory order.</summary>
    public IReadOnlyList<UnitStanding> Units { get; }

    /// <summary>Units still owing the report and not exempt.</summary>
    public IEnumerable<UnitStanding> Chased => Units.Where(u => u.IsChased);

    /// <summary>Units in <paramref name="state"/>.</summary>
    public int Count(UnitReportState state) => Units.Count(u => u.State == state);

    /// <summary>Reads reports and exemptions of the period in <paramref name="unitOfWork"/>.</summary>
    public static async Task<PeriodStanding> ReadAsync(
        ReportCycle cycle, string periodKey, DirectorySnapshot directory, Conversations.IUnitOfWork unitOfWork, CancellationToken cancellationToken)
    {
        var reports = (await unitOfWork.Reports.ListForPeriodAsync(cycle.Key, periodKey, cancellationToken))
            .GroupBy(r => r.UnitCode, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var exempt = (await unitOfWork.Schedule.ListExemptAsync(cycle.Key, periodKey, cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var people = directory.People.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var liaisons = directory.LiaisonsByUnit();

        var units = directory.Units
            .Where(cycle.Covers)
            .OrderBy(u => u.SortOrder).ThenBy(u => u.Code, StringComparer.Ordinal)
            .Select(unit =>
            {
                var liaison = liaisons.TryGetValue(unit.Code, out var id) ? people.GetValueOrDefault(id) : null;
                var report = reports.GetValueOrDefault(unit.Code);
                var state = report switch
                {
                    { CountsAsSubmitted: true } => UnitReportState.Submitted,
                    { Status: ReportStatus.PendingReview } => UnitReportState.PendingReview,
                    _ when liaison is not null && exempt.Contains(liaison.Id) => UnitReportState.Exempt,
                    not null => UnitReportState.Draft,
                    _ => UnitReportState.Missing,
                };
                return new UnitStanding(unit, liaison, state);
            })
            .ToList();
        return new PeriodStanding(units);
    }
}
