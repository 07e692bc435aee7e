using ChatOps.Core.Calendar;
using ChatOps.Core.Reports;
using static ChatOps.Core.Tests.Calendar.TestDates;

namespace ChatOps.Core.Tests.Calendar;

/// <summary>The yearly cycles of seed 004: the 卫生城镇 annual report (end of December) and the clean-up campaign reports.</summary>
public sealed class YearlyCycleTests
{
    private static readonly ReportCycleDefinition Annual = ReportCycleDefinition.HygieneAnnual;
    private static readonly ReportCycleDefinition Campaign = ReportCycleDefinition.CleanupCampaign;
    private readonly PeriodCalculator _calculator = new(WorkCalendar.LoadDefault());

    [Fact]
    public void Find_Annual2026_CoversTheYearDueDecember31At1700()
    {
        var period = _calculator.Find(Annual, "2026");

        Assert.NotNull(period);
        Assert.Equal("2026", period.Key);
        Assert.Equal(new DateRange(D("2026-01-01"), D("2026-12-31")), period.Covers);
        Assert.Equal(Utc("2026-12-31T09:00:00Z"), period.Due);
        Assert.False(period.Postponed);
    }

    [Fact]
    public void Periods_Campaigns2025_SecondRoundOnSundayIsPostponedToMonday()
    {
        var periods = _calculator.Periods(Campaign, D("2025-01-01"), D("2025-12-31"));

        Assert.Equal(["2025-R1", "2025-R2"], periods.Select(p => p.Key));
        Assert.Equal(new DateRange(D("2024-12-01"), D("2025-06-30")), periods[0].Covers);
        Assert.Equal(Utc("2025-06-30T09:00:00Z"), periods[0].Due);
        Assert.Equal(new DateRange(D("2025-07-01"), D("2025-11-30")), periods[1].Covers);
        Assert.True(periods[1].Postponed); // 2025-11-30 is a Sunday: 顺延 to Monday 1 December
        Assert.Equal(Utc("2025-12-01T09:00:00Z"), periods[1].Due);
        Assert.Equal(Utc("2025-11-30T09:00:00Z"), periods[1].NominalDue);
    }

    [Fact]
    public void PeriodContaining_AfterTheFirstRound_IsTheSecondRound()
    {
        var period = _calculator.PeriodContaining(Campaign, Utc("2026-07-01T02:00:00Z"));

        Assert.Equal("2026-R2", period.Key);
        Assert.Equal(Utc("2026-11-30T09:00:00Z"), period.Due);
    }

    [Fact]
    public void PeriodContaining_AfterTheAnnualDeadline_IsNextYear()
    {
        Assert.Equal("2026", _calculator.PeriodContaining(Annual, Utc("2026-01-05T02:00:00Z")).Key);
        Assert.Equal("2027", _calculator.PeriodContaining(Annual, Utc("2026-12-31T09:30:00Z")).Key);
    }

    [Theory]
    [InlineData("2026-R1")] // the annual cycle has no rounds
    [InlineData("2026-Q4")]
    public void Find_WrongKeyForAnnual_ThrowsWithExample(string key)
    {
        var error = Assert.Throws<FormatException>(() => _calculator.Find(Annual, key));
        Assert.Contains("2026", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_RoundBeyondTheYearsDates_IsNull() => Assert.Null(_calculator.Find(Campaign, "2026-R3"));

    [Theory]
    [InlineData("02-29")]
    [InlineData("13-01")]
    [InlineData("12/31")]
    public void Validate_BadDueDate_IsRefusedInChinese(string date)
    {
        var cycle = Annual with { Key = "x", DueDates = [date] };
        var error = Assert.Throws<ArgumentException>(cycle.Validate);
        Assert.Contains("截止日", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Catalog_HasTheSeedCyclesWithTheirUnits()
    {
        var cycles = new ReportCycles(ReportCatalog.All);
        Assert.Equal([Core.Organization.UnitKind.Prefecture], cycles.Get("hygiene-annual").UnitKinds);
        Assert.Equal([Core.Organization.UnitKind.County], cycles.Get("cleanup").UnitKinds);
        Assert.Equal("2025年第2次（7月1日至11月30日）",
            PeriodText.Label(cycles.Get("cleanup"), _calculator.Find(Campaign, "2025-R2")!));
    }
}
