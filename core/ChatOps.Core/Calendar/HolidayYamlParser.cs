using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ChatOps.Core.Calendar;

/// <summary>
/// Reads the per-year holiday YAML through YamlDotNet's node model rather than a deserializer, because every error
/// must carry the line of the offending entry and unknown keys (typos such as <c>holiday:</c>) must be rejected.
/// </summary>
internal static class HolidayYamlParser
{
    private static readonly string[] TopLevelKeys = ["year", "source", "title", "published", "holidays", "workdays"];
    private static readonly string[] HolidayKeys = ["name", "dates", "date", "from", "to"];
    private static readonly string[] WorkdayKeys = ["name", "date", "dates"];
    private const string DefaultWorkdayName = "调休上班";

    public static HolidayYear Parse(string yaml, string fileName)
    {
        var root = LoadRoot(yaml, fileName);
        CheckKeys(root, TopLevelKeys, fileName, CalendarText.TopLevel);

        var yearNode = Get(root, "year") ?? throw new HolidayDataException(fileName, Line(root), CalendarText.YearMissing);
        var yearText = Scalar(yearNode, fileName, "year");
        if (!int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 1949 or > 2200)
        {
            throw new HolidayDataException(fileName, Line(yearNode), CalendarText.YearInvalid(yearText));
        }

        var published = Get(root, "published") is { } publishedNode ? ParseDate(publishedNode, fileName) : (DateOnly?)null;
        var holidays = new Dictionary<DateOnly, string>();
        var workdays = new Dictionary<DateOnly, string>();
        var lines = new Dictionary<DateOnly, int>();

        foreach (var entry in Entries(root, "holidays", fileName))
        {
            CheckKeys(entry, HolidayKeys, fileName, CalendarText.HolidaysEntry);
            var name = RequiredName(entry, fileName, CalendarText.HolidayArrangement);
            foreach (var (date, line) in EntryDates(entry, fileName, allowRange: true))
            {
                CheckYear(date, year, line, fileName);
                if (holidays.TryGetValue(date, out var other))
                {
                    throw new HolidayDataException(fileName, line, CalendarText.HolidayTwice(date, other, lines[date]));
                }

                holidays[date] = name;
                lines[date] = line;
            }
        }

        foreach (var entry in Entries(root, "workdays", fileName))
        {
            CheckKeys(entry, WorkdayKeys, fileName, CalendarText.WorkdaysEntry);
            var name = Get(entry, "name") is { } nameNode ? Scalar(nameNode, fileName, "name") : DefaultWorkdayName;
            if (string.IsNullOrWhiteSpace(name))
            {
                name = DefaultWorkdayName;
            }

            foreach (var (date, line) in EntryDates(entry, fileName, allowRange: false))
            {
                CheckYear(date, year, line, fileName);
                if (holidays.TryGetValue(date, out var holiday))
                {
                    throw new HolidayDataException(fileName, line, CalendarText.HolidayAndWorkday(date, holiday, lines[date]));
                }

                if (workdays.ContainsKey(date))
                {
                    throw new HolidayDataException(fileName, line, CalendarText.WorkdayTwice(date, lines[date]));
                }

                if (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                {
                    throw new HolidayDataException(fileName, line, CalendarText.WorkdayNotWeekend(date));
                }

                workdays[date] = name;
                lines[date] = line;
            }
        }

        return new HolidayYear
        {
            Year = year,
            Source = OptionalText(root, "source", fileName),
            Title = OptionalText(root, "title", fileName),
            Published = published,
            LoadedFrom = fileName,
            Holidays = holidays,
            Workdays = workdays,
        };
    }

    private static YamlMappingNode LoadRoot(string yaml, string fileName)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new HolidayDataException(fileName, (int)ex.Start.Line, CalendarText.YamlSyntax(ex.Message), ex);
        }

        if (stream.Documents.Count != 1)
        {
            throw new HolidayDataException(fileName, null, CalendarText.DocumentCount(stream.Documents.Count));
        }

