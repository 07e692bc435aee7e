using ChatOps.Core.Calendar;
using static ChatOps.Core.Tests.Calendar.TestDates;

namespace ChatOps.Core.Tests.Calendar;

public sealed class PeriodCalculatorTests
{
    private static readonly ReportCycleDefinition Weekly = ReportCycleDefinition.Weekly;
    private static readonly ReportCycleDefinition Quarterly = ReportCycleDefinition.Quarterly;
    private readonly PeriodCalculator _calculator = new(WorkCalendar.LoadDefault());

    [Fact]
    public void Find_OrdinaryWeek_DueThursday1700ShanghaiAsUtc()
    {
        var period = _calculator.Find(Weekly, "2026-W47");

        Assert.NotNull(period);
        Assert.Equal("weekly", period.CycleKey);
        Assert.Equal("2026-W47", period.Key);
        Assert.Equal(["2026-W47"], period.ComponentKeys);
        Assert.Equal(new DateRange(D("2026-11-13"), D("2026-11-19")), period.Covers);
        Assert.Equal(Utc("2026-11-19T09:00:00Z"), period.Due);
        Assert.Equal(TimeSpan.Zero, period.Due.Offset);
        Assert.Equal(period.Due, period.NominalDue);
        Assert.False(period.Postponed);
        Assert.False(period.IsMerged);
        Assert.False(period.UsesFallbackCalendar);
    }

    [Fact]
    public void Periods_NationalDay2026_MergesWeek40IntoWeek41()
    {
        var periods = _calculator.Periods(Weekly, D("2026-09-24"), D("2026-10-15"));

        Assert.Equal(["2026-W39", "2026-W40+W41", "2026-W42"], periods.Select(p => p.Key));
        var merged = periods[1];
        Assert.Equal(["2026-W40", "2026-W41"], merged.ComponentKeys);
        Assert.True(merged.IsMerged);
        Assert.Equal(new DateRange(D("2026-09-25"), D("2026-10-08")), merged.Covers);
        Assert.Equal(Utc("2026-10-08T09:00:00Z"), merged.Due);
        Assert.Equal(Utc("2026-10-01T09:00:00Z"), merged.NominalDue);
        Assert.True(merged.Postponed);
        Assert.Equal(new DateRange(D("2026-10-09"), D("2026-10-15")), periods[2].Covers);
        Assert.False(periods[2].Postponed);
    }

    [Fact]
    public void Periods_NationalDay2025_MergesWeek40IntoWeek41()
    {
        var period = Assert.Single(_calculator.Periods(Weekly, D("2025-10-02"), D("2025-10-09")));

        Assert.Equal("2025-W40+W41", period.Key);
        Assert.Equal(new DateRange(D("2025-09-26"), D("2025-10-09")), period.Covers);
        Assert.Equal(Utc("2025-10-09T09:00:00Z"), period.Due);
    }

    [Theory]
    [InlineData("2026-10-08", "2026-10-08")] // only the merged deadline day
    [InlineData("2026-10-02", "2026-10-08")] // starts inside the holiday
    [InlineData("2026-10-08", "2026-10-14")] // ends before W42's deadline
    public void Periods_RangeEdgesCutAMerge_ReturnTheWholeMergedPeriod(string from, string to)
    {
        var period = Assert.Single(_calculator.Periods(Weekly, D(from), D(to)));

        Assert.Equal("2026-W40+W41", period.Key);
        Assert.Equal(D("2026-09-25"), period.Covers.Start);
    }

    [Fact]
    public void Periods_RangeInsideHoliday_HasNoDeadline() =>
        Assert.Empty(_calculator.Periods(Weekly, D("2026-10-01"), D("2026-10-07")));

