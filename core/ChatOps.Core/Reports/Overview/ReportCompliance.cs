using ChatOps.Core.Calendar;

namespace ChatOps.Core.Reports.Overview;

/// <summary>One unit's record for a month.</summary>
/// <param name="Due">Periods it had to report (its cycles' periods whose deadline fell in the month and has passed; 免报 not counted).</param>
/// <param name="OnTime">Reported by the deadline (a report waiting for review counts by its submission time).</param>
/// <param name="Late">Reported after the deadline.</param>
/// <param name="Missing">Not reported (nothing, a draft, or returned and not resubmitted).</param>
/// <param name="Returned">Times a reviewer returned one of these reports.</param>
/// <param name="Exempt">Periods exempt (免报).</param>
/// <param name="Rank">1 for the best; equal records share a rank.</param>
public sealed record ComplianceRow(Unit Unit, int Due, int OnTime, int Late, int Missing, int Returned, int Exempt, int Rank)
{
    /// <summary>On-time rate, 0–1; null when nothing was due.</summary>
    public double? Rate => Due == 0 ? null : (double)OnTime / Due;

    /// <summary>The rate as printed: 87.5%, or — when nothing was due.</summary>
    public string RateText => ComplianceMonth.Percent(Rate);
}

/// <summary>A month's compliance (报送统计) over every unit the person may see, ranked.</summary>
public sealed record ComplianceMonth(int Year, int Month, IReadOnlyList<(ReportCycle Cycle, ReportPeriod Period)> Periods, IReadOnlyList<ComplianceRow> Rows)
{
    /// <summary>Sum of <see cref="ComplianceRow.Due"/>.</summary>
    public int Due => Rows.Sum(r => r.Due);

    /// <summary>Sum of on-time reports.</summary>
    public int OnTime => Rows.Sum(r => r.OnTime);

    /// <summary>Sum of late reports.</summary>
    public int Late => Rows.Sum(r => r.Late);

    /// <summary>Sum of missing reports.</summary>
    public int Missing => Rows.Sum(r => r.Missing);

    /// <summary>Sum of returns.</summary>
    public int Returned => Rows.Sum(r => r.Returned);

    /// <summary>The overall on-time rate.</summary>
    public double? Rate => Due == 0 ? null : (double)OnTime / Due;

    /// <summary>A rate as printed (one decimal, or — ).</summary>
    public static string Percent(double? rate) =>
        rate is { } r ? (r * 100).ToString(r * 100 % 1 == 0 ? "0" : "0.0", System.Globalization.CultureInfo.InvariantCulture) + "%" : "—";
}

/// <summary>
/// 报送统计: per unit and month — due, on time, late, missing, returned — with the on-time rate and a ranking (seed 000
/// 第十九条 评估考核, 第二十条 通报 of 信息沟通和相关材料报送情况). A period belongs to the month its deadline falls in
/// (office time), and counts once its deadline has passed. States come from <see cref="PeriodBoard.StateOf"/>, the rule
/// every view uses. Office staff see every unit; a reviewing leader their own.
/// </summary>
public sealed class ReportCompliance(ReportOverview overview, IDirectoryRepository directory, ReportCycles cycles, PeriodCalculator periods, IReportLedger ledger, OfficeProfile office, TimeProvider time)
{
    /// <summary>The month's record.</summary>
    /// <exception cref="ArgumentException">When the month is not 1–12 or the year is out of range.</exception>
    /// <exception cref="UnauthorizedAccessException">When <paramref name="actor"/> sees no reports.</exception>
    public async Task<ComplianceMonth> MonthAsync(Actor actor, int year, int month, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (year is < 2000 or > 2100 || month is < 1 or > 12)
        {
            throw new ArgumentException(ReportText.BadMonth);
        }

        if (!ReportOverview.MaySeeAny(actor))
        {
            throw new UnauthorizedAccessException(ReportText.NotYourUnit);
        }

        var now = time.GetUtcNow();
        var first = new DateOnly(year, month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        var snapshot = await directory.LoadAsync(cancellationToken);
        var chosen = new List<(ReportCycle, ReportPeriod)>();
        var tally = new Dictionary<string, int[]>(StringComparer.Ordinal);
        var reportUnits = new Dictionary<long, string>();
        foreach (var cycle in cycles.All)
        {
            // A quarter's deadline can fall a month after it ends: look well before the month.
            foreach (var period in periods.Periods(cycle.Definition, first.AddDays(-130), last.AddDays(10)).DistinctBy(p => p.Key))
            {
                var dueDay = DateOnly.FromDateTime(office.Local(period.Due));
                if (dueDay < first || dueDay > last || period.Due > now)
                {
                    continue;
                }

                chosen.Add((cycle, period));
                var view = await overview.BoardAsync(actor, cycle, period, snapshot, cancellationToken);
                foreach (var entry in view.Board.Entries)
                {
                    if (!tally.TryGetValue(entry.Unit.Code, out var t))
                    {
                        tally[entry.Unit.Code] = t = new int[6];
                    }

                    if (entry.Report is { } r)
                    {
                        reportUnits[r.Id] = entry.Unit.Code;
                    }

                    var column = entry.State switch
                    {
                        BoardState.Submitted => 1,
                        BoardState.Late => 2,
                        BoardState.PendingReview => entry.IsLate ? 2 : 1,
                        BoardState.Exempt => 5,
                        _ => 3,
                    };
                    t[column]++;
                    if (column != 5)
                    {
                        t[0]++;
                    }
                }
            }
        }

        // Returns of these reports, whenever they happened (a late-month deadline is often reviewed the next month).
        var from = new DateTimeOffset(first.AddDays(-130).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        foreach (var id in reportUnits.Count == 0 ? [] : await ledger.ListReturnsAsync(from, now.AddMinutes(1), cancellationToken))
        {
            if (reportUnits.TryGetValue(id, out var code))
            {
                tally[code][4]++;
            }
        }

        var rows = InDirectoryOrder(snapshot.Units)
            .Where(u => tally.ContainsKey(u.Code))
            .Select(u => (Unit: u, T: tally[u.Code]))
            .Select(x => new ComplianceRow(x.Unit, x.T[0], x.T[1], x.T[2], x.T[3], x.T[4], x.T[5], 0))
            .ToList();
        return new ComplianceMonth(year, month, chosen, Rank(rows));
    }

    /// <summary>Ranks by on-time rate (higher first), then fewer missing, then fewer late; units with nothing due come last.</summary>
    public static IReadOnlyList<ComplianceRow> Rank(IReadOnlyList<ComplianceRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var ordered = rows.Select((r, i) => (Row: r, Index: i))
            .OrderBy(x => x.Row.Due == 0 ? 1 : 0)
            .ThenByDescending(x => x.Row.Rate ?? -1)
            .ThenBy(x => x.Row.Missing)
            .ThenBy(x => x.Row.Late)
            .ThenBy(x => x.Index)
            .Select(x => x.Row)
            .ToList();
        var ranked = new List<ComplianceRow>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var r = ordered[i];
            var same = i > 0 && ordered[i - 1] is var p && p.Rate == r.Rate && p.Missing == r.Missing && p.Late == r.Late && (p.Due == 0) == (r.Due == 0);
            ranked.Add(r with { Rank = same ? ranked[i - 1].Rank : i + 1 });
        }

        return ranked;
    }

    private static IEnumerable<Unit> InDirectoryOrder(IReadOnlyList<Unit> units) =>
        units.Select((unit, index) => (unit, index)).OrderBy(u => u.unit.SortOrder).ThenBy(u => u.index).Select(u => u.unit);
}
