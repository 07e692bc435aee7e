namespace ChatOps.Core.Meetings;

/// <summary>
/// The kinds of meeting the working rules name (seed 000 第十一~十三条, seed 003 五): they decide the wording of notices
/// and let the office list meetings by kind; the rules of attendance and leave are the same for all.
/// </summary>
public enum MeetingKind
{
    /// <summary>领导小组会议: monthly, chaired by the group leader (seed 000 第十一条).</summary>
    LeadingGroup,

    /// <summary>办公室会议: weekly, chaired by the office head (seed 000 第十二条).</summary>
    Office,

    /// <summary>专题会议: thematic, when needed (seed 000 第十三条).</summary>
    Thematic,

    /// <summary>周例会: the weekly regular meeting (seed 003 五(四), every Tuesday).</summary>
    WeeklyRegular,
}

/// <summary>Whether a meeting will take place.</summary>
public enum MeetingStatus
{
    /// <summary>Planned (past meetings keep this status: they were held).</summary>
    Scheduled,

    /// <summary>Cancelled by the office; attendees were told.</summary>
    Cancelled,
}

/// <summary>Why a person is on a meeting's roster.</summary>
public enum AttendeeRole
{
    /// <summary>Invited (by name, role or unit).</summary>
    Invitee,

    /// <summary>Attends in place of an invitee whose leave was approved (代为参会).</summary>
    Substitute,
}

/// <summary>What an attendee answered.</summary>
public enum AttendanceAnswer
{
    /// <summary>No answer yet.</summary>
    Pending,

    /// <summary>Confirmed attendance (参加).</summary>
    Attending,

    /// <summary>On approved leave (请假, approved by the host).</summary>
    OnLeave,

    /// <summary>A substitute who cannot attend after all (不能参加, with a reason); the invitee and the host were told.</summary>
    Declined,
}

/// <summary>Where a leave request stands.</summary>
public enum LeaveStatus
{
    /// <summary>Waiting for the host.</summary>
    Pending,

    /// <summary>Approved: the substitute attends.</summary>
    Approved,

    /// <summary>Rejected with the host's comment: the attendee is expected.</summary>
    Rejected,

    /// <summary>Replaced by a later request for the same meeting.</summary>
    Replaced,

    /// <summary>Withdrawn: the attendee answered 参加 after all.</summary>
    Withdrawn,

    /// <summary>Closed because the meeting was cancelled.</summary>
    Closed,

    /// <summary>The host had not answered when the meeting started (the office was told).</summary>
    Unanswered,
}

/// <summary>Progress of an agreed item (议定事项).</summary>
public enum AgreedItemStatus
{
    /// <summary>Recorded, no feedback yet.</summary>
    Open,

    /// <summary>The owner reported progress but not completion.</summary>
    InProgress,

    /// <summary>The owner reported it done.</summary>
    Done,
}

/// <summary>
/// A recurring meeting (每月、每周): the rule and the template its occurrences are made from. Occurrences are made one at
/// a time (the next when the previous has started), so each can be moved, cancelled or flagged on its own.
/// </summary>
public sealed record MeetingSeries(
    long Id,
    MeetingKind Kind,
    string Title,
    string HostId,
    Recurrence Rule,
    DateOnly FirstDate,
    TimeOnly StartTime,
    int DurationMinutes,
    string? Place,
    string? Link,
    string? Agenda,
    IReadOnlyList<string> AttendeeSpecs,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CancelledAt = null);

/// <summary>
/// One meeting at one time: a one-off meeting, or one occurrence of a <see cref="MeetingSeries"/> (then
/// <see cref="Slot"/> is the date the rule gave it, kept when the office moves it). Buttons and the office API name it
/// by <see cref="Id"/>. <see cref="TimeVersion"/> grows with every change of time, so the reminders of the new time are
/// new steps; <see cref="TimeSetAt"/> is when the current time was announced (reminders due before it are skipped).
/// </summary>
public sealed record Meeting(
    long Id,
    long? SeriesId,
    DateOnly? Slot,
    MeetingKind Kind,
    string Title,
    string HostId,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string? Place,
    string? Link,
    string? Agenda,
    IReadOnlyList<string> AttendeeSpecs,
    MeetingStatus Status,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset TimeSetAt,
    int TimeVersion = 1,
    string? HolidayNote = null,
    bool AwaitingConfirmation = false,
    DateTimeOffset? CancelledAt = null,
    string? CancelReason = null)
{
    /// <summary>True once the meeting has started: answers and leave requests are closed.</summary>
    public bool HasStarted(DateTimeOffset now) => now >= StartsAt;

    /// <summary>True while answers are accepted: scheduled and not started.</summary>
    public bool IsOpen(DateTimeOffset now) => Status == MeetingStatus.Scheduled && !HasStarted(now);
}

