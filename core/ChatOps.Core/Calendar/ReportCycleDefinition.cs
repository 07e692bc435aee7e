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

    /// <summary>Throws <see cref="ArgumentException"/> with a Chinese message when the definition cannot be computed.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Key))
        {
            throw new ArgumentException("报送周期缺少 Key", nameof(Key));
        }

        if (string.IsNullOrWhiteSpace(Name))
        {
            throw new ArgumentException($"报送周期 {Key} 缺少名称", nameof(Name));
        }

        if (!Enum.IsDefined(Frequency))
        {
            throw new ArgumentException($"报送周期 {Key} 的频率 {Frequency} 无效", nameof(Frequency));
        }

        if (!Enum.IsDefined(DueWeekday))
        {
            throw new ArgumentException($"报送周期 {Key} 的截止星期 {DueWeekday} 无效", nameof(DueWeekday));
        }

        if (Frequency != ReportFrequency.Weekly && DueDayOfMonth is < 1 or > 28)
        {
            throw new ArgumentException($"报送周期 {Key} 的截止日应在 1–28 日之间，实际是 {DueDayOfMonth}", nameof(DueDayOfMonth));
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
            throw new ArgumentException($"报送周期 {Key} 的时区“{TimeZoneId}”无效", nameof(TimeZoneId), ex);
        }
    }
}
