namespace ChatOps.Core.Meetings;

/// <summary>What kind of refusal a meeting use case gave: the API answers 400, 403, 404 or 409 accordingly.</summary>
public enum MeetingProblemKind
{
    /// <summary>A field is missing or wrong.</summary>
    Invalid,

    /// <summary>The meeting (or item) does not exist.</summary>
    NotFound,

    /// <summary>The meeting's state does not allow it (cancelled, started).</summary>
    Conflict,

    /// <summary>The actor may not do it (not office staff, not the meeting's host).</summary>
    Forbidden,

    /// <summary>A meeting with the same title and start exists; allowed only when the request says so.</summary>
    Duplicate,
}

/// <summary>
/// Why a meeting use case refused, with one Chinese message per field (e.g. <c>start</c> →
/// 开始时间格式应为“2026-12-01 09:00”。) so the API, the CLI, the console and chat can each show exactly what to fix.
/// </summary>
/// <param name="Kind">What kind of refusal it is.</param>
/// <param name="Errors">Messages by field name.</param>
public sealed record MeetingRefusal(MeetingProblemKind Kind, IReadOnlyDictionary<string, string> Errors)
{
    /// <summary>Every message, one a line.</summary>
    public string Message => string.Join("\n", Errors.Values);

    /// <summary>A refusal about one field.</summary>
    public static MeetingRefusal One(string field, string message, MeetingProblemKind kind = MeetingProblemKind.Invalid) =>
        new(kind, new Dictionary<string, string>(StringComparer.Ordinal) { [field] = message });

    /// <summary>Refused fields of a draft (400).</summary>
    public static MeetingRefusal Invalid(IReadOnlyDictionary<string, string> errors) => new(MeetingProblemKind.Invalid, errors);

    /// <summary>A meeting that does not exist.</summary>
    public static MeetingRefusal NoMeeting(long id) => One("id", MeetingText.NoMeeting(id), MeetingProblemKind.NotFound);

    /// <summary>The actor may not do this.</summary>
    public static MeetingRefusal Forbidden(string message) => One("actor", message, MeetingProblemKind.Forbidden);

    /// <summary>The meeting's state does not allow it.</summary>
    public static MeetingRefusal Conflict(string message) => One("id", message, MeetingProblemKind.Conflict);
}

/// <summary>
/// The outcome of an office meeting use case (<see cref="MeetingService"/>, <see cref="MeetingDesk"/>): the value it
/// produced, or the refusal (nothing changed). A refusal converts implicitly, so a use case returns either.
/// </summary>
/// <typeparam name="T">What the use case produces.</typeparam>
public sealed class MeetingResult<T>
{
    private MeetingResult(T? value, MeetingRefusal? refusal) => (Value, Refusal) = (value, refusal);

    /// <summary>The result; set when <see cref="Succeeded"/>.</summary>
    public T? Value { get; }

    /// <summary>Why it was refused; null when it succeeded.</summary>
    public MeetingRefusal? Refusal { get; }

    /// <summary>True when the use case did what was asked.</summary>
    public bool Succeeded => Refusal is null;

    /// <summary>The text to show: <paramref name="said"/> of the value, or the refusal's message.</summary>
    public string Say(Func<T, string> said)
    {
        ArgumentNullException.ThrowIfNull(said);
        return Refusal?.Message ?? said(Value!);
    }

    /// <summary>A success.</summary>
    public static MeetingResult<T> Ok(T value) => new(value, null);

    /// <summary>A refusal.</summary>
    public static MeetingResult<T> Refuse(MeetingRefusal refusal) => new(default, refusal ?? throw new ArgumentNullException(nameof(refusal)));

    /// <summary>A refusal as a result.</summary>
    public static implicit operator MeetingResult<T>(MeetingRefusal refusal) => Refuse(refusal);

    /// <summary>A value as a success (not for interface types, which C# does not convert implicitly: use <see cref="Ok"/>).</summary>
    public static implicit operator MeetingResult<T>(T value) => Ok(value);
}