/// <summary>A person on a meeting's roster and their answer.</summary>
/// <param name="Source">How they came on the roster (the attendee spec, e.g. <c>unit:wjw</c>, or <c>substitute</c>).</param>
/// <param name="SubstituteFor">For a substitute: the invitee they replace.</param>
/// <param name="LeaveRequestId">For a substitute: the approved request that named them.</param>
/// <param name="DeclineReason">For a substitute who declined: why.</param>
public sealed record Attendee(
    long MeetingId,
    string PersonId,
    AttendeeRole Role,
    string? UnitCode,
    string Source,
    AttendanceAnswer Answer = AttendanceAnswer.Pending,
    DateTimeOffset? AnsweredAt = null,
    string? SubstituteFor = null,
    long? LeaveRequestId = null,
    string? DeclineReason = null);

/// <summary>
/// 请假: an attendee asks the host to be excused and names who attends in their place (seed 000 第十三条). The
/// substitute is a person in the directory (<see cref="SubstitutePersonId"/>) or someone outside it, by name and phone.
/// </summary>
public sealed record LeaveRequest(
    long Id, long MeetingId, string PersonId, string Reason,
    string? SubstitutePersonId, string SubstituteName, string? SubstitutePhone,
    LeaveStatus Status, DateTimeOffset RequestedAt, string? DecidedBy = null, DateTimeOffset? DecidedAt = null, string? HostComment = null);

/// <summary>An agreed item (议定事项) from a meeting's minutes: what, which unit carries it, and by when.</summary>
public sealed record AgreedItem(
    long Id,
    long MeetingId,
    string Text,
    string OwnerUnit,
    DateOnly DueDate,
    AgreedItemStatus Status,
    string RecordedBy,
    DateTimeOffset RecordedAt,
    DateTimeOffset UpdatedAt);

/// <summary>A unit's report on an agreed item (反馈落实情况).</summary>
public sealed record ItemFeedback(long Id, long ItemId, string PersonId, string Text, bool Done, DateTimeOffset At);

/// <summary>The Chinese names of meeting kinds, as office staff type them and notices show them.</summary>
public static class MeetingKinds
{
    private static readonly (MeetingKind Kind, string Chinese, string[] Aliases)[] Names =
    [
        (MeetingKind.LeadingGroup, MeetingText.LeadingGroupMeeting, ["leading-group", "leadinggroup", "领导小组全体会议"]),
        (MeetingKind.Office, MeetingText.OfficeMeeting, ["office", "领导小组办公室会议"]),
        (MeetingKind.Thematic, MeetingText.ThematicMeeting, ["thematic", "专题推进会议", "专项行动推进专题会议"]),
        (MeetingKind.WeeklyRegular, MeetingText.WeeklyRegularMeeting, ["weekly", "weekly-regular", "weeklyregular"]),
    ];

    /// <summary>The accepted names, for messages.</summary>
    public static string Choices => string.Join("、", Names.Select(n => n.Chinese));

    /// <summary>The Chinese name of a kind.</summary>
    public static string Name(MeetingKind kind) => Names.First(n => n.Kind == kind).Chinese;

    /// <summary>Parses a kind in Chinese or English.</summary>
    public static bool TryParse(string? text, out MeetingKind kind)
    {
        var t = text?.Trim() ?? "";
        foreach (var n in Names)
        {
            if (string.Equals(t, n.Chinese, StringComparison.OrdinalIgnoreCase) ||
                string.Equals(t, n.Kind.ToString(), StringComparison.OrdinalIgnoreCase) ||
                n.Aliases.Any(a => string.Equals(t, a, StringComparison.OrdinalIgnoreCase)))
            {
                kind = n.Kind;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
