namespace ChatOps.Core.Calendar;

/// <summary>
/// How dates read in Chinese, in one place so every text and document says 11月26日（周四） the same way: the weekday
/// names and the day, month and span forms, never with leading zeros. The times of day stay with their texts (the
/// reports' 17:00, the meetings' 9:00), as do periods (2026年第48周) and the date patterns the parsers match.
/// </summary>
public static class ChineseDates
{
    private static readonly string[] Weekdays = ["周日", "周一", "周二", "周三", "周四", "周五", "周六"];

    /// <summary>A weekday: 周四.</summary>
    public static string Weekday(DayOfWeek day) => Weekdays[(int)day];

    /// <summary>The weekday of a date: 周四.</summary>
    public static string Weekday(DateOnly date) => Weekday(date.DayOfWeek);

    /// <summary>A day of the year: 11月26日.</summary>
    public static string MonthDay(DateOnly date) => string.Create(CultureInfo.InvariantCulture, $"{date.Month}月{date.Day}日");

    /// <summary>A day with its year, as official documents print it: 2026年11月26日.</summary>
    public static string YearMonthDay(DateOnly date) => string.Create(CultureInfo.InvariantCulture, $"{date.Year}年{date.Month}月{date.Day}日");

    /// <summary><see cref="YearMonthDay"/> when <paramref name="withYear"/>, else <see cref="MonthDay"/>.</summary>
    public static string Date(DateOnly date, bool withYear) => withYear ? YearMonthDay(date) : MonthDay(date);

    /// <summary>A day with its weekday: 11月26日（周四）.</summary>
    public static string MonthDayWeekday(DateOnly date) => $"{MonthDay(date)}（{Weekday(date)}）";

    /// <summary>From one day to another: 11月20日至11月26日, or 2026年12月28日至2027年1月3日 with the years.</summary>
    public static string Span(DateOnly from, DateOnly to, bool withYears) => $"{Date(from, withYears)}至{Date(to, withYears)}";

    /// <summary>A month: 2026年11月.</summary>
    public static string YearMonth(int year, int month) => string.Create(CultureInfo.InvariantCulture, $"{year}年{month}月");
}
