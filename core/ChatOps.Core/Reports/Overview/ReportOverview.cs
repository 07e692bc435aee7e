using ChatOps.Core.Calendar;

namespace ChatOps.Core.Reports.Overview;

/// <summary>A period's board as one person may see it, with each unit's liaison (to chase) and where the period stands.</summary>
/// <param name="Board">The board, limited to the units the person may see.</param>
/// <param name="Liaisons">Each unit's liaison, by unit code (missing when the unit has none).</param>
/// <param name="IsOverdue">The deadline has passed.</param>
public sealed record BoardView(PeriodBoard Board, IReadOnlyDictionary<string, Person> Liaisons, bool IsOverdue);

/// <summary>
/// The office's overview of the reports (the console's 本期报送): which periods to show, and a period's board for the
/// person asking — office staff see every unit, a reviewing leader only their own unit (seed 003 八(三)). Reads through
/// <see cref="IReportLedger"/> (no answers), so a board of 5,000 units is two queries and the directory.
/// </summary>
public sealed class ReportOverview(IDirectoryRepository directory, ReportCycles cycles, PeriodCalculator periods, IReportLedger ledger, TimeProvider time)
{
    /// <summary>The cycles in force.</summary>
    public IReadOnlyList<ReportCycle> Cycles => cycles.All;

    /// <summary>True when <paramref name="actor"/> may see the reports of <paramref name="unitCode"/>.</summary>
    public static bool MaySee(Actor actor, string unitCode)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Has(Roles.OfficeStaff) || (actor.Has(Roles.ReviewingLeader) && actor.UnitCode == unitCode);
    }

    /// <summary>True when <paramref name="actor"/> sees any report at all (office staff, reviewing leaders).</summary>
    public static bool MaySeeAny(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Has(Roles.OfficeStaff) || (actor.Has(Roles.ReviewingLeader) && actor.UnitCode is not null);
    }

    /// <summary>
    /// The cycle and period a key names (a component key finds its merged period).
    /// </summary>
    /// <exception cref="ArgumentException">With a Chinese message when the cycle or period is unknown.</exception>
    public (ReportCycle Cycle, ReportPeriod Period) Resolve(string cycleKey, string periodKey)
    {
        var cycle = cycles.Find(cycleKey?.Trim() ?? "") ?? throw new ArgumentException(ReportText.NoSuchCycle(cycleKey));
        ReportPeriod? period;
        try
        {
            period = periods.Find(cycle.Definition, periodKey?.Trim() ?? "");
        }
        catch (FormatException ex)
        {
            throw new ArgumentException(ex.Message, ex);
        }

        return (cycle, period ?? throw new ArgumentException(ReportText.NoSuchPeriod(cycle.Name, periodKey)));
    }

    /// <summary>The periods shown by default: the open one and the one whose deadline passed last, newest first.</summary>
    public IReadOnlyList<ReportPeriod> DefaultPeriods(ReportCycle cycle)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        var now = time.GetUtcNow();
        var open = periods.PeriodContaining(cycle.Definition, now);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, cycle.Definition.GetTimeZone()).DateTime);
        var closed = periods.Periods(cycle.Definition, today.AddDays(-400), today).Where(p => p.Due <= now && p.Key != open.Key).MaxBy(p => p.Due);
        return closed is null ? [open] : [open, closed];
    }

    /// <summary>Recent periods of a cycle for a picker (newest first): up to a year back and the open one.</summary>
    public IReadOnlyList<ReportPeriod> RecentPeriods(ReportCycle cycle, int count = 60)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        var now = time.GetUtcNow();
        var open = periods.PeriodContaining(cycle.Definition, now);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, cycle.Definition.GetTimeZone()).DateTime);
        return [.. periods.Periods(cycle.Definition, today.AddDays(-400), today).Where(p => p.Due <= open.Due).Append(open)
            .DistinctBy(p => p.Key).OrderByDescending(p => p.Due).Take(count)];
    }

    /// <summary>The boards of several periods (the home page's open and just-closed ones), reading the directory once.</summary>
    public async Task<IReadOnlyList<BoardView>> BoardsAsync(Actor actor, ReportCycle cycle, IReadOnlyList<ReportPeriod> shown, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shown);
        var snapshot = await directory.LoadAsync(cancellationToken);
        var boards = new List<BoardView>(shown.Count);
        foreach (var period in shown)
        {
            boards.Add(await BoardAsync(actor, cycle, period, snapshot, cancellationToken));
        }

        return boards;
    }

    /// <summary>The board of a period as <paramref name="actor"/> may see it (empty for someone who sees no unit).</summary>
    public async Task<BoardView> BoardAsync(Actor actor, ReportCycle cycle, ReportPeriod period, CancellationToken cancellationToken = default) =>
        await BoardAsync(actor, cycle, period, await directory.LoadAsync(cancellationToken), cancellationToken);

    /// <summary>Same, over a directory snapshot the caller already holds.</summary>
    public async Task<BoardView> BoardAsync(Actor actor, ReportCycle cycle, ReportPeriod period, DirectorySnapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(cycle);
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(snapshot);
        var reports = new List<Report>();
        var exempt = new List<string>();
        foreach (var key in period.StoredKeys)
        {
            reports.AddRange(await ledger.ListStatesAsync(cycle.Key, key, cancellationToken));
            exempt.AddRange(await ledger.ListExemptAsync(cycle.Key, key, cancellationToken));
        }

        var board = PeriodBoard.Build(cycle, period, snapshot, reports, exempt);
        if (!actor.Has(Roles.OfficeStaff))
        {
            board = board with { Entries = [.. board.Entries.Where(e => MaySee(actor, e.Unit.Code))] };
        }

        var people = snapshot.People.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var liaisons = snapshot.LiaisonsByUnit()
            .Where(l => people.ContainsKey(l.Value))
            .ToDictionary(l => l.Key, l => people[l.Value], StringComparer.Ordinal);
        return new BoardView(board, liaisons, period.Due <= time.GetUtcNow());
    }
}
