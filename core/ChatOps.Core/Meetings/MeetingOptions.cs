namespace ChatOps.Core.Meetings;

/// <summary>When meeting reminders and agreed-item reminders go out (section <c>Meetings</c>); the defaults follow the issue.</summary>
public sealed class MeetingOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Meetings";

    /// <summary>The day-before reminder, office time (default 16:00).</summary>
    public TimeOnly DayBeforeAt { get; set; } = new(16, 0);

    /// <summary>How long before the start the last reminder and the host's roster go out (default one hour).</summary>
    public TimeSpan LastReminderBefore { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Days before an agreed item's due date of the first reminder to the owner (default 3).</summary>
    public int FirstItemReminderDays { get; set; } = 3;

    /// <summary>Days before the due date of the second reminder (default 1).</summary>
    public int LastItemReminderDays { get; set; } = 1;

    /// <summary>Office time of item reminders and of the overdue list, sent the morning after the due date (default 09:00).</summary>
    public TimeOnly ItemNoticeAt { get; set; } = new(9, 0);

    /// <summary>
    /// How long after a meeting ended its after-meeting steps are still run when the host was down (default 2 days);
    /// older meetings are left alone.
    /// </summary>
    public TimeSpan CatchUpLimit { get; set; } = TimeSpan.FromDays(2);
}

/// <summary>The longest texts the meeting use cases accept, in one place (the messages quote them).</summary>
public static class MeetingLimits
{
    /// <summary>A meeting's title.</summary>
    public const int Title = 100;

    /// <summary>A meeting's place.</summary>
    public const int Place = 200;

    /// <summary>A meeting's agenda.</summary>
    public const int Agenda = 2000;

    /// <summary>The reason for a cancellation.</summary>
    public const int CancelReason = 200;

    /// <summary>The reason for leave (and a substitute's reason for not attending).</summary>
    public const int Reason = 200;

    /// <summary>The comment of a host who does not approve.</summary>
    public const int Comment = 500;

    /// <summary>An agreed item's text.</summary>
    public const int Item = 500;

    /// <summary>A unit's feedback on an agreed item.</summary>
    public const int Feedback = 1000;
}
