using ChatOps.Core.Calendar;
using static ChatOps.Core.Tests.Calendar.TestDates;

namespace ChatOps.Core.Tests.Calendar;

/// <summary>
/// The shipped data against the State Council notices: 国办发明电〔2024〕12号 (2025) and 国办发明电〔2025〕7号 (2026).
/// Every festival is checked on every day of its range, plus the days either side, and every make-up working day.
/// </summary>
public sealed class OfficialHolidayDataTests
{
    private static readonly WorkCalendar Calendar = WorkCalendar.LoadDefault();

    // (festival as named in the data, first day off, last day off) — from the notices' text.
    public static TheoryData<string, string, string> Festivals => new()
    {
        { "元旦", "2025-01-01", "2025-01-01" },
        { "春节", "2025-01-28", "2025-02-04" },
        { "清明节", "2025-04-04", "2025-04-06" },
        { "劳动节", "2025-05-01", "2025-05-05" },
        { "端午节", "2025-05-31", "2025-06-02" },
        { "国庆节、中秋节", "2025-10-01", "2025-10-08" },
        { "元旦", "2026-01-01", "2026-01-03" },
        { "春节", "2026-02-15", "2026-02-23" },
        { "清明节", "2026-04-04", "2026-04-06" },
        { "劳动节", "2026-05-01", "2026-05-05" },
        { "端午节", "2026-06-19", "2026-06-21" },
        { "中秋节", "2026-09-25", "2026-09-27" },
        { "国庆节", "2026-10-01", "2026-10-07" },
    };

    // Weekends that are working days (调休上班).
    public static TheoryData<string> MakeUpWorkdays => new()
    {
        "2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11",
        "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10",
    };

    [Theory]
    [MemberData(nameof(Festivals))]
    public void IsWorkingDay_EveryDayOfFestival_IsOffAndNamed(string name, string first, string last)
    {
        for (var day = D(first); day <= D(last); day = day.AddDays(1))
        {
            var info = Calendar.Describe(day);
            Assert.False(info.IsWorkingDay, $"{day:yyyy-MM-dd} should be a day off");
            Assert.Equal(name, info.Name);
            Assert.True(info.HasOfficialData);
        }
    }

    [Theory]
    [MemberData(nameof(Festivals))]
    public void IsWorkingDay_DaysAroundFestival_AreNotPartOfIt(string name, string first, string last)
    {
        Assert.NotEqual(name, Calendar.Describe(D(first).AddDays(-1)).Name);
        Assert.NotEqual(name, Calendar.Describe(D(last).AddDays(1)).Name);
    }

    [Theory]
    [MemberData(nameof(MakeUpWorkdays))]
    public void IsWorkingDay_MakeUpWeekend_IsWorkingDay(string date)
    {
        var day = D(date);
        Assert.True(day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);
        Assert.True(Calendar.IsWorkingDay(day));
        Assert.EndsWith("调休", Calendar.Describe(day).Name);
    }

    [Theory]
    [InlineData(2025, 28, 5, "国办发明电〔2024〕12号")]
    [InlineData(2026, 33, 6, "国办发明电〔2025〕7号")]
    public void Year_Totals_MatchNotice(int year, int daysOff, int makeUpDays, string source)
    {
        var data = Calendar.GetYear(year);

        Assert.NotNull(data);
        Assert.Equal(daysOff, data.Holidays.Count);
        Assert.Equal(makeUpDays, data.Workdays.Count);
        Assert.Equal(source, data.Source);
        Assert.Equal($"国务院办公厅关于{year}年部分节假日安排的通知", data.Title);
    }

    [Theory]
    [InlineData("2026-02-13", true)]   // Friday before the Spring Festival
    [InlineData("2026-02-24", true)]   // first working day after it
    [InlineData("2026-10-08", true)]   // first working day after National Day
    [InlineData("2026-10-11", false)]  // Sunday after the make-up Saturday
    [InlineData("2026-11-23", true)]   // an ordinary Monday
    [InlineData("2026-11-28", false)]  // an ordinary Saturday
    [InlineData("2025-10-09", true)]
    public void IsWorkingDay_OrdinaryDays_FollowTheWeek(string date, bool working) =>
        Assert.Equal(working, Calendar.IsWorkingDay(D(date)));

    [Fact]
    public void LoadDefault_ShipsPublishedYears()
    {
        Assert.True(Calendar.HasOfficialData(2025));
        Assert.True(Calendar.HasOfficialData(2026));
        Assert.All(Calendar.Years, y => Assert.EndsWith($"Calendar.Data.cn-{y.Year}.yaml", y.LoadedFrom));
    }
}
