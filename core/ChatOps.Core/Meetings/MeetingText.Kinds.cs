namespace ChatOps.Core.Meetings;

/// <summary>The names of the meeting kinds, as notices, lists and the arrange dialog show them (<see cref="MeetingKinds"/> maps each kind to its name and also accepts it typed, besides the aliases it keeps).</summary>
public static partial class MeetingText
{
    /// <summary>The name of <see cref="MeetingKind.LeadingGroup"/>.</summary>
    public const string LeadingGroupMeeting = "领导小组会议";

    /// <summary>The name of <see cref="MeetingKind.Office"/>.</summary>
    public const string OfficeMeeting = "办公室会议";

    /// <summary>The name of <see cref="MeetingKind.Thematic"/>.</summary>
    public const string ThematicMeeting = "专题会议";

    /// <summary>The name of <see cref="MeetingKind.WeeklyRegular"/>.</summary>
    public const string WeeklyRegularMeeting = "周例会";
}
