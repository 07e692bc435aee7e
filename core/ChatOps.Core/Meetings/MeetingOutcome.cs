namespace ChatOps.Core.Meetings;

/// <summary>What a meeting use case called from chat did.</summary>
public enum MeetingOutcomeKind
{
    /// <summary>Done: the change (if any) is written with its notices and audit line.</summary>
    Done,

    /// <summary>Refused: not allowed, not possible now, or bad input; nothing changed.</summary>
    Refused,

    /// <summary>Refused because of one answer the person can give again (e.g. a substitute already on the roster).</summary>
    AskAgain,
}

/// <summary>
/// The outcome of an attendance use case (<see cref="MeetingAttendance"/>): success or refusal with the Chinese text
/// to show the actor, and the rows as they now stand. Office use cases (<see cref="MeetingService"/>) return a
/// <see cref="MeetingResult{T}"/> instead, because the API shows one message per field.
/// </summary>
/// <param name="Kind">What happened.</param>
/// <param name="Message">The text to show the actor (Chinese).</param>
public sealed record MeetingOutcome(MeetingOutcomeKind Kind, string Message)
{
    /// <summary>True when the use case did what was asked.</summary>
    public bool Succeeded => Kind == MeetingOutcomeKind.Done;

    /// <summary>The meeting concerned, when known.</summary>
    public Meeting? Meeting { get; init; }

    /// <summary>The leave request concerned, when known.</summary>
    public LeaveRequest? Leave { get; init; }

    /// <summary>A success with <paramref name="message"/>.</summary>
    public static MeetingOutcome Ok(string message) => new(MeetingOutcomeKind.Done, message);

    /// <summary>A refusal with <paramref name="message"/>.</summary>
    public static MeetingOutcome Refuse(string message) => new(MeetingOutcomeKind.Refused, message);
}

/// <summary>A leave request as the attendee composed it in the dialog.</summary>
/// <param name="MeetingId">The meeting.</param>
/// <param name="Reason">Why they cannot attend.</param>
/// <param name="SubstituteId">The substitute's directory id, or null for someone outside the directory.</param>
/// <param name="SubstituteName">The substitute's name.</param>
/// <param name="SubstitutePhone">For someone outside the directory: their phone number.</param>
public sealed record LeaveApplication(long MeetingId, string Reason, string? SubstituteId, string SubstituteName, string? SubstitutePhone);
