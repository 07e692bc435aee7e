using System.Reflection;
using System.Text.RegularExpressions;

namespace ChatOps.Core.Calendar;

/// <summary>
/// China's working-day calendar: Monday–Friday, minus the official days off, plus the weekends that are make-up
/// working days. Deadlines move to the next working day (顺延) through this class. Years without official data fall
/// back to plain Monday–Friday and report <see cref="HasOfficialData"/> = false so callers can warn instead of
/// guessing a holiday arrangement that the State Council has not published. Cheap to query (dictionary look-ups), so
/// one instance is shared by the whole process; <see cref="Add"/> (the office entering a new year on the console)
/// swaps in a new dictionary, so readers never see a half-added year.
/// </summary>
public sealed partial class WorkCalendar
{
    private const int MaxSearchDays = 366;
    private static readonly Lazy<WorkCalendar> Default = new(() => new WorkCalendar(LoadEmbeddedYears()));
    private readonly Lock _gate = new();
    private SortedDictionary<int, HolidayYear> _years = [];

    /// <summary>Builds a calendar from parsed years; a later year object for the same year replaces an earlier one.</summary>
    public WorkCalendar(IEnumerable<HolidayYear> years)
    {
        ArgumentNullException.ThrowIfNull(years);
        foreach (var year in years)
        {
            _years[year.Year] = year;
        }
    }

    /// <summary>The years that have official data, in order.</summary>
    public IReadOnlyList<HolidayYear> Years => [.. _years.Values];

    /// <summary>The calendar shipped in this assembly (resources ending in <c>Calendar.Data.cn-YYYY.yaml</c>).</summary>
    public static WorkCalendar LoadDefault() => Default.Value;

    /// <summary>
    /// The shipped calendar with the office's own files layered on top: every <c>*.yaml</c>/<c>*.yml</c> file in
    /// <paramref name="extraDataDirectory"/> adds a year or replaces a shipped year as a whole. Null or empty means
    /// the shipped data only; a directory that does not exist is a configuration error and throws.
    /// </summary>
    public static WorkCalendar Load(string? extraDataDirectory) =>
        string.IsNullOrWhiteSpace(extraDataDirectory) ? LoadDefault() : LoadDefault().WithYears(LoadDirectory(extraDataDirectory));

    /// <summary>Parses every <c>*.yaml</c>/<c>*.yml</c> file in a directory; two files for the same year are an error.</summary>
    public static IReadOnlyList<HolidayYear> LoadDirectory(string directory)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException(CalendarText.DirectoryMissing(directory));
        }

        var files = System.IO.Directory.EnumerateFiles(directory, "*.yaml")
            .Concat(System.IO.Directory.EnumerateFiles(directory, "*.yml"))
            .Order(StringComparer.Ordinal);
        var years = new Dictionary<int, HolidayYear>();
        foreach (var file in files)
        {
            var year = HolidayYear.LoadFile(file);
            CheckNameMatchesYear(Path.GetFileName(file), year);
            if (years.TryGetValue(year.Year, out var earlier))
            {
                throw new HolidayDataException(file, null, CalendarText.YearTwice(year.Year, earlier.LoadedFrom));
            }

            years[year.Year] = year;
        }

        return [.. years.Values.OrderBy(y => y.Year)];
    }

    /// <summary>A copy of this calendar with <paramref name="years"/> added or replacing whole years.</summary>
    public WorkCalendar WithYears(IEnumerable<HolidayYear> years) => new(_years.Values.Concat(years));

    /// <summary>Adds a year or replaces it as a whole (copy on write; safe while other threads read).</summary>
    public void Add(HolidayYear year)
    {
        ArgumentNullException.ThrowIfNull(year);
        if (Default.IsValueCreated && ReferenceEquals(this, Default.Value))
        {
            throw new InvalidOperationException("The shipped calendar is shared by the whole process; add years to a copy (new WorkCalendar(LoadDefault().Years)).");
        }

        lock (_gate)
        {
            var copy = new SortedDictionary<int, HolidayYear>(_years) { [year.Year] = year };
            Volatile.Write(ref _years, copy);
        }
    }

    /// <summary>Whether the State Council arrangement for <paramref name="year"/> is loaded.</summary>
    public bool HasOfficialData(int year) => _years.ContainsKey(year);

    /// <summary>The loaded arrangement for <paramref name="year"/>, or null.</summary>
    public HolidayYear? GetYear(int year) => _years.GetValueOrDefault(year);

    /// <summary>Years in the inclusive range that have no official data (the caller warns about these).</summary>
    public IReadOnlyList<int> YearsWithoutData(DateOnly from, DateOnly to) =>
        [.. Enumerable.Range(from.Year, Math.Max(0, to.Year - from.Year + 1)).Where(y => !HasOfficialData(y))];

    /// <summary>True on a weekday that is not a day off, or on a make-up working weekend.</summary>
    public bool IsWorkingDay(DateOnly date) => Describe(date).IsWorkingDay;

    /// <summary>Whether the date is a working day and, from the official data, which festival or make-up day it is.</summary>
    public CalendarDayInfo Describe(DateOnly date)
    {
        var weekday = date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
        if (!_years.TryGetValue(date.Year, out var year))
        {
            return new CalendarDayInfo(date, weekday, null, false);
        }

        if (year.Holidays.TryGetValue(date, out var holiday))
        {
            return new CalendarDayInfo(date, false, holiday, true);
        }

        return year.Workdays.TryGetValue(date, out var workday)
            ? new CalendarDayInfo(date, true, workday, true)
            : new CalendarDayInfo(date, weekday, null, true);
    }

    /// <summary>The date itself when it is a working day, else the first working day after it (顺延).</summary>
    public DateOnly NextWorkingDayOnOrAfter(DateOnly date)
    {
        for (var i = 0; i < MaxSearchDays; i++)
        {
            var candidate = date.AddDays(i);
            if (IsWorkingDay(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(CalendarText.NoWorkingDay(date));
    }

    private static List<HolidayYear> LoadEmbeddedYears()
    {
        var assembly = typeof(WorkCalendar).Assembly;
        var years = new List<HolidayYear>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => EmbeddedName().IsMatch(n)).Order(StringComparer.Ordinal))
        {
            years.Add(LoadResource(assembly, name));
        }

        return years;
    }

    private static HolidayYear LoadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException(CalendarText.ResourceMissing(name));
        using var reader = new StreamReader(stream);
        var year = HolidayYear.Parse(reader.ReadToEnd(), name);
        CheckNameMatchesYear(name, year);
        return year;
    }

    private static void CheckNameMatchesYear(string fileName, HolidayYear year)
    {
        var match = YearInName().Match(fileName);
        if (match.Success && int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) != year.Year)
        {
            throw new HolidayDataException(year.LoadedFrom, null, CalendarText.NameAndYearDisagree(match.Groups[1].Value, year.Year));
        }
    }

    [GeneratedRegex(@"(?:^|\.)Calendar\.Data\.cn-\d{4}\.yaml$")]
    private static partial Regex EmbeddedName();

    [GeneratedRegex(@"(?:^|[.\\/])cn-(\d{4})\.ya?ml$")]
    private static partial Regex YearInName();
}
