namespace ChatOps.Core.Calendar;

/// <summary>
/// What is wrong with a holiday data file (cn-YYYY.yaml, shipped, in the data directory, entered or uploaded by the
/// office): each problem names the entry and says what is expected, and is shown after the file and line.
/// </summary>
public static partial class CalendarText
{
    /// <summary>Where an unknown key sits: the file's top level.</summary>
    public const string TopLevel = "文件顶层";

    /// <summary>Where an unknown key sits: an entry of holidays.</summary>
    public const string HolidaysEntry = "holidays 的条目";

    /// <summary>Where an unknown key sits: an entry of workdays.</summary>
    public const string WorkdaysEntry = "workdays 的条目";

    /// <summary>What lacks its name: a 放假安排 entry.</summary>
    public const string HolidayArrangement = "放假安排";

    /// <summary>What is not a single value: a date.</summary>
    public const string DateField = "日期";

    /// <summary>A file without its year.</summary>
    public const string YearMissing = "缺少 year（年份），例如 year: 2026";

    /// <summary>A file whose top level is not a mapping.</summary>
    public const string TopLevelNotMapping = "文件顶层应为 year、holidays、workdays 等键值";

    /// <summary>A dates entry that is not a list of dates.</summary>
    public const string DatesEmpty = "dates 应为非空日期列表，例如 [2026-02-15, 2026-02-16]";

    /// <summary>A range with only one of its ends.</summary>
    public const string FromAndTo = "from 和 to 须同时填写";

    /// <summary>A problem of a holiday data file, with the file and (when known) the line.</summary>
    public static string FileProblem(string fileName, int? line, string problem) =>
        line is { } l ? $"节假日数据文件 {fileName} 第 {l} 行：{problem}" : $"节假日数据文件 {fileName}：{problem}";

    /// <summary>A year that is not four digits.</summary>
    public static string YearInvalid(string text) => $"year 应为四位年份，实际是“{text}”";

    /// <summary>A day off listed twice.</summary>
    public static string HolidayTwice(DateOnly date, string other, int line) => $"日期 {Iso(date)} 重复列为放假日（已在“{other}”中，第 {line} 行）";

    /// <summary>A day listed both as a day off and as a make-up working day.</summary>
    public static string HolidayAndWorkday(DateOnly date, string holiday, int line) =>
        $"日期 {Iso(date)} 既是放假日（“{holiday}”，第 {line} 行）又是调休上班日";

    /// <summary>A make-up working day listed twice.</summary>
    public static string WorkdayTwice(DateOnly date, int line) => $"日期 {Iso(date)} 重复列为调休上班日（第 {line} 行）";

    /// <summary>A make-up working day on a weekday.</summary>
    public static string WorkdayNotWeekend(DateOnly date) => $"调休上班日 {Iso(date)} 是{ChineseDates.Weekday(date)}，不是周末（周一至周五本来就上班）";

    /// <summary>A file that is not YAML (the parser's own detail follows).</summary>
    public static string YamlSyntax(string detail) => $"YAML 格式错误：{detail}";

    /// <summary>A file with no or several YAML documents.</summary>
    public static string DocumentCount(int count) => $"应只包含一个 YAML 文档，实际有 {count} 个";

    /// <summary>An item of holidays or workdays that is not a mapping.</summary>
    public static string EntryNotMapping(string key) => $"{key} 的每一项应为“name: … date/dates/from/to: …”形式";

    /// <summary>holidays or workdays that is not a list.</summary>
    public static string NotAList(string key) => $"{key} 应为列表（每项以“- ”开头）";

    /// <summary>An entry with no or several ways of giving its dates (a range only for holidays).</summary>
    public static string OneDateForm(bool allowRange) => $"每项须且只须写一种日期：{(allowRange ? "date、dates 或 from/to" : "date 或 dates")}";

    /// <summary>A range that ends before it starts.</summary>
    public static string ToBeforeFrom(DateOnly from, DateOnly to) => $"to（{Iso(to)}）早于 from（{Iso(from)}）";

    /// <summary>A date that is not a day or not written YYYY-MM-DD.</summary>
    public static string DateInvalid(string text) => $"日期“{text}”无效，应为存在的日期并写成 YYYY-MM-DD，例如 2026-02-15";

    /// <summary>A date of another year than the file's.</summary>
    public static string DateOutsideYear(DateOnly date, int year) => $"日期 {Iso(date)} 不在本文件的年份 {year} 内";

    /// <summary>A key the format does not know (a typo such as <c>holiday:</c>).</summary>
    public static string UnknownKey(string where, string? name, IEnumerable<string> allowed) =>
        $"{where}有未知的键“{name}”，可用的键：{string.Join("、", allowed)}";

    /// <summary>An entry without its name.</summary>
    public static string NameMissing(string what) => $"{what}缺少 name（节日名称），例如 name: 春节";

    /// <summary>An entry with an empty name.</summary>
    public static string NameEmpty(string what) => $"{what}的 name 不能为空";

    /// <summary>A list or mapping where a single value belongs.</summary>
    public static string NotAScalar(string what) => $"{what} 应为单个值，不是列表或键值";

    /// <summary>The data directory named in the configuration does not exist.</summary>
    public static string DirectoryMissing(string directory) => $"节假日数据目录不存在：{directory}";

    /// <summary>Two files of the data directory for the same year.</summary>
    public static string YearTwice(int year, string earlier) => $"{year} 年的数据已在 {earlier} 中，同一年只能有一个文件";

    /// <summary>A file whose name and year disagree.</summary>
    public static string NameAndYearDisagree(string yearInName, int year) => $"文件名表示 {yearInName} 年，但 year 写的是 {year}";

    /// <summary>An embedded data file that is missing from the build.</summary>
    public static string ResourceMissing(string name) => $"找不到嵌入资源 {name}";

    /// <summary>The calendar finds no working day within a year (the data must be wrong).</summary>
    public static string NoWorkingDay(DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"{date:yyyy-MM-dd} 之后一年内没有工作日，请检查节假日数据");

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
