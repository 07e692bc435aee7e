using System.Security.Claims;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChatOps.Channels.BotFramework;

/// <summary>
/// Checks the <c>Authorization: Bearer</c> JWT of a request from the Bot Connector service (or the Bot Framework
/// Emulator) as the Bot Connector authentication document requires: RS256 signature by a key published in the OpenID
/// metadata, issuer, audience = app id, lifetime with 5 minutes skew, <c>serviceurl</c> claim = activity.serviceUrl,
/// and the key's <c>endorsements</c> containing activity.channelId. We implement it because the Bot Builder SDK is not
/// available. Keys are cached per instance: register it as a singleton.
/// </summary>
public sealed partial class BotAuthenticator
{
    /// <summary>The only signing algorithm the protocol uses.</summary>
    public const string SigningAlgorithm = SecurityAlgorithms.RsaSha256;

    private const int MaxTokenLength = 16 * 1024;
    private const string ServiceUrlClaim = "serviceurl";
    private const string VersionClaim = "ver";
    private const string AppIdClaim = "appid";
    private const string AuthorizedPartyClaim = "azp";
    private const string AuthenticationType = "BotFramework";

    private readonly string? _appId;
    private readonly bool _isDevelopment;
    private readonly bool _allowEmulatorTokens;
    private readonly string _channelIssuer;
    private readonly string[] _emulatorIssuers;
    private readonly string[] _audiences;
    private readonly TimeSpan _clockSkew;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly SigningKeyCache _channelKeys;
    private readonly SigningKeyCache _emulatorKeys;
    private readonly JsonWebTokenHandler _tokenHandler = new() { MapInboundClaims = false };
    private readonly CheckedTokenCache _checkedTokens;

    /// <summary>Initializes a new instance of the <see cref="BotAuthenticator"/> class.</summary>
    /// <param name="options">The settings; copied, later changes have no effect.</param>
    /// <param name="httpClient">The client for the OpenID metadata and key sets.</param>
    /// <param name="timeProvider">The clock for token lifetimes and key refresh.</param>
    /// <param name="logger">The logger.</param>
    public BotAuthenticator(
        BotAuthenticationOptions options,
        HttpClient httpClient,
        TimeProvider timeProvider,
        ILogger<BotAuthenticator>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ValidateOptions(options);

        _appId = string.IsNullOrWhiteSpace(options.AppId) ? null : options.AppId.Trim();
        _isDevelopment = options.IsDevelopment;
        _allowEmulatorTokens = options.AllowEmulatorTokens;
        _channelIssuer = options.ChannelIssuer;
        var emulatorIssuers = new List<string>(options.EmulatorIssuers);
        if (!string.IsNullOrWhiteSpace(options.TenantId))
        {
            var tenant = options.TenantId.Trim();
            emulatorIssuers.Add($"https://sts.windows.net/{tenant}/");
            emulatorIssuers.Add($"https://login.microsoftonline.com/{tenant}/v2.0");
        }

        _emulatorIssuers = [.. emulatorIssuers.Distinct(StringComparer.Ordinal)];
        _audiences = _appId is null ? [] : [_appId, .. options.AdditionalAudiences];
        _clockSkew = options.ClockSkew;
        _timeProvider = timeProvider;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _channelKeys = new SigningKeyCache(options.OpenIdMetadataUrl, httpClient, timeProvider, options, _logger);
        _emulatorKeys = new SigningKeyCache(options.EmulatorOpenIdMetadataUrl, httpClient, timeProvider, options, _logger);
        _checkedTokens = new CheckedTokenCache(options.CheckedTokens);
    }

    /// <summary>Gets how many tokens already checked are kept (<see cref="CheckedTokenCache"/>).</summary>
    internal int CheckedTokenCount => _checkedTokens.Count;

    /// <summary>Authenticates the request that carried <paramref name="activity"/>.</summary>
    /// <param name="authorizationHeader">The raw Authorization header value, or null.</param>
    /// <param name="activity">The parsed activity (its channelId and serviceUrl are checked against the token).</param>
    /// <param name="cancellationToken">Cancels a metadata fetch.</param>
    /// <returns>Success with claims, or the failure reason.</returns>
    public Task<BotAuthenticationResult> AuthenticateAsync(
        string? authorizationHeader,
        Activity activity,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return AuthenticateAsync(authorizationHeader, activity.ChannelId, activity.ServiceUrl, cancellationToken);
    }

