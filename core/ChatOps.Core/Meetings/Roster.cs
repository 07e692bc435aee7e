namespace ChatOps.Core.Meetings;

/// <summary>Where an invitee stands on the roster.</summary>
public enum RosterCategory
{
    /// <summary>Confirmed attendance.</summary>
    Attending,

    /// <summary>Leave approved; a substitute attends.</summary>
    OnLeave,

    /// <summary>Leave requested, the host has not decided.</summary>
    LeavePending,

    /// <summary>Leave refused and attendance not confirmed since.</summary>
    LeaveRejected,

    /// <summary>Leave requested but the host never answered before the start.</summary>
    LeaveUnanswered,

    /// <summary>No answer at all.</summary>
    NoAnswer,
}

/// <summary>One invitee on the roster, with their latest leave request and substitute.</summary>
/// <param name="SubstituteDeclined">When the substitute said they cannot attend: their reason.</param>
public sealed record RosterEntry(
    string PersonId,
    string Label,
    string? UnitCode,
    RosterCategory Category,
    LeaveRequest? Leave,
    string? SubstituteLabel,
    bool SubstituteConfirmed,
    string? SubstituteDeclined = null);

/// <summary>
/// The roster of a meeting (参会名单): for each invitee whether they attend, are on leave (and who replaces them), wait
/// for the host, or have not answered. What the host asks for with 名单 and receives before the meeting, and what the
/// office's absentee list after the meeting is drawn from.
/// </summary>
public sealed record Roster(Meeting Meeting, string HostLabel, IReadOnlyList<RosterEntry> Entries)
{
    /// <summary>The entries in a category, in roster order.</summary>
    public IReadOnlyList<RosterEntry> In(RosterCategory category) => Entries.Where(e => e.Category == category).ToList();

    /// <summary>How many entries are in a category.</summary>
    public int Count(RosterCategory category) => Entries.Count(e => e.Category == category);

    /// <summary>
    /// Invitees who neither confirmed attendance nor had leave approved: after the meeting, those absent without
    /// approved leave (the bot does not see who actually came; the office checks the list).
    /// </summary>
    public IReadOnlyList<RosterEntry> WithoutApprovedLeave =>
        Entries.Where(e => e.Category is not (RosterCategory.Attending or RosterCategory.OnLeave)).ToList();

    /// <summary>Builds the roster from the stored rows.</summary>
    public static Roster Build(Meeting meeting, IReadOnlyList<Attendee> attendees, IReadOnlyList<LeaveRequest> leave, DirectorySnapshot directory)
    {
        var substitutes = attendees.Where(a => a.Role == AttendeeRole.Substitute).ToList();
        var entries = new List<RosterEntry>();
        foreach (var a in attendees.Where(a => a.Role == AttendeeRole.Invitee))
        {
            var latest = leave.Where(r => r.PersonId == a.PersonId && r.Status is not (LeaveStatus.Replaced or LeaveStatus.Withdrawn or LeaveStatus.Closed))
                .MaxBy(r => r.Id);
            var category = a.Answer switch
            {
                AttendanceAnswer.Attending => RosterCategory.Attending,
                AttendanceAnswer.OnLeave => RosterCategory.OnLeave,
                _ => latest?.Status switch
                {
                    LeaveStatus.Pending => RosterCategory.LeavePending,
                    LeaveStatus.Rejected => RosterCategory.LeaveRejected,
                    LeaveStatus.Unanswered => RosterCategory.LeaveUnanswered,
                    _ => RosterCategory.NoAnswer,
                },
            };
            if (category is RosterCategory.Attending or RosterCategory.NoAnswer)
            {
                latest = null;
            }

            var substitute = latest is { Status: LeaveStatus.Approved } ? substitutes.FirstOrDefault(s => s.LeaveRequestId == latest.Id) : null;
            entries.Add(new RosterEntry(
                a.PersonId, MeetingText.Label(a.PersonId, directory), a.UnitCode, category, latest,
                latest is null ? null : MeetingText.Substitute(latest, directory),
                substitute?.Answer == AttendanceAnswer.Attending,
                substitute is { Answer: AttendanceAnswer.Declined } ? substitute.DeclineReason ?? "" : null));
        }

        return new Roster(meeting, MeetingText.Label(meeting.HostId, directory), entries);
    }
}
