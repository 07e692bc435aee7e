using ChatOps.Core.Calendar;

namespace ChatOps.Core.Reports;

/// <summary>The office's name and time zone: deadlines and times are shown in office time.</summary>
public sealed record OfficeProfile(string Name, TimeZoneInfo Zone)
{
    /// <summary>An instant in office time.</summary>
    public DateTime Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone).DateTime;
}

/// <summary>How periods, deadlines and times read in Chinese: 2026年第48周（11月20日至11月26日）, 11月26日（周四）17:00.</summary>
public static class PeriodText
{
    private static readonly string[] Quarters = ["第一季度", "第二季度", "第三季度", "第四季度"];

    /// <summary>The period as the office names it.</summary>
    public static string Label(ReportCycle cycle, ReportPeriod period)
    {
        var c = period.Covers;
        string Range() => ChineseDates.Span(c.Start, c.End, withYears: c.Start.Year != c.End.Year);
        switch (cycle.Definition.Frequency)
        {
            case ReportFrequency.Weekly:
                var weeks = period.ComponentKeys.Select(k => int.Parse(k[(k.IndexOf('W', StringComparison.Ordinal) + 1)..], CultureInfo.InvariantCulture)).ToList();
                var year = period.ComponentKeys[0][..4];
                var w = weeks.Count == 1 ? $"第{weeks[0]}周" : $"第{weeks[0]}—{weeks[^1]}周";
                return $"{year}年{w}（{Range()}）";
            case ReportFrequency.Quarterly:
                return string.Join("、", period.ComponentKeys.Select(k => $"{k[..4]}年{Quarters[k[^1] - '1']}"));
            case ReportFrequency.Yearly:
                return string.Join("、", period.ComponentKeys.Select(k => k.Length == 4 ? $"{k}年度" : $"{k[..4]}年第{k[6..]}次")) + $"（{Range()}）";
            default:
                return $"{period.Key}（{Range()}）";
        }
    }

    /// <summary>An instant as a day and time: 11月26日（周四）17:00.</summary>
    public static string When(DateTimeOffset instant, OfficeProfile office)
    {
        var local = office.Local(instant);
        return $"{ChineseDates.MonthDayWeekday(DateOnly.FromDateTime(local))}{local:HH:mm}";
    }

    /// <summary>A deadline, noting 顺延 when the official calendar moved it.</summary>
    public static string Deadline(ReportPeriod period, OfficeProfile office) =>
        When(period.Due, office) + (period.Postponed ? "（遇节假日顺延）" : "");
}