    /// <summary>Authenticates a request given the activity's channelId and serviceUrl.</summary>
    /// <param name="authorizationHeader">The raw Authorization header value, or null.</param>
    /// <param name="channelId">The activity's channelId.</param>
    /// <param name="serviceUrl">The activity's serviceUrl.</param>
    /// <param name="cancellationToken">Cancels a metadata fetch.</param>
    /// <returns>Success with claims, or the failure reason.</returns>
    public async Task<BotAuthenticationResult> AuthenticateAsync(
        string? authorizationHeader,
        string? channelId,
        string? serviceUrl,
        CancellationToken cancellationToken = default)
    {
        var result = await AuthenticateCoreAsync(authorizationHeader, channelId, serviceUrl, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            _logger.LogWarning(
                "Bot Framework request rejected: {Failure} ({Detail}); channel {ChannelId}",
                result.Failure,
                result.Detail,
                channelId);
        }

        return result;
    }

    private async Task<BotAuthenticationResult> AuthenticateCoreAsync(
        string? authorizationHeader,
        string? channelId,
        string? serviceUrl,
        CancellationToken cancellationToken)
    {
        if (_appId is null)
        {
            return _isDevelopment
                ? BotAuthenticationResult.Success(BotTokenSource.Anonymous, new ClaimsIdentity())
                : BotAuthenticationResult.Fail(
                    BotAuthenticationFailure.WrongAudience,
                    "No Microsoft App ID is configured; requests without one are accepted only in Development.");
        }

        if (!TryFindBearerToken(authorizationHeader, out var tokenRange, out var unreadable))
        {
            return unreadable;
        }

        if (_checkedTokens.TryGet(authorizationHeader.AsSpan()[tokenRange], out var known))
        {
            var current = await CheckAgainAsync(known, channelId, serviceUrl, cancellationToken).ConfigureAwait(false);
            if (current is not null)
            {
                return current;
            }

            _checkedTokens.Remove(authorizationHeader.AsSpan()[tokenRange]);
        }

        var tokenText = authorizationHeader[tokenRange];
        JsonWebToken token;
        try
        {
            token = _tokenHandler.ReadJsonWebToken(tokenText);
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenMalformedException)
        {
            return BotAuthenticationResult.Fail(BotAuthenticationFailure.Malformed, "The token is not a readable JWT.");
        }

        if (token.IsEncrypted)
        {
            return BotAuthenticationResult.Fail(BotAuthenticationFailure.Malformed, "Encrypted tokens are not accepted.");
        }

        if (!string.Equals(token.Alg, SigningAlgorithm, StringComparison.Ordinal))
        {
            return BotAuthenticationResult.Fail(
                BotAuthenticationFailure.AlgorithmNotAllowed,
                $"The token is signed with '{token.Alg}'; only {SigningAlgorithm} is accepted.");
        }

        string issuer;
        try
        {
            issuer = token.Issuer;
        }
        catch (ArgumentException)
        {
            return BotAuthenticationResult.Fail(BotAuthenticationFailure.Malformed, "The token's iss claim is not a string.");
        }

        BotTokenSource source;
        SigningKeyCache keyCache;
        string[] validIssuers;
        if (string.Equals(issuer, _channelIssuer, StringComparison.Ordinal))
        {
            (source, keyCache, validIssuers) = (BotTokenSource.Channel, _channelKeys, [_channelIssuer]);
        }
        else if (_allowEmulatorTokens && _emulatorIssuers.Contains(issuer, StringComparer.Ordinal))
        {
            (source, keyCache, validIssuers) = (BotTokenSource.Emulator, _emulatorKeys, _emulatorIssuers);
        }
        else
        {
            return BotAuthenticationResult.Fail(BotAuthenticationFailure.WrongIssuer, $"The issuer '{issuer}' is not accepted.");
        }

        var kid = token.Kid;
        if (string.IsNullOrEmpty(kid))
        {
            return BotAuthenticationResult.Fail(BotAuthenticationFailure.UnknownKey, "The token names no signing key (kid).");
        }

        SigningKeySnapshot keys;
        try
        {
            keys = await keyCache.GetAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (MetadataUnavailableException e)
        {
            return BotAuthenticationResult.Fail(BotAuthenticationFailure.MetadataUnavailable, e.Message);
        }

        if (!keys.Keys.TryGetValue(kid, out var signingKey))
        {
            SigningKeySnapshot? refreshed;
            try
            {
                refreshed = await keyCache.RefreshForUnknownKeyAsync(keys, cancellationToken).ConfigureAwait(false);
            }
            catch (MetadataUnavailableException e)
            {
                return BotAuthenticationResult.Fail(BotAuthenticationFailure.MetadataUnavailable, e.Message);
            }

            if (refreshed is null || !refreshed.Keys.TryGetValue(kid, out signingKey))
            {
                return BotAuthenticationResult.Fail(
                    BotAuthenticationFailure.UnknownKey,
                    refreshed is null
                        ? $"No published key has kid '{kid}' (keys were fetched too recently to fetch again)."
                        : $"No published key has kid '{kid}', even after fetching the keys again.");
            }

            keys = refreshed;
        }

        if (keys.SigningAlgorithms.Count > 0 && !keys.SigningAlgorithms.Contains(SigningAlgorithm))
        {
            return BotAuthenticationResult.Fail(
                BotAuthenticationFailure.AlgorithmNotAllowed,
                $"The OpenID metadata at {keyCache.MetadataUrl} does not list {SigningAlgorithm}.");
        }

        var parameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuers = validIssuers,
            ValidateAudience = true,
            ValidAudiences = _audiences,
            IgnoreCaseWhenValidatingAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = _clockSkew,
            LifetimeValidator = ValidateLifetime,
            RequireSignedTokens = true,
            IssuerSigningKey = signingKey.Key,
            TryAllIssuerSigningKeys = false,
            ValidAlgorithms = [SigningAlgorithm],
            ValidateIssuerSigningKey = false,
            ValidateTokenReplay = false,
            AuthenticationType = AuthenticationType,
        };

        var validation = await _tokenHandler.ValidateTokenAsync(token, parameters).ConfigureAwait(false);
        if (!validation.IsValid)
        {
            return MapValidationFailure(validation.Exception);
        }

        var checkedToken = new CheckedToken(
            source,
            validation.ClaimsIdentity,
            kid,
            signingKey,
            keys,
            token.ValidFrom == DateTime.MinValue ? null : token.ValidFrom,
            token.ValidTo);
        _checkedTokens.Add(tokenText, checkedToken, _timeProvider.GetUtcNow().UtcDateTime, _clockSkew);
        return CheckRequest(checkedToken, checkedToken.Identity.Clone(), channelId, serviceUrl);
    }