    [Fact]
    public void Periods_SpringFestival2026_PostponesWithoutMerging()
    {
        var periods = _calculator.Periods(Weekly, D("2026-02-12"), D("2026-02-26"));

        Assert.Equal(["2026-W07", "2026-W08", "2026-W09"], periods.Select(p => p.Key));
        Assert.Equal(Utc("2026-02-12T09:00:00Z"), periods[0].Due);
        Assert.False(periods[0].Postponed);
        Assert.Equal(new DateRange(D("2026-02-13"), D("2026-02-19")), periods[1].Covers);
        Assert.Equal(Utc("2026-02-24T09:00:00Z"), periods[1].Due);        // Tuesday after 初七
        Assert.Equal(Utc("2026-02-19T09:00:00Z"), periods[1].NominalDue);
        Assert.True(periods[1].Postponed);
        Assert.Equal(Utc("2026-02-26T09:00:00Z"), periods[2].Due);
        Assert.False(periods[2].Postponed);
    }

    [Fact]
    public void Find_NewYear2026_PostponedToTheMakeUpSunday()
    {
        var period = _calculator.Find(Weekly, "2026-W01");

        Assert.NotNull(period);
        Assert.Equal(new DateRange(D("2025-12-26"), D("2026-01-01")), period.Covers);
        Assert.Equal(Utc("2026-01-04T09:00:00Z"), period.Due);
        Assert.True(period.Postponed);
    }

    [Fact]
    public void Find_QuarterlyOctober2026_MovesPastNationalDayToOctober8()
    {
        var period = _calculator.Find(Quarterly, "2026-Q3");

        Assert.NotNull(period);
        Assert.Equal("quarterly", period.CycleKey);
        Assert.Equal(new DateRange(D("2026-07-01"), D("2026-09-30")), period.Covers);
        Assert.Equal(Utc("2026-10-05T09:00:00Z"), period.NominalDue);
        Assert.Equal(Utc("2026-10-08T09:00:00Z"), period.Due);
        Assert.True(period.Postponed);
        Assert.False(period.IsMerged);
    }

    [Fact]
    public void Periods_QuarterlyJanuary2026_DueOnTheFifthForLastQuarterOf2025()
    {
        var period = Assert.Single(_calculator.Periods(Quarterly, D("2026-01-01"), D("2026-01-31")));

        Assert.Equal("2025-Q4", period.Key);
        Assert.Equal(new DateRange(D("2025-10-01"), D("2025-12-31")), period.Covers);
        Assert.Equal(Utc("2026-01-05T09:00:00Z"), period.Due);
        Assert.False(period.Postponed);
    }

    [Fact]
    public void Periods_Quarterly2026_AppliesShunyanEachQuarter()
    {
        var periods = _calculator.Periods(Quarterly, D("2026-01-01"), D("2026-12-31"));

        Assert.Equal(["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"], periods.Select(p => p.Key));
        Assert.Equal(
            [Utc("2026-01-05T09:00:00Z"), Utc("2026-04-07T09:00:00Z"), Utc("2026-07-06T09:00:00Z"), Utc("2026-10-08T09:00:00Z")],
            periods.Select(p => p.Due));
        Assert.Equal([false, true, true, true], periods.Select(p => p.Postponed));
    }

    [Theory]
    [InlineData("2026-W40")]
    [InlineData("2026-W41")]
    [InlineData("2026-w41")]
    [InlineData("2026-W40+W41")]
    public void Find_ComponentOrJoinedKey_ReturnsMergedPeriod(string key)
    {
        var period = _calculator.Find(Weekly, key);

        Assert.NotNull(period);
        Assert.Equal("2026-W40+W41", period.Key);
    }

    [Theory]
    [InlineData("2026-W40+W42")]
    [InlineData("2026-W39+W40")]
    [InlineData("2026-W54")]
    [InlineData("2025-W53")]
    public void Find_KeyOfNoPeriod_ReturnsNull(string key) => Assert.Null(_calculator.Find(Weekly, key));

