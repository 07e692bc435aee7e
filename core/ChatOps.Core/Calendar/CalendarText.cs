namespace ChatOps.Core.Calendar;

/// <summary>
/// Every Chinese text the calendar shows, in one class so the wording is reviewed in one place: this file (report
/// cycles, periods, the office's entry of a year and the 节假日 page) and CalendarText.Holidays (what is wrong with a
/// holiday data file). Outside it stay only data: the holiday and make-up day names, the cycles' names (周报, 季报…),
/// the weekday names (ChineseDates) and the YAML keys and line patterns the parsers match.
/// </summary>
public static partial class CalendarText
{
    /// <summary>Printed after a postponed deadline in a period's line.</summary>
    public const string Postponed = "顺延";

    /// <summary>Printed in a period's line when Monday–Friday was assumed for a year without official holiday data.</summary>
    public const string FallbackCalendar = "无官方节假日数据，按周一至周五计";

    /// <summary>A cycle definition without its key.</summary>
    public const string CycleKeyMissing = "报送周期缺少 Key";

    /// <summary>The office's form for a year without any 放假安排 line.</summary>
    public const string NoHolidays = "请至少填写一项放假安排。";

    /// <summary>Someone outside the office enters or uploads a year.</summary>
    public const string OnlyOffice = "只有领导小组办公室人员可以录入节假日安排。";

    /// <summary>The 节假日 page's upload without a file.</summary>
    public const string ChooseFile = "请选择 cn-YYYY.yaml 文件。";

    /// <summary>The 节假日 page's upload over its limit.</summary>
    public const string FileTooLarge = "文件过大（最多 256 KB）。";

    /// <summary>
    /// One period for the CLI and bot replies: <c>2026-W40+W41  2026-09-25 ~ 2026-10-08  截止 2026-10-08（周四）17:00</c>
    /// (<paramref name="key"/> already padded to the listing's width, <paramref name="local"/> in office time).
    /// </summary>
    public static string PeriodLine(string key, DateRange covers, DateTimeOffset local) =>
        string.Create(CultureInfo.InvariantCulture, $"{key}  {covers}  截止 {local:yyyy-MM-dd}（{ChineseDates.Weekday(DateOnly.FromDateTime(local.DateTime))}）{local:HH:mm}");

    /// <summary>A period listing asked for with its end before its start.</summary>
    public static string EndBeforeStart(DateOnly from, DateOnly to) =>
        string.Create(CultureInfo.InvariantCulture, $"结束日期 {to:yyyy-MM-dd} 早于开始日期 {from:yyyy-MM-dd}");

    /// <summary>A period key that is not written as the cycle's keys are (<paramref name="example"/> shows one).</summary>
    public static string NotAPeriodKey(string key, string cycleName, string example) =>
        $"“{key}”不是{cycleName}的期次编号，应写成 {example} 这样的格式";

    /// <summary>A yearly cycle's due day that is not a month and day.</summary>
    public static string DueDateInvalid(string cycleKey, string? text) =>
        $"报送周期 {cycleKey} 的截止日“{text}”无效，应写成 12-31 这样的月-日（不能是 2 月 29 日）";

    /// <summary>A yearly cycle with the same due day twice.</summary>
    public static string DueDatesRepeated(string cycleKey) => $"报送周期 {cycleKey} 的截止日有重复";

    /// <summary>A cycle definition without its name.</summary>
    public static string CycleNameMissing(string cycleKey) => $"报送周期 {cycleKey} 缺少名称";

    /// <summary>A cycle definition with an unknown frequency.</summary>
    public static string FrequencyInvalid(string cycleKey, ReportFrequency frequency) => $"报送周期 {cycleKey} 的频率 {frequency} 无效";

    /// <summary>A weekly cycle with an unknown weekday.</summary>
    public static string DueWeekdayInvalid(string cycleKey, DayOfWeek weekday) => $"报送周期 {cycleKey} 的截止星期 {weekday} 无效";

    /// <summary>A yearly cycle without due days.</summary>
    public static string DueDatesMissing(string cycleKey) => $"报送周期 {cycleKey} 缺少截止日（DueDates）";

    /// <summary>A monthly or quarterly cycle's due day outside 1–28.</summary>
    public static string DueDayOfMonthInvalid(string cycleKey, int day) => $"报送周期 {cycleKey} 的截止日应在 1–28 日之间，实际是 {day}";

    /// <summary>A cycle whose time zone is unknown to the system.</summary>
    public static string TimeZoneInvalid(string cycleKey, string timeZoneId) => $"报送周期 {cycleKey} 的时区“{timeZoneId}”无效";

    /// <summary>The office's form: a 放假安排 line that does not read.</summary>
    public static string HolidayLineInvalid(int number, string line) =>
        $"放假安排第 {number} 行“{line}”应写成“春节 2027-02-06 2027-02-13”（节日、起、止）或“元旦 2027-01-01”。";

    /// <summary>The office's form: a 调休上班 line that does not read.</summary>
    public static string WorkdayLineInvalid(int number, string line) => $"调休上班第 {number} 行“{line}”应写成“2027-02-14 春节调休”。";

    /// <summary>The office's form: the entered days are of another year than the form's.</summary>
    public static string YearShouldBe(int year) => $"年份应为 {year}。";

    /// <summary>A year too far from this one to enter.</summary>
    public static string YearOutOfRange(int thisYear, int received) =>
        $"只能录入 {thisYear - 1}—{thisYear + 2} 年的节假日安排（收到 {received} 年）。";

    /// <summary>Where an entered year came from, as the 节假日 page lists it.</summary>
    public static string EnteredBy(string name) => $"办公室录入（{name}）";

    /// <summary>A year's days off and make-up working days, as the audit detail of its entry says it.</summary>
    public static string DaysOff(int holidays, int workdays) => $"放假{holidays}天，调休上班{workdays}天";

    /// <summary>The 节假日 page's notice after a year was entered.</summary>
    public static string YearEntered(int year, int holidays, int workdays) =>
        $"已录入{year}年节假日安排：{DaysOff(holidays, workdays)}，即日起按此计算截止时间。";
}
