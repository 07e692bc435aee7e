using ChatOps.Core.Calendar;
using static ChatOps.Core.Tests.Calendar.TestDates;

namespace ChatOps.Core.Tests.Calendar;

public sealed class WorkCalendarTests
{
    private const string Valid2031 = """
        year: 2031
        source: 测试文号
        holidays:
          - name: 测试节
            from: 2031-03-06
            to: 2031-03-12
          - name: 单日节
            dates: [2031-05-01]
        workdays:
          - name: 测试节调休
            date: 2031-03-15
        """;

    [Fact]
    public void HasOfficialData_YearWithoutFile_FallsBackToMondayToFriday()
    {
        var calendar = WorkCalendar.LoadDefault();

        Assert.False(calendar.HasOfficialData(2031));
        Assert.Null(calendar.GetYear(2031));
        Assert.Equal([2031, 2032], calendar.YearsWithoutData(D("2031-01-01"), D("2032-12-31")));
        Assert.Empty(calendar.YearsWithoutData(D("2025-06-01"), D("2026-06-01")));
        Assert.True(calendar.IsWorkingDay(D("2031-01-01")));  // Wednesday; 元旦 unknown without data
        Assert.False(calendar.IsWorkingDay(D("2031-01-04"))); // Saturday
        Assert.Equal(new CalendarDayInfo(D("2031-01-01"), true, null, false), calendar.Describe(D("2031-01-01")));
    }

    [Theory]
    [InlineData("2026-11-23", "2026-11-23")] // working Monday stays
    [InlineData("2026-11-28", "2026-11-30")] // Saturday → Monday
    [InlineData("2026-10-01", "2026-10-08")] // National Day → Thursday after
    [InlineData("2026-01-01", "2026-01-04")] // 元旦 → the make-up Sunday
    [InlineData("2026-02-19", "2026-02-24")] // Spring Festival → Tuesday
    [InlineData("2025-10-02", "2025-10-09")]
    [InlineData("2026-12-31", "2026-12-31")]
    [InlineData("2031-01-04", "2031-01-06")] // no data: plain weekend
    public void NextWorkingDayOnOrAfter_MovesPastDaysOff(string date, string expected) =>
        Assert.Equal(D(expected), WorkCalendar.LoadDefault().NextWorkingDayOnOrAfter(D(date)));

    [Fact]
    public void Load_ExtraDirectory_AddsAndReplacesYears()
    {
        using var dir = new TempDirectory();
        dir.Write("cn-2031.yaml", Valid2031);
        dir.Write("cn-2026.yml", "year: 2026\nholidays:\n  - name: 自定义\n    date: 2026-11-23\n");

        var calendar = WorkCalendar.Load(dir.Path);

        Assert.True(calendar.HasOfficialData(2031));
        Assert.Equal("测试文号", calendar.GetYear(2031)!.Source);
        Assert.False(calendar.IsWorkingDay(D("2031-03-06")));
        Assert.True(calendar.IsWorkingDay(D("2031-03-15")));
        Assert.Equal("单日节", calendar.Describe(D("2031-05-01")).Name);
        // 2026 replaced as a whole: the office's file wins, the shipped National Day is gone.
        Assert.False(calendar.IsWorkingDay(D("2026-11-23")));
        Assert.True(calendar.IsWorkingDay(D("2026-10-08")));
        Assert.True(calendar.IsWorkingDay(D("2026-10-02")));
        Assert.True(calendar.HasOfficialData(2025));
        Assert.False(WorkCalendar.LoadDefault().HasOfficialData(2031));
    }

    [Fact]
    public void Load_NullDirectory_IsTheShippedCalendar() =>
        Assert.Same(WorkCalendar.LoadDefault(), WorkCalendar.Load(null));

    [Fact]
    public void Load_MissingDirectory_Throws() =>
        Assert.Throws<DirectoryNotFoundException>(() => WorkCalendar.Load(Path.Combine(Path.GetTempPath(), "no-such-" + Guid.NewGuid())));

    [Fact]
    public void LoadDirectory_TwoFilesForOneYear_Throws()
    {
        using var dir = new TempDirectory();
        dir.Write("a.yaml", Valid2031);
        var second = dir.Write("b.yaml", Valid2031);

        var ex = Assert.Throws<HolidayDataException>(() => WorkCalendar.LoadDirectory(dir.Path));

        Assert.Equal(second, ex.FileName);
        Assert.Contains("2031", ex.Message);
    }

    [Fact]
    public void LoadDirectory_FileNameYearDiffersFromContent_Throws()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("cn-2032.yaml", Valid2031);

        var ex = Assert.Throws<HolidayDataException>(() => WorkCalendar.LoadDirectory(dir.Path));

        Assert.Equal(file, ex.FileName);
        Assert.Contains("2032", ex.Problem);
    }

    [Theory]
    [InlineData("year: 2031\nholidays:\n  - name: 春节\n    date: 2031-02-30\n", 4, "2031-02-30")]
    [InlineData("year: 2031\nholidays:\n  - name: 春节\n    dates: [2031-01-20, 20310121]\n", 4, "20310121")]
    [InlineData("year: 2031\nholidays:\n  - name: 春节\n    from: 2031-01-20\n    to: 2031-01-18\n", 5, "早于")]
    [InlineData("year: 2031\nholidays:\n  - name: 元旦\n    date: 2030-12-31\n", 4, "不在本文件的年份 2031 内")]
    [InlineData("year: 2031\nworkdays:\n  - name: 调休\n    date: 2032-01-03\n", 4, "不在本文件的年份 2031 内")]
    [InlineData("year: 2031\nholidays:\n  - name: 春节\n    from: 2031-01-20\n    to: 2031-01-26\nworkdays:\n  - name: 春节调休\n    date: 2031-01-25\n", 8, "既是放假日")]
    [InlineData("year: 2031\nholidays:\n  - name: 甲\n    date: 2031-05-01\n  - name: 乙\n    date: 2031-05-01\n", 6, "重复")]
    [InlineData("year: 2031\nworkdays:\n  - name: 调休\n    date: 2031-03-12\n", 4, "不是周末")]
    [InlineData("year: 2031\nholiday:\n  - name: 春节\n    date: 2031-01-20\n", 2, "未知的键“holiday”")]
    [InlineData("year: 2031\nholidays:\n  - date: 2031-01-20\n", 3, "缺少 name")]
    [InlineData("year: 2031\nholidays:\n  - name: 春节\n", 3, "date、dates 或 from/to")]
    [InlineData("year: 二〇三一\n", 1, "四位年份")]
    [InlineData("holidays: []\n", 1, "缺少 year")]
    [InlineData("year: 2031\nholidays:\n  - name: 春节\n    date: [2031-01-20\n", 5, "YAML 格式错误")]
    public void Parse_BadData_NamesFileLineAndProblem(string yaml, int line, string problem)
    {
        using var dir = new TempDirectory();
        var file = dir.Write("cn-2031.yaml", yaml);

        var ex = Assert.Throws<HolidayDataException>(() => WorkCalendar.LoadDirectory(dir.Path));

        Assert.Equal(file, ex.FileName);
        Assert.Equal(line, ex.Line);
        Assert.Contains(problem, ex.Problem);
        Assert.StartsWith($"节假日数据文件 {file} 第 {line} 行：", ex.Message);
    }

    [Fact]
    public void Parse_EmptyWorkdays_IsAllowed()
    {
        var year = HolidayYear.Parse("year: 2031\nholidays:\n  - name: 元旦\n    date: 2031-01-01\nworkdays:\n", "inline");

        Assert.Empty(year.Workdays);
        Assert.Single(year.Holidays);
    }
}