    [Theory]
    [InlineData("2026-Q3")]
    [InlineData("W41")]
    [InlineData("2026年第41周")]
    public void Find_MalformedWeeklyKey_ThrowsWithExample(string key)
    {
        var ex = Assert.Throws<FormatException>(() => _calculator.Find(Weekly, key));

        Assert.Contains("2026-W41", ex.Message);
    }

    [Fact]
    public void Find_Week53_IsTheLastThursdayOf2026()
    {
        var period = _calculator.Find(Weekly, "2026-W53");

        Assert.NotNull(period);
        Assert.Equal(Utc("2026-12-31T09:00:00Z"), period.Due);
        Assert.False(period.UsesFallbackCalendar);
    }

    [Theory]
    [InlineData("2026-11-18T16:30:00Z", "2026-W47")]  // 00:30 Thursday in Shanghai
    [InlineData("2026-11-19T08:59:59Z", "2026-W47")]  // 16:59:59 on the deadline
    [InlineData("2026-11-19T09:00:00Z", "2026-W48")]  // 17:00 sharp: closed
    [InlineData("2026-09-24T10:00:00Z", "2026-W40+W41")]
    [InlineData("2026-10-05T03:00:00Z", "2026-W40+W41")] // during the holiday
    [InlineData("2026-10-08T09:00:00Z", "2026-W42")]
    public void PeriodContaining_ReturnsFirstPeriodDueAfterInstant(string instant, string key) =>
        Assert.Equal(key, _calculator.PeriodContaining(Weekly, Utc(instant)).Key);

    [Fact]
    public void PeriodContaining_Quarterly_DuringNationalDay_IsQ3()
    {
        var period = _calculator.PeriodContaining(Quarterly, Utc("2026-10-06T00:00:00Z"));

        Assert.Equal("2026-Q3", period.Key);
    }

    [Fact]
    public void Periods_YearWithoutData_FallsBackAndSaysSo()
    {
        var only2026 = new PeriodCalculator(new WorkCalendar(WorkCalendar.LoadDefault().Years.Where(y => y.Year == 2026)));

        var periods = only2026.Periods(Weekly, D("2026-12-31"), D("2027-01-07"));

        Assert.Equal(["2026-W53", "2027-W01"], periods.Select(p => p.Key));
        Assert.False(periods[0].UsesFallbackCalendar);
        Assert.True(periods[1].UsesFallbackCalendar);
        Assert.Equal(Utc("2027-01-07T09:00:00Z"), periods[1].Due);
        Assert.True(only2026.Find(Quarterly, "2026-Q4")!.UsesFallbackCalendar);
    }

    [Fact]
    public void Periods_ShortBreakAcrossYearEnd_PostponesWithoutMerging()
    {
        // Thu 2030-12-26 off → Fri 12-27; Thu 2031-01-02 off → Fri 01-03: each moves a day, neither reaches the next.
        var calendar = new WorkCalendar(
        [
            HolidayYear.Parse("year: 2030\nholidays:\n  - name: 测试\n    date: 2030-12-26\n", "t-2030"),
            HolidayYear.Parse("year: 2031\nholidays:\n  - name: 测试\n    from: 2031-01-01\n    to: 2031-01-02\n", "t-2031"),
        ]);

        var periods = new PeriodCalculator(calendar).Periods(Weekly, D("2030-12-26"), D("2031-01-03"));

        Assert.Equal(["2030-W52", "2031-W01"], periods.Select(p => p.Key));
        Assert.Equal([Utc("2030-12-27T09:00:00Z"), Utc("2031-01-03T09:00:00Z")], periods.Select(p => p.Due));
    }