    /// <summary>
    /// The checks a token already checked needs again (<see cref="CheckedTokenCache"/>): its lifetime now, its key still
    /// in the key set now in use, and the request's own checks. Null when the token must be checked from the start.
    /// </summary>
    private async Task<BotAuthenticationResult?> CheckAgainAsync(
        CheckedToken known, string? channelId, string? serviceUrl, CancellationToken cancellationToken)
    {
        if (!known.IsCurrent(_timeProvider.GetUtcNow().UtcDateTime, _clockSkew))
        {
            return null;
        }

        SigningKeySnapshot keys;
        try
        {
            keys = await (known.Source == BotTokenSource.Channel ? _channelKeys : _emulatorKeys).GetAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (MetadataUnavailableException e)
        {
            return BotAuthenticationResult.Fail(BotAuthenticationFailure.MetadataUnavailable, e.Message);
        }

        return ReferenceEquals(keys, known.Keys) ? CheckRequest(known, known.Identity.Clone(), channelId, serviceUrl) : null;
    }

    /// <summary>
    /// The request's own checks; <paramref name="identity"/> is the caller's own copy of the token's, as each request got
    /// its own before tokens were kept.
    /// </summary>
    private BotAuthenticationResult CheckRequest(CheckedToken token, ClaimsIdentity identity, string? channelId, string? serviceUrl) =>
        token.Source == BotTokenSource.Channel
            ? CheckChannelToken(identity, token.Key, token.Kid, channelId, serviceUrl)
            : CheckEmulatorToken(identity);

    private static void ValidateOptions(BotAuthenticationOptions options)
    {
        RequireHttpUrl(options.OpenIdMetadataUrl, nameof(options.OpenIdMetadataUrl));
        RequireHttpUrl(options.EmulatorOpenIdMetadataUrl, nameof(options.EmulatorOpenIdMetadataUrl));
        if (string.IsNullOrWhiteSpace(options.ChannelIssuer))
        {
            throw new ArgumentException("ChannelIssuer must not be empty.", nameof(options));
        }

        if (options.ClockSkew < TimeSpan.Zero
            || options.KeyRefreshInterval <= TimeSpan.Zero
            || options.MinimumKeyRefreshInterval < TimeSpan.Zero
            || options.MetadataRetryDelay < TimeSpan.Zero
            || options.MaximumKeyStaleness <= TimeSpan.Zero
            || options.MetadataRequestTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("Time spans in BotAuthenticationOptions must be positive.", nameof(options));
        }

        if (options.CheckedTokens < 0)
        {
            throw new ArgumentException("CheckedTokens must not be negative (0 checks every token in full).", nameof(options));
        }
    }

    private static void RequireHttpUrl(Uri? url, string name)
    {
        if (url is null || !url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"{name} must be an absolute http(s) URL.", name);
        }
    }
}
