using System.Text.RegularExpressions;

namespace ChatOps.Core.Calendar;

/// <summary>
/// The nominal (before 顺延) deadlines of a cycle and what each covers. Nominal deadlines form an ordered sequence
/// with a fixed step, so the calculator can walk it both ways from any date.
/// </summary>
internal static partial class CycleSchedule
{
    public static DateOnly NominalOnOrAfter(ReportCycleDefinition cycle, DateOnly date)
    {
        switch (cycle.Frequency)
        {
            case ReportFrequency.Weekly:
                return date.AddDays(((int)cycle.DueWeekday - (int)date.DayOfWeek + 7) % 7);
            case ReportFrequency.Yearly:
                return YearlyDates(cycle, date.Year).Concat(YearlyDates(cycle, date.Year + 1)).First(d => d >= date);
            case ReportFrequency.Monthly:
                var monthly = new DateOnly(date.Year, date.Month, cycle.DueDayOfMonth);
                return monthly >= date ? monthly : monthly.AddMonths(1);
            default:
                var quarterMonth = ((date.Month - 1) / 3 * 3) + 1;
                var quarterly = new DateOnly(date.Year, quarterMonth, cycle.DueDayOfMonth);
                return quarterly >= date ? quarterly : quarterly.AddMonths(3);
        }
    }

    public static DateOnly Next(ReportCycleDefinition cycle, DateOnly nominal) => Step(cycle, nominal, 1);

    public static DateOnly Previous(ReportCycleDefinition cycle, DateOnly nominal) => Step(cycle, nominal, -1);

    public static DateRange Covers(ReportCycleDefinition cycle, DateOnly nominal)
    {
        if (cycle.Frequency == ReportFrequency.Weekly)
        {
            return new DateRange(nominal.AddDays(-6), nominal);
        }

        if (cycle.Frequency == ReportFrequency.Yearly)
        {
            return new DateRange(Previous(cycle, nominal).AddDays(1), nominal);
        }

        var firstOfDueMonth = new DateOnly(nominal.Year, nominal.Month, 1);
        var months = cycle.Frequency == ReportFrequency.Monthly ? 1 : 3;
        return new DateRange(firstOfDueMonth.AddMonths(-months), firstOfDueMonth.AddDays(-1));
    }

    public static string ComponentKey(ReportCycleDefinition cycle, DateOnly nominal)
    {
        if (cycle.Frequency == ReportFrequency.Weekly)
        {
            var day = nominal.ToDateTime(TimeOnly.MinValue);
            return string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(day)}-W{ISOWeek.GetWeekOfYear(day):00}");
        }

        if (cycle.Frequency == ReportFrequency.Yearly)
        {
            var dates = YearlyDates(cycle, nominal.Year);
            return dates.Count == 1
                ? nominal.Year.ToString(CultureInfo.InvariantCulture)
                : string.Create(CultureInfo.InvariantCulture, $"{nominal.Year}-R{dates.IndexOf(nominal) + 1}");
        }

