namespace ChatOps.Core.Reports.Scheduling;

/// <summary>
/// The moments of a report period at which the bot speaks up, in order. Named so each can be recorded as done once
/// (<see cref="IScheduleStore.TryMarkDoneAsync"/>) and never repeated across restarts or instances.
/// </summary>
public enum ReportStep
{
    /// <summary>The first prompt, on the working day before the due date (default 10:00).</summary>
    FirstPrompt,

    /// <summary>The reminder on the morning of the due date (default 09:00), to those who have not submitted.</summary>
    MorningReminder,

    /// <summary>The last reminder shortly before the deadline (default two hours), to those who have not submitted.</summary>
    FinalReminder,

    /// <summary>At the deadline: a notice to each missing liaison, the summary to the office, optionally the leaders.</summary>
    Overdue,
}

/// <summary>One step of a period and the instant (UTC) it falls due.</summary>
public sealed record PlannedStep(ReportStep Step, DateTimeOffset At)
{
    /// <summary>The name stored with the step (<c>first-prompt</c>, <c>morning-reminder</c>, <c>final-reminder</c>, <c>overdue</c>).</summary>
    public string Key => ReportSteps.Key(Step);

    /// <summary>A prompt or a reminder (chasing before the deadline), as opposed to the overdue step.</summary>
    public bool IsChase => Step != ReportStep.Overdue;
}

/// <summary>Stable names of the steps, as stored in the schedule table and used in outbox dedupe keys.</summary>
public static class ReportSteps
{
    /// <summary>The stored name of a step.</summary>
    public static string Key(ReportStep step) => step switch
    {
        ReportStep.FirstPrompt => "first-prompt",
        ReportStep.MorningReminder => "morning-reminder",
        ReportStep.FinalReminder => "final-reminder",
        ReportStep.Overdue => "overdue",
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, null),
    };

    /// <summary>
    /// The outbox dedupe key of a message about a period: <c>report:{cycle}:{period}:{what}:{personId}</c>, so a
    /// scheduled message can never be queued twice even if a step were run again.
    /// </summary>
    public static string DedupeKey(string cycleKey, string periodKey, string what, string personId) =>
        $"report:{cycleKey}:{periodKey}:{what}:{personId}";
}
