namespace ChatOps.Core.Supervision;

/// <summary>
/// A county's rectification rate on one day against the milestone of that day (seed 002: ≥ 90 % by the end of May …).
/// <see cref="Percent"/> is null for a day still to come (only the target is known).
/// </summary>
public sealed record TrendPoint(DateOnly Date, int? Target, int Total, int Closed, decimal? Percent)
{
    /// <summary>Below the target on that day.</summary>
    public bool Behind => Target is { } t && Percent is { } p && p < t;
}

/// <summary>
/// The trend of a county's rate: the rate it had on each milestone date that has passed, today's rate, and the targets
/// still ahead. Computed from the problems themselves (a problem counts from the day it was entered and as closed from
/// the day it was closed), so no history table is needed and the trend is the same however often it is read. Pure.
/// </summary>
public static class RateTrend
{
    /// <summary>The points, by date: every milestone (past ones with the rate of that day) and today.</summary>
    /// <param name="problems">One county's problems (any status).</param>
    /// <param name="localDate">The office date of an instant.</param>
    public static IReadOnlyList<TrendPoint> Of(IEnumerable<SupervisionItem> problems, IReadOnlyList<RateMilestone> milestones, DateOnly today, Func<DateTimeOffset, DateOnly> localDate)
    {
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(milestones);
        ArgumentNullException.ThrowIfNull(localDate);
        var list = problems.Where(p => p.Kind == SupervisionKind.Problem).Select(p => (Created: localDate(p.CreatedAt), Closed: p.ClosedAt is { } c ? localDate(c) : (DateOnly?)null)).ToList();
        var dates = milestones.Select(m => m.Date).Append(today).Distinct().Order();
        return [.. dates.Select(date =>
        {
            var target = milestones.Where(m => m.Date <= date).MaxBy(m => m.Date)?.Percent;
            if (date > today)
            {
                return new TrendPoint(date, milestones.First(m => m.Date == date).Percent, 0, 0, null);
            }

            var total = list.Count(p => p.Created <= date);
            var closed = list.Count(p => p.Created <= date && p.Closed is { } c && c <= date);
            return new TrendPoint(date, target, total, closed, total == 0 ? 100m : Math.Round(closed * 100m / total, 1));
        })];
    }
}
