namespace ChatOps.Core.Calendar;

/// <summary>How often a report is due; decides what a period covers and how its key is written.</summary>
public enum ReportFrequency
{
    /// <summary>Due every week on <see cref="ReportCycleDefinition.DueWeekday"/>, covering the 7 days ending that day; key = ISO week of the due date ("2026-W48").</summary>
    Weekly,

    /// <summary>Due on <see cref="ReportCycleDefinition.DueDayOfMonth"/> of every month, covering the previous month; key = that month ("2026-10").</summary>
    Monthly,

    /// <summary>Due on <see cref="ReportCycleDefinition.DueDayOfMonth"/> of January, April, July and October, covering the previous quarter; key = that quarter ("2026-Q3").</summary>
    Quarterly,

    /// <summary>
    /// Due on fixed days of every year (<see cref="ReportCycleDefinition.DueDates"/>), each period covering the days since the
    /// previous one; key = the due date's year ("2026") when once a year, the year and round otherwise ("2026-R1", "2026-R2").
    /// </summary>
    Yearly,
}

/// <summary>
/// A reporting cycle as data (周报, 季报…), so an office's rules live in configuration rather than code. The deadline is a
/// nominal date and an office-local time; <see cref="PeriodCalculator"/> applies 顺延 and merging on top.
/// </summary>
public sealed record ReportCycleDefinition
{
    /// <summary>Default office time zone (China Standard Time, no daylight saving).</summary>
    public const string DefaultTimeZoneId = "Asia/Shanghai";

    /// <summary>Stable identifier, e.g. "weekly".</summary>
    public required string Key { get; init; }

    /// <summary>Chinese name shown to users, e.g. 周报.</summary>
    public required string Name { get; init; }

    public required ReportFrequency Frequency { get; init; }

    /// <summary>Weekly cycles: the weekday the report is due.</summary>
    public DayOfWeek DueWeekday { get; init; } = DayOfWeek.Thursday;

    /// <summary>Monthly and quarterly cycles: day of the month after the covered period (1–28, so every month has it).</summary>
    public int DueDayOfMonth { get; init; } = 5;

    /// <summary>Yearly cycles: the nominal due days as "MM-dd" ("12-31"), each once a year; 29 February is refused.</summary>
    public IReadOnlyList<string> DueDates { get; init; } = [];

    /// <summary>Office-local time of day of the deadline.</summary>
    public TimeOnly DueTime { get; init; } = new(17, 0);

    /// <summary>IANA (or Windows) time zone id of the office.</summary>
    public string TimeZoneId { get; init; } = DefaultTimeZoneId;

    /// <summary>周报: every Thursday 17:00 for the week Friday–Thursday (seed 000 第十六条：每周四17:00前报送).</summary>
    public static ReportCycleDefinition Weekly { get; } = new()
    {
        Key = "weekly",
        Name = "周报",
        Frequency = ReportFrequency.Weekly,
        DueWeekday = DayOfWeek.Thursday,
    };

    /// <summary>季报: the 5th of Jan/Apr/Jul/Oct 17:00 for the previous quarter, 顺延 over holidays (seed 003 八(二)).</summary>
    public static ReportCycleDefinition Quarterly { get; } = new()
    {
        Key = "quarterly",
        Name = "季报",
        Frequency = ReportFrequency.Quarterly,
        DueDayOfMonth = 5,
    };

    /// <summary>
    /// 卫生城镇巩固年报: 12月31日 17:00 for the year, 顺延 over holidays (seed 004 十八: 州、市爱卫办每年12月底向省爱卫办书面报告卫生城镇巩固监督检查情况).
    /// </summary>
    public static ReportCycleDefinition HygieneAnnual { get; } = new()
    {
        Key = "hygiene-annual",
        Name = "卫生城镇巩固年报",
        Frequency = ReportFrequency.Yearly,
        DueDates = ["12-31"],
    };

    /// <summary>
    /// 综合整治提升行动报告: after each of the (at least two) yearly clean-up campaigns (seed 004 十七: 每年至少开展两次综合整治提升行动，
    /// 并向州、市爱卫办报送书面材料); by default 30 June and 30 November, before the December annual report that cites them.
    /// </summary>
    public static ReportCycleDefinition CleanupCampaign { get; } = new()
    {
        Key = "cleanup",
        Name = "综合整治提升行动报告",
        Frequency = ReportFrequency.Yearly,
        DueDates = ["06-30", "11-30"],
    };

    /// <summary>Yearly cycles: the due days as (month, day), in calendar order. Throws <see cref="ArgumentException"/> when one is not a day.</summary>
    public IReadOnlyList<(int Month, int Day)> YearlyDueDays()
    {
        var days = new List<(int Month, int Day)>();
        foreach (var text in DueDates)
        {
            var parts = (text ?? "").Trim().Split('-');
            if (parts.Length != 2 || !int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var month)
                || !int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var day)
                || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(2023, month))
            {
                throw new ArgumentException(CalendarText.DueDateInvalid(Key, text), nameof(DueDates));
            }

            days.Add((month, day));
        }

        if (days.Distinct().Count() != days.Count)
        {
            throw new ArgumentException(CalendarText.DueDatesRepeated(Key), nameof(DueDates));
        }

        return [.. days.Order()];
    }

    /// <summary>Throws <see cref="ArgumentException"/> with a Chinese message when the definition cannot be computed.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Key))
        {
            throw new ArgumentException(CalendarText.CycleKeyMissing, nameof(Key));
        }

        if (string.IsNullOrWhiteSpace(Name))
        {
            throw new ArgumentException(CalendarText.CycleNameMissing(Key), nameof(Name));
        }

        if (!Enum.IsDefined(Frequency))
        {
            throw new ArgumentException(CalendarText.FrequencyInvalid(Key, Frequency), nameof(Frequency));
        }

        if (!Enum.IsDefined(DueWeekday))
        {
            throw new ArgumentException(CalendarText.DueWeekdayInvalid(Key, DueWeekday), nameof(DueWeekday));
        }

        if (Frequency == ReportFrequency.Yearly && YearlyDueDays().Count == 0)
        {
            throw new ArgumentException(CalendarText.DueDatesMissing(Key), nameof(DueDates));
        }

        if (Frequency is ReportFrequency.Monthly or ReportFrequency.Quarterly && DueDayOfMonth is < 1 or > 28)
        {
            throw new ArgumentException(CalendarText.DueDayOfMonthInvalid(Key, DueDayOfMonth), nameof(DueDayOfMonth));
        }

        _ = GetTimeZone();
    }

    /// <summary>Resolves <see cref="TimeZoneId"/>; the system caches the zone, so this is cheap to call repeatedly.</summary>
    public TimeZoneInfo GetTimeZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new ArgumentException(CalendarText.TimeZoneInvalid(Key, TimeZoneId), nameof(TimeZoneId), ex);
        }
    }
}
