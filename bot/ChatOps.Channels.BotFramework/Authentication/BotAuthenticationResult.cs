using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;

namespace ChatOps.Channels.BotFramework;

/// <summary>Why an inbound request was not authenticated; the endpoint logs it and answers 401 (503 for metadata).</summary>
public enum BotAuthenticationFailure
{
    /// <summary>No Authorization header, or no token after "Bearer".</summary>
    MissingToken,

    /// <summary>The header is not "Bearer &lt;JWT&gt;" or the token cannot be read.</summary>
    Malformed,

    /// <summary>The signature does not verify with the key named by the token's kid.</summary>
    BadSignature,

    /// <summary>No published key has the token's kid, even after a refresh.</summary>
    UnknownKey,

    /// <summary>The token expired (beyond the clock skew).</summary>
    Expired,

    /// <summary>The token is not valid yet (beyond the clock skew).</summary>
    NotYetValid,

    /// <summary>The issuer is not the Bot Connector service nor an accepted Emulator issuer.</summary>
    WrongIssuer,

    /// <summary>The audience (or, on the Emulator path, appid/azp) is not this bot's app id, or no app id is configured.</summary>
    WrongAudience,

    /// <summary>The token's serviceurl claim is missing or differs from the activity's serviceUrl.</summary>
    WrongServiceUrl,

    /// <summary>The signing key's endorsements do not contain the activity's channelId.</summary>
    NotEndorsed,

    /// <summary>The token is not signed with RS256 (e.g. HS256 or none).</summary>
    AlgorithmNotAllowed,

    /// <summary>The OpenID metadata or key set could not be fetched and no usable cached keys exist.</summary>
    MetadataUnavailable,
}

/// <summary>Which verification path accepted the request.</summary>
public enum BotTokenSource
{
    /// <summary>Not authenticated.</summary>
    None,

    /// <summary>A token of the Bot Connector service (Teams, Web Chat, Direct Line...).</summary>
    Channel,

    /// <summary>A token of the Bot Framework Emulator path, made with the bot's own credentials.</summary>
    Emulator,

    /// <summary>No token checked: Development without an app id.</summary>
    Anonymous,
}

/// <summary>
/// The outcome of <see cref="BotAuthenticator"/>: success with the token's claims, or a failure reason the endpoint
/// can log and map to a status code without catching exceptions.
/// </summary>
public sealed class BotAuthenticationResult
{
    private BotAuthenticationResult(BotTokenSource source, ClaimsIdentity? identity, BotAuthenticationFailure? failure, string? detail)
    {
        Source = source;
        Identity = identity;
        Failure = failure;
        Detail = detail;
    }

    /// <summary>Gets a value indicating whether the request is authenticated.</summary>
    [MemberNotNullWhen(true, nameof(Identity))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Succeeded => Failure is null;

    /// <summary>Gets the path that accepted the request.</summary>
    public BotTokenSource Source { get; }

    /// <summary>Gets the validated token's claims (an unauthenticated, empty identity when anonymous).</summary>
    public ClaimsIdentity? Identity { get; }

    /// <summary>Gets why authentication failed.</summary>
    public BotAuthenticationFailure? Failure { get; }

    /// <summary>Gets a human-readable explanation for logs (never sent to the caller).</summary>
    public string? Detail { get; }

    /// <summary>Creates a success.</summary>
    /// <param name="source">The accepting path.</param>
    /// <param name="identity">The claims.</param>
    /// <returns>The result.</returns>
    public static BotAuthenticationResult Success(BotTokenSource source, ClaimsIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return new(source, identity, null, null);
    }

    /// <summary>Creates a failure.</summary>
    /// <param name="failure">The reason.</param>
    /// <param name="detail">An explanation for logs.</param>
    /// <returns>The result.</returns>
    public static BotAuthenticationResult Fail(BotAuthenticationFailure failure, string detail) =>
        new(BotTokenSource.None, null, failure, detail);

    /// <inheritdoc/>
    public override string ToString() => Succeeded ? $"Succeeded ({Source})" : $"Failed: {Failure} ({Detail})";
}
