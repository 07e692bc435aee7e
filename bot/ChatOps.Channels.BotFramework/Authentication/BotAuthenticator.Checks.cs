using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;

namespace ChatOps.Channels.BotFramework;

/// <summary>
/// The checks around the signature: where the token stands in the header, its lifetime against the injected clock, a
/// channel token's endorsement and <c>serviceurl</c>, an Emulator token's caller, and the mapping of the library's
/// exceptions to a <see cref="BotAuthenticationFailure"/>.
/// </summary>
public sealed partial class BotAuthenticator
{
    /// <summary>Where the token stands in a <c>Bearer</c> Authorization header, or why there is none to read.</summary>
    private static bool TryFindBearerToken(
        [NotNullWhen(true)] string? authorizationHeader,
        out Range token,
        [NotNullWhen(false)] out BotAuthenticationResult? failure)
    {
        token = default;
        failure = null;
        if (string.IsNullOrWhiteSpace(authorizationHeader))
        {
            failure = BotAuthenticationResult.Fail(BotAuthenticationFailure.MissingToken, "No Authorization header.");
            return false;
        }

        var whole = authorizationHeader.AsSpan();
        var start = whole.Length - whole.TrimStart().Length;
        var header = whole.Trim();
        var space = header.IndexOf(' ');
        var scheme = space < 0 ? header : header[..space];
        if (!scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            failure = BotAuthenticationResult.Fail(BotAuthenticationFailure.Malformed, "The Authorization scheme is not Bearer.");
            return false;
        }

        var rest = space < 0 ? [] : header[(space + 1)..];
        var text = rest.Trim();
        if (text.Length == 0)
        {
            failure = BotAuthenticationResult.Fail(BotAuthenticationFailure.MissingToken, "No token after Bearer.");
            return false;
        }

        if (text.Length > MaxTokenLength)
        {
            failure = BotAuthenticationResult.Fail(BotAuthenticationFailure.Malformed, "The token is too long.");
            return false;
        }

        var from = start + space + 1 + (rest.Length - rest.TrimStart().Length);
        token = from..(from + text.Length);
        return true;
    }

    /// <summary>Checks nbf/exp against the injected clock (the library's own check reads the system clock).</summary>
    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = _timeProvider.GetUtcNow().UtcDateTime;
        if (expires is not { } expiresAt)
        {
            throw new SecurityTokenNoExpirationException("The token has no exp claim.");
        }

        if (notBefore is { } notBeforeAt && notBeforeAt > expiresAt)
        {
            throw new SecurityTokenInvalidLifetimeException("The token's nbf is after its exp.") { NotBefore = notBeforeAt, Expires = expiresAt };
        }

        if (notBefore is { } validFrom && validFrom > now + _clockSkew)
        {
            throw new SecurityTokenNotYetValidException($"The token is not valid before {validFrom:O}.") { NotBefore = validFrom };
        }

        if (expiresAt < now - _clockSkew)
        {
            throw new SecurityTokenExpiredException($"The token expired at {expiresAt:O}.") { Expires = expiresAt };
        }

        return true;
    }

    private static BotAuthenticationResult CheckChannelToken(
        ClaimsIdentity identity,
        SigningKeyEntry signingKey,
        string kid,
        string? channelId,
        string? serviceUrl)
    {
        if (string.IsNullOrEmpty(channelId) || !signingKey.Endorsements.Contains(channelId))
        {
            return BotAuthenticationResult.Fail(
                BotAuthenticationFailure.NotEndorsed,
                $"Key '{kid}' is not endorsed for channel '{channelId}'.");
        }

        var claimed = identity.FindFirst(ServiceUrlClaim)?.Value ?? identity.FindFirst("serviceUrl")?.Value;
        if (string.IsNullOrEmpty(claimed))
        {
            return BotAuthenticationResult.Fail(BotAuthenticationFailure.WrongServiceUrl, "The token has no serviceurl claim.");
        }

        if (!string.Equals(claimed, serviceUrl, StringComparison.OrdinalIgnoreCase))
        {
            return BotAuthenticationResult.Fail(
                BotAuthenticationFailure.WrongServiceUrl,
                $"The token's serviceurl '{claimed}' differs from the activity's serviceUrl '{serviceUrl}'.");
        }

        return BotAuthenticationResult.Success(BotTokenSource.Channel, identity);
    }

    private BotAuthenticationResult CheckEmulatorToken(ClaimsIdentity identity)
    {
        // Emulator tokens carry the caller's app id in appid (v1.0 tokens) or azp (v2.0 tokens); the caller must be
        // the bot itself, since the Emulator signs in with the bot's own credentials.
        var version = identity.FindFirst(VersionClaim)?.Value;
        string? caller;
        if (string.IsNullOrEmpty(version) || version == "1.0")
        {
            caller = identity.FindFirst(AppIdClaim)?.Value;
        }
        else if (version == "2.0")
        {
            caller = identity.FindFirst(AuthorizedPartyClaim)?.Value;
        }
        else
        {
            return BotAuthenticationResult.Fail(BotAuthenticationFailure.Malformed, $"Unknown Emulator token version '{version}'.");
        }

        if (!string.Equals(caller, _appId, StringComparison.OrdinalIgnoreCase))
        {
            return BotAuthenticationResult.Fail(
                BotAuthenticationFailure.WrongAudience,
                $"The Emulator token was issued to '{caller}', not to this bot.");
        }

        return BotAuthenticationResult.Success(BotTokenSource.Emulator, identity);
    }

    private static BotAuthenticationResult MapValidationFailure(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => Fail(BotAuthenticationFailure.Expired, exception),
        SecurityTokenNotYetValidException => Fail(BotAuthenticationFailure.NotYetValid, exception),
        SecurityTokenNoExpirationException => Fail(BotAuthenticationFailure.Malformed, exception),
        SecurityTokenInvalidLifetimeException => Fail(BotAuthenticationFailure.Malformed, exception),
        SecurityTokenInvalidIssuerException => Fail(BotAuthenticationFailure.WrongIssuer, exception),
        SecurityTokenInvalidAudienceException => Fail(BotAuthenticationFailure.WrongAudience, exception),
        SecurityTokenInvalidAlgorithmException => Fail(BotAuthenticationFailure.AlgorithmNotAllowed, exception),
        SecurityTokenSignatureKeyNotFoundException => Fail(BotAuthenticationFailure.UnknownKey, exception),
        SecurityTokenInvalidSignatureException => Fail(BotAuthenticationFailure.BadSignature, exception),
        _ => Fail(BotAuthenticationFailure.Malformed, exception),
    };

    private static BotAuthenticationResult Fail(BotAuthenticationFailure failure, Exception? exception) =>
        BotAuthenticationResult.Fail(
            failure,
            exception is null ? "Token validation failed." : $"{exception.GetType().Name}: {exception.Message}");
}
