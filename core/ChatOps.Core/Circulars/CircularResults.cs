namespace ChatOps.Core.Circulars;

/// <summary>Why a circular operation was refused; the host maps it to an HTTP status, the chat just says the message.</summary>
public enum CircularErrorKind
{
    /// <summary>Bad input (400).</summary>
    Invalid,

    /// <summary>Not allowed for this person (403).</summary>
    Forbidden,

    /// <summary>No such circular (404).</summary>
    NotFound,

    /// <summary>Not possible in the circular's state, or the number is taken (409).</summary>
    Conflict,
}

/// <summary>One refusal, in Chinese for the office; <see cref="Field"/> names the input it is about (API validation errors).</summary>
public sealed record CircularError(CircularErrorKind Kind, string Field, string Message);

/// <summary>What the office composed: the input of the dialog and of POST /api/circulars.</summary>
/// <param name="Kind">A kind's key, Chinese name or alias.</param>
/// <param name="Number">The number; null takes the next one of the kind.</param>
/// <param name="Major">重大事项 (signed off by the group leader where the kind says so).</param>
/// <param name="SignerId">The signer when several people may sign off the kind (e.g. minutes: the meeting's convener).</param>
public sealed record CircularDraft(
    string Kind,
    string Title,
    string Body,
    IReadOnlyList<CircularTarget> Targets,
    string? Number = null,
    bool Major = false,
    string? SignerId = null);

/// <summary>What issuing queued: deliveries and people to acknowledge, and what could not be reached.</summary>
public sealed record IssueSummary(int Groups, int Direct, int Recipients, int Unreachable, IReadOnlyList<string> Notes)
{
    /// <summary>One line for the office.</summary>
    public string Describe() => CircularText.Describe(this);
}

/// <summary>The result of a circular operation: the circular as it now stands, or the errors; plus a line for the actor.</summary>
public sealed record CircularOutcome(Circular? Circular, IReadOnlyList<CircularError> Errors, string? Notice = null, IssueSummary? Issued = null)
{
    /// <summary>True when nothing was refused.</summary>
    public bool Succeeded => Errors.Count == 0;

    /// <summary>For <see cref="CircularService.StandingAsync"/>: the circular's delivery and acknowledgement.</summary>
    public CircularStanding? Standing { get; init; }

    /// <summary>For <see cref="CircularService.RecentAsync"/>: the recent circulars with their acknowledgement counts.</summary>
    public IReadOnlyList<CircularSummary> Recent { get; init; } = [];

    /// <summary>A refusal.</summary>
    public static CircularOutcome Fail(CircularErrorKind kind, string field, string message) => new(null, [new CircularError(kind, field, message)]);

    /// <summary>The errors as one message.</summary>
    public string ErrorText => string.Join("\n", Errors.Select(e => e.Message));
}

/// <summary>How a delivery stands, as the office reads it.</summary>
public enum DeliveryState
{
    /// <summary>In the outbox, not yet sent (waiting for its wave or the dispatcher).</summary>
    Queued,

    /// <summary>The channel failed transiently; the dispatcher tries again.</summary>
    Retrying,

    /// <summary>Accepted by the channel.</summary>
    Sent,

    /// <summary>Refused for good by the channel, with its reason.</summary>
    Failed,

    /// <summary>Never queued: no enabled channel reaches the target.</summary>
    Unreachable,
}

/// <summary>One group or 1:1 delivery as the office sees it.</summary>
public sealed record TargetStanding(string TargetKey, string Name, string? Channel, DeliveryState State, int Attempts, string? Error, DateTimeOffset? SentAt);

/// <summary>Someone who has not acknowledged, with the reminders sent and why their card may not have reached them.</summary>
public sealed record MissingPerson(string PersonId, string Name, int Reminders, string? Problem);

/// <summary>A unit's acknowledgements (people without a unit are grouped under one line).</summary>
public sealed record UnitStanding(string? UnitCode, string Name, int Recipients, int Acknowledged, IReadOnlyList<MissingPerson> Missing);

/// <summary>A circular's delivery and acknowledgement at one moment: per target, per unit, and who is missing.</summary>
public sealed record CircularStanding(
    Circular Circular,
    CircularKind Kind,
    string? SignerName,
    IReadOnlyList<TargetStanding> Targets,
    IReadOnlyList<UnitStanding> Units,
    int Recipients,
    int Acknowledged,
    IReadOnlyList<CircularAttachment> Attachments)
{
    /// <summary>Acknowledged share, 0–1 (1 when nobody has to acknowledge).</summary>
    public double AckRate => Recipients == 0 ? 1 : (double)Acknowledged / Recipients;
}

/// <summary>A circular in a list, with how many must acknowledge it and how many have.</summary>
public sealed record CircularSummary(Circular Circular, int Recipients, int Acknowledged);

/// <summary>What acknowledging one circular did.</summary>
public enum CircularAckResult
{
    /// <summary>Recorded now.</summary>
    Acknowledged,

    /// <summary>The person acknowledged before.</summary>
    Already,

    /// <summary>The person is not among its recipients.</summary>
    NotRecipient,

    /// <summary>No such issued circular.</summary>
    NotFound,
}
