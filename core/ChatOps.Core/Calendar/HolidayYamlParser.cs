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
        CheckKeys(root, TopLevelKeys, fileName, "文件顶层");

        var yearNode = Get(root, "year") ?? throw new HolidayDataException(fileName, Line(root), "缺少 year（年份），例如 year: 2026");
        var yearText = Scalar(yearNode, fileName, "year");
        if (!int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 1949 or > 2200)
        {
            throw new HolidayDataException(fileName, Line(yearNode), $"year 应为四位年份，实际是“{yearText}”");
        }

        var published = Get(root, "published") is { } publishedNode ? ParseDate(publishedNode, fileName) : (DateOnly?)null;
        var holidays = new Dictionary<DateOnly, string>();
        var workdays = new Dictionary<DateOnly, string>();
        var lines = new Dictionary<DateOnly, int>();

        foreach (var entry in Entries(root, "holidays", fileName))
        {
            CheckKeys(entry, HolidayKeys, fileName, "holidays 的条目");
            var name = RequiredName(entry, fileName, "放假安排");
            foreach (var (date, line) in EntryDates(entry, fileName, allowRange: true))
            {
                CheckYear(date, year, line, fileName);
                if (holidays.TryGetValue(date, out var other))
                {
                    throw new HolidayDataException(fileName, line, $"日期 {Iso(date)} 重复列为放假日（已在“{other}”中，第 {lines[date]} 行）");
                }

                holidays[date] = name;
                lines[date] = line;
            }
        }

        foreach (var entry in Entries(root, "workdays", fileName))
        {
            CheckKeys(entry, WorkdayKeys, fileName, "workdays 的条目");
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
                    throw new HolidayDataException(fileName, line, $"日期 {Iso(date)} 既是放假日（“{holiday}”，第 {lines[date]} 行）又是调休上班日");
                }

                if (workdays.ContainsKey(date))
                {
                    throw new HolidayDataException(fileName, line, $"日期 {Iso(date)} 重复列为调休上班日（第 {lines[date]} 行）");
                }

                if (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                {
                    throw new HolidayDataException(fileName, line, $"调休上班日 {Iso(date)} 是{ChineseDays.Weekday(date)}，不是周末（周一至周五本来就上班）");
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
            throw new HolidayDataException(fileName, (int)ex.Start.Line, $"YAML 格式错误：{ex.Message}", ex);
        }

        if (stream.Documents.Count != 1)
        {
            throw new HolidayDataException(fileName, null, $"应只包含一个 YAML 文档，实际有 {stream.Documents.Count} 个");
        }

        return stream.Documents[0].RootNode as YamlMappingNode
            ?? throw new HolidayDataException(fileName, Line(stream.Documents[0].RootNode), "文件顶层应为 year、holidays、workdays 等键值");
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
                        ?? throw new HolidayDataException(fileName, Line(item), $"{key} 的每一项应为“name: … date/dates/from/to: …”形式");
                }

                break;
            case var other:
                throw new HolidayDataException(fileName, Line(other), $"{key} 应为列表（每项以“- ”开头）");
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
            var expected = allowRange ? "date、dates 或 from/to" : "date 或 dates";
            throw new HolidayDataException(fileName, Line(entry), $"每项须且只须写一种日期：{expected}");
        }

        if (date is not null)
        {
            yield return (ParseDate(date, fileName), Line(date));
        }
        else if (dates is not null)
        {
            if (dates is not YamlSequenceNode list || list.Children.Count == 0)
            {
                throw new HolidayDataException(fileName, Line(dates), "dates 应为非空日期列表，例如 [2026-02-15, 2026-02-16]");
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
                throw new HolidayDataException(fileName, Line(entry), "from 和 to 须同时填写");
            }

            var start = ParseDate(from, fileName);
            var end = ParseDate(to, fileName);
            if (end < start)
            {
                throw new HolidayDataException(fileName, Line(to), $"to（{Iso(end)}）早于 from（{Iso(start)}）");
            }

            for (var d = start; d <= end; d = d.AddDays(1))
            {
                yield return (d, Line(from));
            }
        }
    }

    private static DateOnly ParseDate(YamlNode node, string fileName)
    {
        var text = Scalar(node, fileName, "日期");
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw new HolidayDataException(fileName, Line(node), $"日期“{text}”无效，应为存在的日期并写成 YYYY-MM-DD，例如 2026-02-15");
        }

        return date;
    }

    private static void CheckYear(DateOnly date, int year, int line, string fileName)
    {
        if (date.Year != year)
        {
            throw new HolidayDataException(fileName, line, $"日期 {Iso(date)} 不在本文件的年份 {year} 内");
        }
    }

    private static void CheckKeys(YamlMappingNode mapping, string[] allowed, string fileName, string where)
    {
        foreach (var key in mapping.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value;
            if (name is null || !allowed.Contains(name, StringComparer.Ordinal))
            {
                throw new HolidayDataException(fileName, Line(key), $"{where}有未知的键“{name}”，可用的键：{string.Join("、", allowed)}");
            }
        }
    }

    private static string RequiredName(YamlMappingNode entry, string fileName, string what)
    {
        var node = Get(entry, "name") ?? throw new HolidayDataException(fileName, Line(entry), $"{what}缺少 name（节日名称），例如 name: 春节");
        var name = Scalar(node, fileName, "name");
        return string.IsNullOrWhiteSpace(name)
            ? throw new HolidayDataException(fileName, Line(node), $"{what}的 name 不能为空")
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
            : throw new HolidayDataException(fileName, Line(node), $"{what} 应为单个值，不是列表或键值");

    private static YamlNode? Get(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static int Line(YamlNode node) => (int)node.Start.Line;

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
