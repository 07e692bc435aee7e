namespace ChatOps.Core.Calendar;

/// <summary>
/// Turns a <see cref="ReportCycleDefinition"/> and the <see cref="WorkCalendar"/> into concrete report periods.
/// A nominal deadline on a non-working day moves to the next working day at the same office-local time (顺延).
/// Moving is monotonic, so a moved deadline can only catch up with the next period's deadline by landing on the
/// same day; such runs are reported once, as one merged period. Pure computation, no clock: callers pass instants
/// (from their TimeProvider).
/// </summary>
public sealed class PeriodCalculator
{
    private readonly WorkCalendar _calendar;

    public PeriodCalculator(WorkCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        _calendar = calendar;
    }

    public WorkCalendar Calendar => _calendar;

    /// <summary>
    /// The periods whose (postponed) deadline falls on an office-local date in [<paramref name="from"/>, <paramref name="to"/>].
    /// Merging looks past both ends, so a period merged with one outside the range is still returned whole.
    /// </summary>
    public IReadOnlyList<ReportPeriod> Periods(ReportCycleDefinition cycle, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        cycle.Validate();
        if (to < from)
        {
            throw new ArgumentException(CalendarText.EndBeforeStart(from, to), nameof(to));
        }

        return [.. GroupsFrom(cycle, FirstGroupDueOnOrAfter(cycle, from)).TakeWhile(g => g.DueDate <= to).Select(g => g.Period)];
    }

    /// <summary>The period open for reporting at <paramref name="instant"/>: the first whose deadline is after it.</summary>
    public ReportPeriod PeriodContaining(ReportCycleDefinition cycle, DateTimeOffset instant)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        cycle.Validate();
        var localDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, cycle.GetTimeZone()).DateTime);
        return GroupsFrom(cycle, FirstGroupDueOnOrAfter(cycle, localDate)).First(g => g.Period.Due > instant).Period;
    }

    /// <summary>
    /// The period with <paramref name="key"/>. A component key of a merged period ("2026-W41") finds the merged period
    /// ("2026-W40+W41"); a joined key must match the merge exactly. Null when no such period exists; a key in the
    /// wrong format throws <see cref="FormatException"/> with an example of the right one.
    /// </summary>
    public ReportPeriod? Find(ReportCycleDefinition cycle, string key)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        ArgumentNullException.ThrowIfNull(key);
        cycle.Validate();
        if (CycleSchedule.ParseFirstComponent(cycle, key) is not { } nominal)
        {
            return null;
        }

        var due = Effective(nominal);
        for (var previous = CycleSchedule.Previous(cycle, nominal); Effective(previous) == due; previous = CycleSchedule.Previous(cycle, previous))
        {
            nominal = previous;
        }

        var period = GroupsFrom(cycle, nominal).First().Period;
        var wanted = key.Trim();
        var matches = wanted.Contains('+', StringComparison.Ordinal)
            ? string.Equals(period.Key, wanted, StringComparison.OrdinalIgnoreCase)
            : period.ComponentKeys.Contains(wanted, StringComparer.OrdinalIgnoreCase);
        return matches ? period : null;
    }

    /// <summary>The first nominal deadline whose postponed date is on or after <paramref name="date"/>; always the start of a merge run.</summary>
    private DateOnly FirstGroupDueOnOrAfter(ReportCycleDefinition cycle, DateOnly date)
    {
        var nominal = CycleSchedule.NominalOnOrAfter(cycle, date);
        for (var previous = CycleSchedule.Previous(cycle, nominal); Effective(previous) >= date; previous = CycleSchedule.Previous(cycle, previous))
        {
            nominal = previous;
        }

        return nominal;
    }

    /// <summary>Periods in order, starting with the run that begins at <paramref name="first"/> (which must start a run).</summary>
    private IEnumerable<(ReportPeriod Period, DateOnly DueDate)> GroupsFrom(ReportCycleDefinition cycle, DateOnly first)
    {
        var zone = cycle.GetTimeZone();
        var nominal = first;
        var due = Effective(nominal);
        while (true)
        {
            var members = new List<DateOnly> { nominal };
            var next = CycleSchedule.Next(cycle, nominal);
            var nextDue = Effective(next);
            while (nextDue == due)
            {
                members.Add(next);
                next = CycleSchedule.Next(cycle, next);
                nextDue = Effective(next);
            }

            yield return (Build(cycle, zone, members, due), due);
            nominal = next;
            due = nextDue;
        }
    }

    private ReportPeriod Build(ReportCycleDefinition cycle, TimeZoneInfo zone, List<DateOnly> members, DateOnly dueDate)
    {
        var keys = members.Select(m => CycleSchedule.ComponentKey(cycle, m)).ToArray();
        var covers = new DateRange(CycleSchedule.Covers(cycle, members[0]).Start, CycleSchedule.Covers(cycle, members[^1]).End);
        var fallback = _calendar.YearsWithoutData(members[0], dueDate).Count > 0;
        return new ReportPeriod(
            cycle.Key,
            CycleSchedule.JoinKeys(keys),
            keys,
            covers,
            ToUtc(dueDate, cycle.DueTime, zone),
            ToUtc(members[0], cycle.DueTime, zone),
            dueDate != members[0],
            fallback);
    }

    private DateOnly Effective(DateOnly nominal) => _calendar.NextWorkingDayOnOrAfter(nominal);

    /// <summary>
    /// Office-local date and time to a UTC instant. In zones with daylight saving a skipped or repeated local time
    /// takes the zone's standard offset; Asia/Shanghai has neither.
    /// </summary>
    internal static DateTimeOffset ToUtc(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
