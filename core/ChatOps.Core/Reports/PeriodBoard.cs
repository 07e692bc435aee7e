using ChatOps.Core.Calendar;

namespace ChatOps.Core.Reports;

/// <summary>
/// Where a unit's report for a period stands, as every status view shows it (issue 10 item 4). A report waiting for
/// review is never 未报送, and a late report keeps 迟报 once approved.
/// </summary>
public enum BoardState
{
    /// <summary>已报送: counts, on time.</summary>
    Submitted,

    /// <summary>迟报: counts, submitted after the deadline.</summary>
    Late,

    /// <summary>待审核: submitted, waiting for the reviewing leader (or the office on the unit's behalf).</summary>
    PendingReview,

    /// <summary>已退回: returned by the reviewer, being revised.</summary>
    Returned,

    /// <summary>未报送: nothing submitted (no report, or a draft).</summary>
    Missing,

    /// <summary>免报: the liaison is exempt for this period and nothing was submitted.</summary>
    Exempt,
}

/// <summary>One unit on the board.</summary>
/// <param name="Unit">The unit.</param>
/// <param name="State">Its state.</param>
/// <param name="SubmittedAt">When the counted or pending report was submitted (the liaison's time, not the review's).</param>
/// <param name="Submitter">Who submitted it (null when nothing was submitted or the person left the directory).</param>
/// <param name="IsLate">Submitted after the deadline (also true for a late report waiting for review).</param>
/// <param name="Report">The report, if any.</param>
public sealed record BoardEntry(Unit Unit, BoardState State, DateTimeOffset? SubmittedAt, Person? Submitter, bool IsLate, Report? Report);

/// <summary>A cycle's period with every unit it covers and where each stands: the read side of 状态, 专报 and the console.</summary>
public sealed record PeriodBoard(ReportCycle Cycle, ReportPeriod Period, IReadOnlyList<BoardEntry> Entries)
{
    /// <summary>How many units are in <paramref name="state"/>.</summary>
    public int Count(BoardState state) => Entries.Count(e => e.State == state);

    /// <summary>Names of the units in <paramref name="state"/>, in directory order.</summary>
    public IReadOnlyList<string> Names(BoardState state) => Entries.Where(e => e.State == state).Select(e => e.Unit.Name).ToList();

    /// <summary>The Chinese name of a state, as every view prints it (<see cref="ReportText.StateLabel"/>).</summary>
    public static string Label(BoardState state) => ReportText.StateLabel(state);

    /// <summary>One line of counts: 已报送 3，迟报 1，待审核 2，已退回 0，未报送 38，免报 1（应报 45）.</summary>
    public string Summary() =>
        ReportText.BoardSummary(Enum.GetValues<BoardState>().Select(s => (s, Count(s))), Entries.Count);

    /// <summary>
    /// The state of one unit's report (<paramref name="report"/> may be null) given whether its liaison is exempt.
    /// The single rule every view uses.
    /// </summary>
    public static BoardState StateOf(Report? report, bool exempt) => report switch
    {
        { CountsAsSubmitted: true, IsLate: true } => BoardState.Late,
        { CountsAsSubmitted: true } => BoardState.Submitted,
        { Status: ReportStatus.PendingReview } => BoardState.PendingReview,
        _ when exempt => BoardState.Exempt,
        { Status: ReportStatus.Draft, ReviewComment: not null } => BoardState.Returned,
        _ => BoardState.Missing,
    };

    /// <summary>Builds the board from the directory, the period's reports and the exempt people.</summary>
    public static PeriodBoard Build(
        ReportCycle cycle, ReportPeriod period, DirectorySnapshot directory, IEnumerable<Report> reports, IEnumerable<string> exemptPeople)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        ArgumentNullException.ThrowIfNull(directory);
        var byUnit = reports.GroupBy(r => r.UnitCode, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.CountsAsSubmitted ? 0 : 1).ThenBy(r => r.PeriodKey == period.Key ? 0 : 1).First(), StringComparer.Ordinal);
        var exempt = exemptPeople.ToHashSet(StringComparer.Ordinal);
        var people = directory.People.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var liaisons = directory.LiaisonsByUnit();
        var entries = directory.Units
            .Where(cycle.Covers)
            .Select((unit, index) => (unit, index))
            .OrderBy(u => u.unit.SortOrder).ThenBy(u => u.index)
            .Select(u =>
            {
                var report = byUnit.GetValueOrDefault(u.unit.Code);
                var isExempt = liaisons.TryGetValue(u.unit.Code, out var liaison) && exempt.Contains(liaison);
                var state = StateOf(report, isExempt);
                var submitted = state is BoardState.Submitted or BoardState.Late or BoardState.PendingReview;
                return new BoardEntry(u.unit, state, submitted ? report!.SubmittedAt : null,
                    submitted ? people.GetValueOrDefault(report!.AuthorId) : null, submitted && report!.IsLate, report);
            })
            .ToList();
        return new PeriodBoard(cycle, period, entries);
    }

    /// <summary>Reads the board of a period inside <paramref name="work"/> (a merged period's component keys included).</summary>
    public static async Task<PeriodBoard> ReadAsync(
        ReportCycle cycle, ReportPeriod period, DirectorySnapshot directory, IUnitOfWork work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(work);
        var reports = new List<Report>();
        var exempt = new List<string>();
        foreach (var key in period.StoredKeys)
        {
            reports.AddRange(await work.Reports.ListForPeriodAsync(cycle.Key, key, cancellationToken));
            exempt.AddRange(await work.Schedule.ListExemptAsync(cycle.Key, key, cancellationToken));
        }

        return Build(cycle, period, directory, reports, exempt);
    }
}
