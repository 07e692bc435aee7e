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
