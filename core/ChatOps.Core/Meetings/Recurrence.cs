using ChatOps.Core.Calendar;

namespace ChatOps.Core.Meetings;

/// <summary>How often a recurring meeting is held.</summary>
public enum RecurrenceKind
{
    /// <summary>Every week on one weekday (办公室会议, 周例会 每周二).</summary>
    Weekly,

    /// <summary>Every month on one day (领导小组会议 每月1次); in a shorter month, its last day.</summary>
    Monthly,
}

/// <summary>
/// The rule of a recurring meeting, written as office staff type it: <c>weekly:TUE</c> (also <c>weekly:周二</c>) or
/// <c>monthly:15</c>. It yields the dates (slots) of the occurrences; times are added by <see cref="MeetingCalendar"/>.
/// </summary>
public sealed record Recurrence(RecurrenceKind Kind, DayOfWeek Weekday = DayOfWeek.Monday, int DayOfMonth = 1)
{
    private static readonly string[] English = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    /// <summary>Every week on <paramref name="weekday"/>.</summary>
    public static Recurrence Weekly(DayOfWeek weekday) => new(RecurrenceKind.Weekly, weekday);

    /// <summary>Every month on <paramref name="day"/> (1–31).</summary>
    public static Recurrence Monthly(int day) => new(RecurrenceKind.Monthly, DayOfMonth: day);

    /// <summary>The stored and typed form: <c>weekly:TUE</c>, <c>monthly:15</c>.</summary>
    public override string ToString() => Kind == RecurrenceKind.Weekly
        ? $"weekly:{English[(int)Weekday]}"
        : string.Create(CultureInfo.InvariantCulture, $"monthly:{DayOfMonth}");

    /// <summary>Parses <c>weekly:TUE</c> / <c>weekly:周二</c> / <c>monthly:15</c>; null when it is not a rule.</summary>
    public static Recurrence? Parse(string? text)
    {
        var t = (text ?? "").Trim().Replace('：', ':');
        var colon = t.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return null;
        }

        var kind = t[..colon].Trim().ToLowerInvariant();
        var value = t[(colon + 1)..].Trim();
        return kind switch
        {
            "weekly" or MeetingText.EveryWeek => ParseWeekday(value) is { } day ? Weekly(day) : null,
            "monthly" or MeetingText.EveryMonth => int.TryParse(value.TrimEnd('日', '号'), NumberStyles.None, CultureInfo.InvariantCulture, out var d) && d is >= 1 and <= 31 ? Monthly(d) : null,
            _ => null,
        };
    }

    /// <summary>A weekday as typed: TUE, Tuesday, 周二, 星期二, 2 (the Chinese names are <see cref="ChineseDates.Weekday(DayOfWeek)"/>'s).</summary>
    public static DayOfWeek? ParseWeekday(string text)
    {
        var t = text.Trim();
        for (var i = 0; i < 7; i++)
        {
            if (string.Equals(t, English[i], StringComparison.OrdinalIgnoreCase) || MeetingText.IsWeekdayName(t, (DayOfWeek)i) ||
                string.Equals(t, ((DayOfWeek)i).ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return (DayOfWeek)i;
            }
        }

        return int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 7 ? (DayOfWeek)(n % 7) : null;
    }

    /// <summary>True when <paramref name="date"/> is a date of this rule.</summary>
    public bool Matches(DateOnly date) => Kind == RecurrenceKind.Weekly
        ? date.DayOfWeek == Weekday
        : date.Day == Math.Min(DayOfMonth, DateTime.DaysInMonth(date.Year, date.Month));

    /// <summary>The first date of the rule strictly after <paramref name="after"/>.</summary>
    public DateOnly Next(DateOnly after)
    {
        if (Kind == RecurrenceKind.Weekly)
        {
            var days = ((int)Weekday - (int)after.DayOfWeek + 7) % 7;
            return after.AddDays(days == 0 ? 7 : days);
        }

        var candidate = InMonth(after.Year, after.Month);
        if (candidate > after)
        {
            return candidate;
        }

        var next = after.AddMonths(1);
        return InMonth(next.Year, next.Month);
    }

    /// <summary>The dates of the rule from <paramref name="first"/> (included when it matches) on.</summary>
    public IEnumerable<DateOnly> DatesFrom(DateOnly first)
    {
        var date = Matches(first) ? first : Next(first);
        while (true)
        {
            yield return date;
            date = Next(date);
        }
    }

    private DateOnly InMonth(int year, int month) => new(year, month, Math.Min(DayOfMonth, DateTime.DaysInMonth(year, month)));
}

/// <summary>One occurrence of a series as the calendar sees it: its date, its times, and whether it is a working day.</summary>
/// <param name="Slot">The date the rule gives it.</param>
/// <param name="Day">The official calendar's view of the date.</param>
public sealed record PlannedOccurrence(DateOnly Slot, DateTimeOffset StartsAt, DateTimeOffset EndsAt, CalendarDayInfo Day)
{
    /// <summary>True when the date is not a working day (a public holiday, or a weekend that is not a make-up workday).</summary>
    public bool FallsOnDayOff => !Day.IsWorkingDay;

    /// <summary>Why the day is off, in words: 国庆节假期, 周六（休息日）; null on a working day.</summary>
    public string? DayOffNote => Day.IsWorkingDay ? null
        : MeetingText.DayOff(Slot, Day.Name);
}

/// <summary>
/// Expands a series into occurrences in the office's time zone, checking each date against the same official holiday
/// calendar the reports use (<see cref="WorkCalendar"/>): a recurring meeting on a public holiday is flagged, never
/// silently held.
/// </summary>
public sealed class MeetingCalendar(WorkCalendar calendar, TimeZoneInfo zone)
{
    /// <summary>The working-day calendar.</summary>
    public WorkCalendar Calendar => calendar;

    /// <summary>The office time zone.</summary>
    public TimeZoneInfo Zone => zone;

    /// <summary>The occurrence of <paramref name="series"/> on <paramref name="slot"/>.</summary>
    public PlannedOccurrence Occurrence(MeetingSeries series, DateOnly slot)
    {
        var start = ToInstant(slot, series.StartTime);
        return new PlannedOccurrence(slot, start, start.AddMinutes(series.DurationMinutes), calendar.Describe(slot));
    }

    /// <summary>
    /// The occurrences after <paramref name="afterSlot"/> (or from the series' first date when null), in order, lazily.
    /// </summary>
    public IEnumerable<PlannedOccurrence> Expand(MeetingSeries series, DateOnly? afterSlot = null) =>
        (afterSlot is { } after ? series.Rule.DatesFrom(after.AddDays(1)) : series.Rule.DatesFrom(series.FirstDate))
            .Select(d => Occurrence(series, d));

    /// <summary>
    /// The first occurrence after <paramref name="afterSlot"/> that starts after <paramref name="now"/> — the next one
    /// to announce (slots that passed while nobody ran are not made up).
    /// </summary>
    public PlannedOccurrence NextAfter(MeetingSeries series, DateOnly? afterSlot, DateTimeOffset now) =>
        Expand(series, afterSlot).First(o => o.StartsAt > now);

    /// <summary>A local date and time in the office zone as an instant.</summary>
    public DateTimeOffset ToInstant(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>The office-local date of an instant.</summary>
    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
}
