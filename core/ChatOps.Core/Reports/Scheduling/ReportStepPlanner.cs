using ChatOps.Core.Calendar;

namespace ChatOps.Core.Reports.Scheduling;

/// <summary>
/// Turns a cycle's <see cref="PromptSchedule"/> into the UTC instants of a period's steps, with the office's working
/// calendar: the first prompt goes out on the working day before the (postponed) due date, so a report due after a
/// holiday is announced before the holiday starts. Pure computation, no clock.
/// </summary>
public sealed class ReportStepPlanner(WorkCalendar calendar)
{
    private const int MaxSearchDays = 366;

    /// <summary>
    /// The period's steps in time order. The overdue step is always there (at the due time); a reminder that would not
    /// fall strictly between the first prompt and the next step is left out rather than sent at a nonsensical time.
    /// </summary>
    public IReadOnlyList<PlannedStep> Plan(ReportCycle cycle, ReportPeriod period)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        ArgumentNullException.ThrowIfNull(period);
        var zone = cycle.Definition.GetTimeZone();
        var dueDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(period.Due, zone).DateTime);
        var schedule = cycle.Schedule;

        var first = PeriodCalculator.ToUtc(PreviousWorkingDay(dueDate), schedule.FirstPromptAt, zone);
        var steps = new List<PlannedStep> { new(ReportStep.FirstPrompt, first) };

        var final = period.Due - schedule.FinalReminderBefore;
        var hasFinal = schedule.FinalReminderBefore > TimeSpan.Zero && final > first;
        var morning = PeriodCalculator.ToUtc(dueDate, schedule.MorningReminderAt, zone);
        if (morning > first && morning < (hasFinal ? final : period.Due))
        {
            steps.Add(new PlannedStep(ReportStep.MorningReminder, morning));
        }

        if (hasFinal)
        {
            steps.Add(new PlannedStep(ReportStep.FinalReminder, final));
        }

        steps.Add(new PlannedStep(ReportStep.Overdue, period.Due));
        return steps;
    }

    /// <summary>The last working day before <paramref name="date"/>.</summary>
    public DateOnly PreviousWorkingDay(DateOnly date)
    {
        for (var i = 1; i <= MaxSearchDays; i++)
        {
            var candidate = date.AddDays(-i);
            if (calendar.IsWorkingDay(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(ReportText.NoWorkday(date));
    }
}
