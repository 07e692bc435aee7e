namespace ChatOps.Channels.WeCom;

/// <summary>
/// Thrown when a WeCom callback (URL check, inbound message, passive reply) fails verification, decryption or parsing.
/// Carries a <see cref="WeComCallbackFailureReason"/> so callers can react without string matching; the message is a short
/// English sentence that never contains key material, the token or decrypted content, so it is safe to log.
/// </summary>
public sealed class WeComCallbackException : Exception
{
    /// <summary>Creates the exception with its reason and a short, secret-free message.</summary>
    public WeComCallbackException(WeComCallbackFailureReason reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    /// <summary>Creates the exception with its reason, a short, secret-free message and the underlying cause.</summary>
    public WeComCallbackException(WeComCallbackFailureReason reason, string message, Exception? innerException)
        : base(message, innerException)
    {
        Reason = reason;
    }

    /// <summary>Why the callback was rejected.</summary>
    public WeComCallbackFailureReason Reason { get; }
}
