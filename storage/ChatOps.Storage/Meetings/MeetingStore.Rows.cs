using System.Globalization;
using ChatOps.Core.Meetings;

namespace ChatOps.Storage.Meetings;

/// <summary>The rows Dapper reads meetings into, and their conversion to the core's records.</summary>
internal sealed partial class MeetingStore
{
    private sealed class SeriesRow
    {
        public long Id { get; set; }

        public string Kind { get; set; } = "";

        public string Title { get; set; } = "";

        public string HostId { get; set; } = "";

        public string Recurrence { get; set; } = "";

        public string FirstDate { get; set; } = "";

        public string StartTime { get; set; } = "";

        public int DurationMinutes { get; set; }

        public string? Place { get; set; }

        public string? Link { get; set; }

        public string? Agenda { get; set; }

        public string AttendeeSpecs { get; set; } = "[]";

        public string CreatedBy { get; set; } = "";

        public DateTimeOffset CreatedAt { get; set; }

        public DateTimeOffset? CancelledAt { get; set; }

        public MeetingSeries ToSeries() => new(
            Id, Enum.Parse<MeetingKind>(Kind), Title, HostId,
            Core.Meetings.Recurrence.Parse(Recurrence) ?? throw new InvalidOperationException($"Stored recurrence '{Recurrence}' of series {Id} is not a rule."),
            ParseDate(FirstDate), TimeOnly.ParseExact(StartTime, TimeFormat, CultureInfo.InvariantCulture), DurationMinutes,
            Place, Link, Agenda, Specs(AttendeeSpecs), CreatedBy, CreatedAt, CancelledAt);
    }

    private sealed class MeetingRow
    {
        public long Id { get; set; }

        public long? SeriesId { get; set; }

        public string? Slot { get; set; }

        public string Kind { get; set; } = "";

        public string Title { get; set; } = "";

        public string HostId { get; set; } = "";

        public DateTimeOffset StartsAt { get; set; }

        public DateTimeOffset EndsAt { get; set; }

        public string? Place { get; set; }

        public string? Link { get; set; }

        public string? Agenda { get; set; }

        public string AttendeeSpecs { get; set; } = "[]";

        public string Status { get; set; } = "";

        public string CreatedBy { get; set; } = "";

        public DateTimeOffset CreatedAt { get; set; }

        public DateTimeOffset TimeSetAt { get; set; }

        public int TimeVersion { get; set; }

        public string? HolidayNote { get; set; }

        public bool AwaitingConfirmation { get; set; }

        public DateTimeOffset? CancelledAt { get; set; }

        public string? CancelReason { get; set; }

        public Meeting ToMeeting() => new(
            Id, SeriesId, Slot is null ? null : ParseDate(Slot), Enum.Parse<MeetingKind>(Kind), Title, HostId, StartsAt, EndsAt, Place, Link, Agenda,
            Specs(AttendeeSpecs), Enum.Parse<MeetingStatus>(Status), CreatedBy, CreatedAt, TimeSetAt, TimeVersion, HolidayNote, AwaitingConfirmation,
            CancelledAt, CancelReason);
    }

    private sealed class AttendeeRow
    {
        public long MeetingId { get; set; }

        public string PersonId { get; set; } = "";

        public string Role { get; set; } = "";

        public string? UnitCode { get; set; }

        public string Source { get; set; } = "";

        public string Answer { get; set; } = "";

        public DateTimeOffset? AnsweredAt { get; set; }

        public string? SubstituteFor { get; set; }

        public long? LeaveRequestId { get; set; }

        public string? DeclineReason { get; set; }

        public Attendee ToAttendee() => new(
            MeetingId, PersonId, Enum.Parse<AttendeeRole>(Role), UnitCode, Source, Enum.Parse<AttendanceAnswer>(Answer), AnsweredAt, SubstituteFor, LeaveRequestId,
            DeclineReason);
    }

    private sealed class LeaveRow
    {
        public long Id { get; set; }

        public long MeetingId { get; set; }

        public string PersonId { get; set; } = "";

        public string Reason { get; set; } = "";

        public string? SubstitutePersonId { get; set; }

        public string SubstituteName { get; set; } = "";

        public string? SubstitutePhone { get; set; }

        public string Status { get; set; } = "";

        public DateTimeOffset RequestedAt { get; set; }

        public string? DecidedBy { get; set; }

        public DateTimeOffset? DecidedAt { get; set; }

        public string? HostComment { get; set; }

        public LeaveRequest ToRequest() => new(
            Id, MeetingId, PersonId, Reason, SubstitutePersonId, SubstituteName, SubstitutePhone, Enum.Parse<LeaveStatus>(Status), RequestedAt,
            DecidedBy, DecidedAt, HostComment);
    }

    private sealed class ItemRow
    {
        public long Id { get; set; }

        public long MeetingId { get; set; }

        public string Text { get; set; } = "";

        public string OwnerUnit { get; set; } = "";

        public string DueDate { get; set; } = "";

        public string Status { get; set; } = "";

        public string RecordedBy { get; set; } = "";

        public DateTimeOffset RecordedAt { get; set; }

        public DateTimeOffset UpdatedAt { get; set; }

        public AgreedItem ToItem() => new(
            Id, MeetingId, Text, OwnerUnit, ParseDate(DueDate), Enum.Parse<AgreedItemStatus>(Status), RecordedBy, RecordedAt, UpdatedAt);
    }

    private sealed class FeedbackRow
    {
        public long Id { get; set; }

        public long ItemId { get; set; }

        public string PersonId { get; set; } = "";

        public string Text { get; set; } = "";

        public bool Done { get; set; }

        public DateTimeOffset GivenAt { get; set; }
    }
}
