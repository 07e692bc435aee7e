namespace ChatOps.Core.Calendar;

/// <summary>
/// One line per period for the CLI and bot replies, in office-local time, e.g.
/// <c>2026-W40+W41  2026-09-25 ~ 2026-10-08  截止 2026-10-08（周四）17:00  顺延</c>.
/// Keys are padded to a common width so a listing lines up.
/// </summary>
public static class PeriodFormatter
{
    public static string FormatLine(ReportPeriod period, ReportCycleDefinition cycle, int keyWidth = 0)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(cycle);
        var local = TimeZoneInfo.ConvertTime(period.Due, cycle.GetTimeZone());
        var line = CalendarText.PeriodLine(period.Key.PadRight(keyWidth), period.Covers, local);
        if (period.Postponed)
        {
            line += "  " + CalendarText.Postponed;
        }

        if (period.UsesFallbackCalendar)
        {
            line += "  " + CalendarText.FallbackCalendar;
        }

        return line;
    }

    public static IReadOnlyList<string> FormatLines(IEnumerable<ReportPeriod> periods, ReportCycleDefinition cycle)
    {
        ArgumentNullException.ThrowIfNull(periods);
        var list = periods.ToList();
        var width = list.Count == 0 ? 0 : list.Max(p => p.Key.Length);
        return [.. list.Select(p => FormatLine(p, cycle, width))];
    }
}
