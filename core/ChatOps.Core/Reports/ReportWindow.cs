using ChatOps.Core.Calendar;

namespace ChatOps.Core.Reports;

/// <summary>Whether a period can be reported through 填报 now.</summary>
public enum PeriodOpening
{
    /// <summary>The current period, due within <see cref="ReportWindow.OpensBeforeDue"/> (or already started): 填报 offers it.</summary>
    Due,

    /// <summary>The previous period, past its deadline and not submitted: 填报 offers it as a late report (迟报).</summary>
    Overdue,

    /// <summary>The current period, too far from its deadline to be filled in yet.</summary>
    NotYetOpen,

    /// <summary>The previous period, already submitted or waiting for review: nothing to fill in.</summary>
    Done,
}

/// <summary>One period of one cycle for one unit, with its report (if any) and whether 填报 offers it.</summary>
public sealed record PeriodSlot(Unit Unit, ReportCycle Cycle, ReportPeriod Period, Report? Report, PeriodOpening Opening)
{
    /// <summary>True when 填报 offers this period.</summary>
    public bool CanFill => Opening is PeriodOpening.Due or PeriodOpening.Overdue;

    /// <summary>True for a period past its deadline.</summary>
    public bool IsLate => Opening is PeriodOpening.Overdue;
}

/// <summary>
/// The one rule of which periods are open to a unit (issue 10 item 5): 填报 offers exactly the slots with
/// <see cref="PeriodSlot.CanFill"/>, and 状态 lists the same slots, inviting 填报 only for those — so the two never
/// disagree. Per cycle: the current period (open from <see cref="OpensBeforeDue"/> before its deadline, or as soon as
/// a report exists) and the previous one (open for a late report until it is no longer the previous period, whatever
/// the cycle's length — a quarterly report missed in October can still be filed in November). One query per slot.
/// </summary>
public sealed class ReportWindow(ReportCycles cycles, PeriodCalculator periods)
{
    /// <summary>How long before its deadline the current period opens.</summary>
    public static readonly TimeSpan OpensBeforeDue = TimeSpan.FromDays(14);

    /// <summary>The previous and current period of every cycle covering <paramref name="unit"/>, in cycle order, current first.</summary>
    public async Task<IReadOnlyList<PeriodSlot>> SlotsAsync(Unit unit, IUnitOfWork work, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(work);
        var slots = new List<PeriodSlot>();
        foreach (var cycle in cycles.All.Where(c => c.Covers(unit)))
        {
            var current = periods.PeriodContaining(cycle.Definition, now);
            var report = await work.Reports.FindAsync(cycle.Key, current.Key, unit.Code, cancellationToken);
            var opening = current.Due - now <= OpensBeforeDue || report is not null ? PeriodOpening.Due : PeriodOpening.NotYetOpen;
            slots.Add(new PeriodSlot(unit, cycle, current, report, opening));

            var previous = Previous(cycle, current);
            if (previous is not null)
            {
                var old = await work.Reports.FindAsync(cycle.Key, previous.Key, unit.Code, cancellationToken);
                var done = old is { Status: ReportStatus.Submitted or ReportStatus.PendingReview };
                slots.Add(new PeriodSlot(unit, cycle, previous, old, done ? PeriodOpening.Done : PeriodOpening.Overdue));
            }
        }

        return slots;
    }

    /// <summary>The slots 填报 offers to someone who reports for <paramref name="units"/>.</summary>
    public async Task<IReadOnlyList<PeriodSlot>> OpenAsync(IEnumerable<Unit> units, IUnitOfWork work, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(units);
        var open = new List<PeriodSlot>();
        foreach (var unit in units)
        {
            open.AddRange((await SlotsAsync(unit, work, now, cancellationToken)).Where(s => s.CanFill));
        }

        return open;
    }

    /// <summary>
    /// The period before <paramref name="current"/>: the last one due before it. Searched by deadline up to the end of
    /// the current period, because a quarter's report falls due inside the next quarter (2026-Q3 is due in October,
    /// when 2026-Q4 is current) — searching only before the current period's start found 2026-Q2 instead.
    /// </summary>
    public ReportPeriod? Previous(ReportCycle cycle, ReportPeriod current)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        ArgumentNullException.ThrowIfNull(current);
        return periods.Periods(cycle.Definition, current.Covers.End.AddDays(-400), current.Covers.End)
            .LastOrDefault(p => p.Due < current.Due);
    }
}