    [Fact]
    public void Periods_MergeAcrossYearEnd_KeepsTheSecondYearInTheKey()
    {
        // 2030-12-26 through 2031-01-02 off: both Thursdays move to Friday 2031-01-03.
        var calendar = new WorkCalendar(
        [
            HolidayYear.Parse("year: 2030\nholidays:\n  - name: 长假\n    from: 2030-12-26\n    to: 2030-12-31\n", "t-2030"),
            HolidayYear.Parse("year: 2031\nholidays:\n  - name: 长假\n    from: 2031-01-01\n    to: 2031-01-02\n", "t-2031"),
        ]);
        var calculator = new PeriodCalculator(calendar);

        var merged = Assert.Single(calculator.Periods(Weekly, D("2030-12-20"), D("2031-01-05")));

        Assert.Equal("2030-W52+2031-W01", merged.Key);
        Assert.Equal(new DateRange(D("2030-12-20"), D("2031-01-02")), merged.Covers);
        Assert.Equal(Utc("2031-01-03T09:00:00Z"), merged.Due);
        Assert.Equal(merged.Key, calculator.Find(Weekly, "2031-W01")?.Key);
        Assert.Equal(merged.Key, calculator.Find(Weekly, "2030-W52+2031-W01")?.Key);
    }

    [Fact]
    public void Periods_HolidayLongerThanTwoWeeks_MergesThreeWeeks()
    {
        var calendar = new WorkCalendar(
            [HolidayYear.Parse("year: 2031\nholidays:\n  - name: 长假\n    from: 2031-03-06\n    to: 2031-03-19\n", "t-2031")]);

        var period = Assert.Single(new PeriodCalculator(calendar).Periods(Weekly, D("2031-03-01"), D("2031-03-20")));

        Assert.Equal("2031-W10+W11+W12", period.Key);
        Assert.Equal(Utc("2031-03-20T09:00:00Z"), period.Due);
        Assert.Equal(Utc("2031-03-06T09:00:00Z"), period.NominalDue);
        Assert.Equal(new DateRange(D("2031-02-28"), D("2031-03-20")), period.Covers);
    }

    [Fact]
    public void Periods_MonthlyCycle_CoversPreviousMonthAndPostpones()
    {
        var monthly = new ReportCycleDefinition { Key = "monthly", Name = "月报", Frequency = ReportFrequency.Monthly, DueDayOfMonth = 1 };

        var periods = _calculator.Periods(monthly, D("2026-09-01"), D("2026-10-31"));

        Assert.Equal(["2026-08", "2026-09"], periods.Select(p => p.Key));
        Assert.Equal(new DateRange(D("2026-09-01"), D("2026-09-30")), periods[1].Covers);
        Assert.Equal(Utc("2026-10-08T09:00:00Z"), periods[1].Due);
        Assert.Equal("2026-09", _calculator.Find(monthly, "2026-09")!.Key);
    }

    [Fact]
    public void Periods_OtherTimeZoneAndTime_ConvertsOfficeLocalToUtc()
    {
        var newYork = ReportCycleDefinition.Weekly with { Key = "ny", TimeZoneId = "America/New_York", DueTime = new TimeOnly(9, 30) };

        var periods = _calculator.Periods(newYork, D("2026-07-01"), D("2026-11-30"));

        Assert.Equal(Utc("2026-07-02T13:30:00Z"), periods[0].Due);  // EDT, UTC-4
        Assert.Equal(Utc("2026-11-19T14:30:00Z"), periods.Single(p => p.Key == "2026-W47").Due); // EST, UTC-5
    }

    [Theory]
    [InlineData(31, "Asia/Shanghai")]
    [InlineData(5, "Mars/Olympus_Mons")]
    public void Periods_InvalidCycle_ThrowsArgumentException(int dueDay, string zone)
    {
        var cycle = ReportCycleDefinition.Quarterly with { DueDayOfMonth = dueDay, TimeZoneId = zone };

        Assert.Throws<ArgumentException>(() => _calculator.Periods(cycle, D("2026-01-01"), D("2026-12-31")));
    }

    [Fact]
    public void Periods_EndBeforeStart_Throws() =>
        Assert.Throws<ArgumentException>(() => _calculator.Periods(Weekly, D("2026-12-31"), D("2026-01-01")));
}
