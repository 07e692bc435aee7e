using ChatOps.Core.Calendar;
using ChatOps.Core.Reports;
using ChatOps.Core.Reports.Scheduling;
using static ChatOps.Core.Tests.Reports.Scheduling.SchedulingHarness;

namespace ChatOps.Core.Tests.Reports.Scheduling;

public class ReportStepPlannerTests
{
    private static readonly PeriodCalculator Calculator = new(WorkCalendar.LoadDefault());
    private static readonly ReportStepPlanner Planner = new(WorkCalendar.LoadDefault());

    [Fact]
    public void OrdinaryWeek_PromptWednesday10_RemindersThursday09And15_OverdueThursday17()
    {
        var period = Calculator.Find(ReportCycleDefinition.Weekly, "2026-W48")!;

        var steps = Planner.Plan(ReportCatalog.Weekly, period);

        Assert.Equal(
            [
                new PlannedStep(ReportStep.FirstPrompt, Utc("2026-11-25T02:00:00Z")),
                new PlannedStep(ReportStep.MorningReminder, Utc("2026-11-26T01:00:00Z")),
                new PlannedStep(ReportStep.FinalReminder, Utc("2026-11-26T07:00:00Z")),
                new PlannedStep(ReportStep.Overdue, Utc("2026-11-26T09:00:00Z")),
            ],
            steps);
    }

    [Fact]
    public void NationalDayWeek_MergedPeriodDueOctober8_IsPromptedOnSeptember30BeforeTheHoliday()
    {
        var period = Calculator.Find(ReportCycleDefinition.Weekly, "2026-W41")!;
        Assert.Equal("2026-W40+W41", period.Key);

        var steps = Planner.Plan(ReportCatalog.Weekly, period);

        // 10-01..10-07 are days off, so the working day before Thursday 10-08 is Wednesday 09-30.
        Assert.Equal(
            [Utc("2026-09-30T02:00:00Z"), Utc("2026-10-08T01:00:00Z"), Utc("2026-10-08T07:00:00Z"), Utc("2026-10-08T09:00:00Z")],
            steps.Select(s => s.At));
    }

    [Fact]
    public void QuarterlyOctober2026_DueOctober5PostponedToOctober8_PromptedSeptember30()
    {
        var period = Calculator.Find(ReportCycleDefinition.Quarterly, "2026-Q3")!;
        Assert.True(period.Postponed);

        var steps = Planner.Plan(ReportCatalog.Quarterly, period);

        Assert.Equal(
            [Utc("2026-09-30T02:00:00Z"), Utc("2026-10-08T01:00:00Z"), Utc("2026-10-08T07:00:00Z"), Utc("2026-10-08T09:00:00Z")],
            steps.Select(s => s.At));
    }

    [Fact]
    public void QuarterlyApril2026_DueAfterQingming_PromptedTheFridayBefore()
    {
        var period = Calculator.Find(ReportCycleDefinition.Quarterly, "2026-Q1")!;

        var steps = Planner.Plan(ReportCatalog.Quarterly, period);

        // 04-05 is a Sunday inside 清明 (04-04..04-06): due Tuesday 04-07 17:00, prompted Friday 04-03 10:00.
        Assert.Equal(Utc("2026-04-07T09:00:00Z"), period.Due);
        Assert.Equal(Utc("2026-04-03T02:00:00Z"), steps[0].At);
    }

    [Fact]
    public void MakeUpWorkday_CountsAsTheWorkingDayBefore()
    {
        // 2026-W01: Thursday 01-01 is 元旦, postponed to Sunday 01-04, a make-up working day; the day before that is
        // Saturday 01-03, a day off, so the prompt goes out on Wednesday 12-31.
        var period = Calculator.Find(ReportCycleDefinition.Weekly, "2026-W01")!;
        Assert.Equal(Utc("2026-01-04T09:00:00Z"), period.Due);

        Assert.Equal(Utc("2025-12-31T02:00:00Z"), Planner.Plan(ReportCatalog.Weekly, period)[0].At);
    }

    [Fact]
    public void CustomSchedule_FinalReminderBeforeTheMorningOne_DropsTheMorningOne()
    {
        var period = Calculator.Find(ReportCycleDefinition.Weekly, "2026-W48")!;
        var cycle = ReportCatalog.Weekly with { Schedule = new PromptSchedule(new TimeOnly(16, 0), new TimeOnly(9, 0), TimeSpan.FromHours(10), false) };

        var steps = Planner.Plan(cycle, period);

        // The final reminder (Thursday 07:00) comes before the morning one (09:00), which is left out.
        Assert.Equal([ReportStep.FirstPrompt, ReportStep.FinalReminder, ReportStep.Overdue], steps.Select(s => s.Step));
        Assert.Equal([Utc("2026-11-25T08:00:00Z"), Utc("2026-11-25T23:00:00Z"), Utc("2026-11-26T09:00:00Z")], steps.Select(s => s.At));
    }
}
