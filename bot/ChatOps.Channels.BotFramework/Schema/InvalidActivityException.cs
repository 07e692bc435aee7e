namespace ChatOps.Channels.BotFramework;

/// <summary>Why a request body is not an activity we can process; lets the endpoint answer 400 or 413.</summary>
public enum InvalidActivityReason
{
    /// <summary>The body is empty, not JSON, or not a JSON object.</summary>
    NotJson,

    /// <summary>The body is larger than the allowed maximum.</summary>
    TooLarge,

    /// <summary>A required field is missing or empty.</summary>
    MissingField,

    /// <summary>A field has the wrong JSON type or an unusable value.</summary>
    InvalidField,
}

/// <summary>
/// Thrown by <see cref="ActivityParser"/> when a request body is not a usable activity. Carries a machine-readable
/// reason and the offending field so the endpoint can answer precisely and log without dumping the body.
/// </summary>
public sealed class InvalidActivityException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="InvalidActivityException"/> class.</summary>
    public InvalidActivityException()
        : this(InvalidActivityReason.NotJson, null, "The request body is not a valid activity.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="InvalidActivityException"/> class.</summary>
    /// <param name="message">The message.</param>
    public InvalidActivityException(string message)
        : this(InvalidActivityReason.NotJson, null, message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="InvalidActivityException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public InvalidActivityException(string message, Exception? innerException)
        : this(InvalidActivityReason.NotJson, null, message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="InvalidActivityException"/> class.</summary>
    /// <param name="reason">Why the body was rejected.</param>
    /// <param name="field">The JSON path of the offending field, if one.</param>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public InvalidActivityException(InvalidActivityReason reason, string? field, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
        Field = field;
    }

    /// <summary>Gets why the body was rejected.</summary>
    public InvalidActivityReason Reason { get; }

    /// <summary>Gets the JSON path of the offending field (e.g. <c>conversation.id</c>), if one.</summary>
    public string? Field { get; }
}