        var start = Covers(cycle, nominal).Start;
        return cycle.Frequency == ReportFrequency.Monthly
            ? string.Create(CultureInfo.InvariantCulture, $"{start.Year}-{start.Month:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{start.Year}-Q{((start.Month - 1) / 3) + 1}");
    }

    /// <summary>"2026-W40" + "2026-W41" → "2026-W40+W41"; a component in another year keeps its year.</summary>
    public static string JoinKeys(IReadOnlyList<string> keys)
    {
        if (keys.Count == 1)
        {
            return keys[0];
        }

        var year = keys[0][..4] + "-";
        return string.Join("+", keys.Select((k, i) => i > 0 && k.Length > 5 && k.StartsWith(year, StringComparison.Ordinal) ? k[5..] : k));
    }

    /// <summary>
    /// The nominal deadline of the first component of <paramref name="key"/>, or null when the key is well formed
    /// but names no period (week 54). Throws <see cref="FormatException"/> with an example when it is malformed.
    /// </summary>
    public static DateOnly? ParseFirstComponent(ReportCycleDefinition cycle, string key)
    {
        var first = key.Split('+')[0].Trim();
        switch (cycle.Frequency)
        {
            case ReportFrequency.Weekly:
                var week = WeekKey().Match(first);
                if (!week.Success)
                {
                    throw Malformed(cycle, key, "2026-W41");
                }

                var (wy, ww) = (Int(week.Groups[1]), Int(week.Groups[2]));
                return SupportedYear(wy) && ww >= 1 && ww <= ISOWeek.GetWeeksInYear(wy)
                    ? DateOnly.FromDateTime(ISOWeek.ToDateTime(wy, ww, cycle.DueWeekday))
                    : null;
            case ReportFrequency.Yearly:
                var yearly = YearKey().Match(first);
                var single = cycle.DueDates.Count == 1;
                if (!yearly.Success || yearly.Groups[2].Success == single)
                {
                    throw Malformed(cycle, key, single ? "2026" : "2026-R1");
                }

                var yy = Int(yearly.Groups[1]);
                if (!SupportedYear(yy))
                {
                    return null;
                }

                var round = single ? 1 : Int(yearly.Groups[2]);
                var inYear = YearlyDates(cycle, yy);
                return round >= 1 && round <= inYear.Count ? inYear[round - 1] : null;
            case ReportFrequency.Monthly:
                var month = MonthKey().Match(first);
                if (!month.Success)
                {
                    throw Malformed(cycle, key, "2026-10");
                }

                var (my, mm) = (Int(month.Groups[1]), Int(month.Groups[2]));
                return SupportedYear(my) && mm is >= 1 and <= 12 ? new DateOnly(my, mm, cycle.DueDayOfMonth).AddMonths(1) : null;
            default:
                var quarter = QuarterKey().Match(first);
                if (!quarter.Success)
                {
                    throw Malformed(cycle, key, "2026-Q3");
                }

                var (qy, qq) = (Int(quarter.Groups[1]), Int(quarter.Groups[2]));
                return SupportedYear(qy) ? new DateOnly(qy, ((qq - 1) * 3) + 1, cycle.DueDayOfMonth).AddMonths(3) : null;
        }
    }

    private static DateOnly Step(ReportCycleDefinition cycle, DateOnly nominal, int direction) => cycle.Frequency switch
    {
        ReportFrequency.Yearly => direction > 0
            ? YearlyDates(cycle, nominal.Year).Concat(YearlyDates(cycle, nominal.Year + 1)).First(d => d > nominal)
            : YearlyDates(cycle, nominal.Year - 1).Concat(YearlyDates(cycle, nominal.Year)).Last(d => d < nominal),
        ReportFrequency.Weekly => nominal.AddDays(7 * direction),
        ReportFrequency.Monthly => nominal.AddMonths(direction),
        _ => nominal.AddMonths(3 * direction),
    };

    /// <summary>The nominal due days of a yearly cycle in <paramref name="year"/>, in order.</summary>
    private static List<DateOnly> YearlyDates(ReportCycleDefinition cycle, int year) =>
        [.. cycle.YearlyDueDays().Select(d => new DateOnly(year, d.Month, d.Day))];

    private static bool SupportedYear(int year) => year is >= 1900 and <= 9000;

    private static int Int(Group group) => int.Parse(group.Value, CultureInfo.InvariantCulture);

    private static FormatException Malformed(ReportCycleDefinition cycle, string key, string example) =>
        new(CalendarText.NotAPeriodKey(key, cycle.Name, example));

    [GeneratedRegex(@"^(\d{4})-W(\d{1,2})$", RegexOptions.IgnoreCase)]
    private static partial Regex WeekKey();

    [GeneratedRegex(@"^(\d{4})(?:-R(\d{1,2}))?$", RegexOptions.IgnoreCase)]
    private static partial Regex YearKey();

    [GeneratedRegex(@"^(\d{4})-(\d{1,2})$")]
    private static partial Regex MonthKey();

    [GeneratedRegex(@"^(\d{4})-Q([1-4])$", RegexOptions.IgnoreCase)]
    private static partial Regex QuarterKey();
}