        return stream.Documents[0].RootNode as YamlMappingNode
            ?? throw new HolidayDataException(fileName, Line(stream.Documents[0].RootNode), CalendarText.TopLevelNotMapping);
    }

    private static IEnumerable<YamlMappingNode> Entries(YamlMappingNode root, string key, string fileName)
    {
        switch (Get(root, key))
        {
            case null:
            case YamlScalarNode { Value: null or "" or "~" or "null" }:
                yield break;
            case YamlSequenceNode sequence:
                foreach (var item in sequence)
                {
                    yield return item as YamlMappingNode
                        ?? throw new HolidayDataException(fileName, Line(item), CalendarText.EntryNotMapping(key));
                }

                break;
            case var other:
                throw new HolidayDataException(fileName, Line(other), CalendarText.NotAList(key));
        }
    }

    private static IEnumerable<(DateOnly Date, int Line)> EntryDates(YamlMappingNode entry, string fileName, bool allowRange)
    {
        var date = Get(entry, "date");
        var dates = Get(entry, "dates");
        var from = allowRange ? Get(entry, "from") : null;
        var to = allowRange ? Get(entry, "to") : null;
        var forms = (date is null ? 0 : 1) + (dates is null ? 0 : 1) + (from is null && to is null ? 0 : 1);
        if (forms != 1)
        {
            throw new HolidayDataException(fileName, Line(entry), CalendarText.OneDateForm(allowRange));
        }

        if (date is not null)
        {
            yield return (ParseDate(date, fileName), Line(date));
        }
        else if (dates is not null)
        {
            if (dates is not YamlSequenceNode list || list.Children.Count == 0)
            {
                throw new HolidayDataException(fileName, Line(dates), CalendarText.DatesEmpty);
            }

            foreach (var item in list)
            {
                yield return (ParseDate(item, fileName), Line(item));
            }
        }
        else
        {
            if (from is null || to is null)
            {
                throw new HolidayDataException(fileName, Line(entry), CalendarText.FromAndTo);
            }

            var start = ParseDate(from, fileName);
            var end = ParseDate(to, fileName);
            if (end < start)
            {
                throw new HolidayDataException(fileName, Line(to), CalendarText.ToBeforeFrom(start, end));
            }

            for (var d = start; d <= end; d = d.AddDays(1))
            {
                yield return (d, Line(from));
            }
        }
    }

    private static DateOnly ParseDate(YamlNode node, string fileName)
    {
        var text = Scalar(node, fileName, CalendarText.DateField);
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw new HolidayDataException(fileName, Line(node), CalendarText.DateInvalid(text));
        }

        return date;
    }

    private static void CheckYear(DateOnly date, int year, int line, string fileName)
    {
        if (date.Year != year)
        {
            throw new HolidayDataException(fileName, line, CalendarText.DateOutsideYear(date, year));
        }
    }

    private static void CheckKeys(YamlMappingNode mapping, string[] allowed, string fileName, string where)
    {
        foreach (var key in mapping.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value;
            if (name is null || !allowed.Contains(name, StringComparer.Ordinal))
            {
                throw new HolidayDataException(fileName, Line(key), CalendarText.UnknownKey(where, name, allowed));
            }
        }
    }

    private static string RequiredName(YamlMappingNode entry, string fileName, string what)
    {
        var node = Get(entry, "name") ?? throw new HolidayDataException(fileName, Line(entry), CalendarText.NameMissing(what));
        var name = Scalar(node, fileName, "name");
        return string.IsNullOrWhiteSpace(name)
            ? throw new HolidayDataException(fileName, Line(node), CalendarText.NameEmpty(what))
            : name.Trim();
    }

    private static string? OptionalText(YamlMappingNode root, string key, string fileName)
    {
        var value = Get(root, key) is { } node ? Scalar(node, fileName, key).Trim() : null;
        return string.IsNullOrEmpty(value) ? null : value;
    }

    private static string Scalar(YamlNode node, string fileName, string what) =>
        node is YamlScalarNode scalar
            ? scalar.Value ?? string.Empty
            : throw new HolidayDataException(fileName, Line(node), CalendarText.NotAScalar(what));

    private static YamlNode? Get(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static int Line(YamlNode node) => (int)node.Start.Line;
}
