using System.Text.RegularExpressions;

namespace ChatOps.Core.Calendar;

/// <summary>The years the office entered itself, as the YAML the shipped calendar uses (implemented by storage).</summary>
public interface IHolidayYearStore
{
    /// <summary>Every stored year's YAML, by year.</summary>
    Task<IReadOnlyList<(int Year, string Yaml)>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Stores a year, replacing one stored before.</summary>
    Task SaveAsync(int year, string yaml, string enteredBy, DateTimeOffset at, CancellationToken cancellationToken = default);
}

/// <summary>
/// The office enters a new year's arrangement from the State Council's notice (放假 and 调休上班 days) or uploads it as
/// a <c>cn-YYYY.yaml</c> file; either way it is checked by the same parser as the shipped years (every error with its
/// line, nothing stored on any error), stored, and added to the running calendar at once, so deadlines move (顺延)
/// from then on. Office staff only.
/// </summary>
public sealed partial class HolidayEntryService(IHolidayYearStore store, WorkCalendar calendar, TimeProvider time)
{
    /// <summary>
    /// Enters a year from the form: <paramref name="holidays"/> one festival a line (<c>春节 2027-02-06 2027-02-13</c>,
    /// or a single date), <paramref name="workdays"/> one make-up working day a line (<c>2027-02-14 春节调休</c>).
    /// </summary>
    public Task<(HolidayYear? Year, IReadOnlyList<string> Errors)> EnterAsync(Actor actor, int year, string? source, string? title, string? holidays, string? workdays,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var errors = new List<string>();
        var yaml = new StringBuilder();
        yaml.Append(CultureInfo.InvariantCulture, $"year: {year}\n");
        if (!string.IsNullOrWhiteSpace(source))
        {
            yaml.Append(CultureInfo.InvariantCulture, $"source: {Quote(source)}\n");
        }

        if (!string.IsNullOrWhiteSpace(title))
        {
            yaml.Append(CultureInfo.InvariantCulture, $"title: {Quote(title)}\n");
        }

        yaml.Append("holidays:\n");
        var n = 0;
        foreach (var line in Lines(holidays))
        {
            n++;
            var m = HolidayLine().Match(line);
            if (!m.Success)
            {
                errors.Add(CalendarText.HolidayLineInvalid(n, line));
                continue;
            }

            yaml.Append(CultureInfo.InvariantCulture, $"  - name: {Quote(m.Groups["name"].Value)}\n    from: {m.Groups["from"].Value}\n    to: {(m.Groups["to"].Success ? m.Groups["to"].Value : m.Groups["from"].Value)}\n");
        }

        if (n == 0)
        {
            errors.Add(CalendarText.NoHolidays);
        }

        var w = 0;
        var workdayYaml = new StringBuilder();
        foreach (var line in Lines(workdays))
        {
            w++;
            var m = WorkdayLine().Match(line);
            if (!m.Success)
            {
                errors.Add(CalendarText.WorkdayLineInvalid(w, line));
                continue;
            }

            workdayYaml.Append(CultureInfo.InvariantCulture, $"  - name: {Quote(m.Groups["name"].Success && m.Groups["name"].Value.Length > 0 ? m.Groups["name"].Value : "调休上班")}\n    date: {m.Groups["date"].Value}\n");
        }

        if (w > 0)
        {
            yaml.Append("workdays:\n").Append(workdayYaml);
        }

        return errors.Count > 0
            ? Task.FromResult<(HolidayYear?, IReadOnlyList<string>)>((null, errors))
            : SaveAsync(actor, yaml.ToString(), $"cn-{year}.yaml", year, cancellationToken);
    }

    /// <summary>Uploads a year as a <c>cn-YYYY.yaml</c> file (format: core/ChatOps.Core/Calendar/README.md).</summary>
    public Task<(HolidayYear? Year, IReadOnlyList<string> Errors)> UploadAsync(Actor actor, string yaml, string fileName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return SaveAsync(actor, yaml ?? "", fileName, null, cancellationToken);
    }

    /// <summary>At start-up: the stored years over the shipped ones. Returns the years that could not be read (logged by the caller).</summary>
    public async Task<IReadOnlyList<string>> LoadStoredAsync(CancellationToken cancellationToken = default)
    {
        var problems = new List<string>();
        foreach (var (year, yaml) in await store.ListAsync(cancellationToken))
        {
            try
            {
                calendar.Add(HolidayYear.Parse(yaml, $"holiday_years:{year}"));
            }
            catch (HolidayDataException ex)
            {
                problems.Add(ex.Message);
            }
        }

        return problems;
    }

    private async Task<(HolidayYear? Year, IReadOnlyList<string> Errors)> SaveAsync(Actor actor, string yaml, string fileName, int? expected, CancellationToken cancellationToken)
    {
        if (!actor.Has(Roles.OfficeStaff))
        {
            return (null, [CalendarText.OnlyOffice]);
        }

        HolidayYear parsed;
        try
        {
            parsed = HolidayYear.Parse(yaml, fileName);
        }
        catch (HolidayDataException ex)
        {
            return (null, [ex.Message]);
        }

        var thisYear = time.GetUtcNow().Year;
        if (expected is { } y && parsed.Year != y)
        {
            return (null, [CalendarText.YearShouldBe(y)]);
        }

        if (parsed.Year < thisYear - 1 || parsed.Year > thisYear + 2)
        {
            return (null, [CalendarText.YearOutOfRange(thisYear, parsed.Year)]);
        }

        await store.SaveAsync(parsed.Year, yaml, actor.Id, time.GetUtcNow(), cancellationToken);
        calendar.Add(parsed with { LoadedFrom = CalendarText.EnteredBy(actor.Name) });
        return (parsed, []);
    }

    private static IEnumerable<string> Lines(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Quote(string text) => "\"" + text.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    [GeneratedRegex(@"^(?<name>[^\s\d:：,，]+)[\s:：,，]+(?<from>\d{4}-\d{2}-\d{2})(?:\s*(?:至|到|-|—|~|～|\s)\s*(?<to>\d{4}-\d{2}-\d{2}))?$")]
    private static partial Regex HolidayLine();

    [GeneratedRegex(@"^(?<date>\d{4}-\d{2}-\d{2})(?:[\s:：,，]+(?<name>\S.*))?$")]
    private static partial Regex WorkdayLine();
}
