using System.Net.Http.Headers;

namespace ChatOps.Channels.BotFramework.Connector;

/// <summary>
/// Where and as whom the bot asks for its outbound token: the app's client credentials, the token endpoint (the
/// botframework.com authority for multi-tenant bots, the bot's own tenant for single-tenant bots) and the scope.
/// </summary>
/// <param name="AppId">The Microsoft App ID; null means anonymous (Development without an app id, like the Emulator).</param>
/// <param name="AppPassword">The client secret.</param>
/// <param name="TokenEndpoint">The OAuth 2.0 v2.0 token endpoint.</param>
/// <param name="Scope">The scope, <see cref="BotFrameworkTokenClient.DefaultScope"/>.</param>
public sealed record BotFrameworkCredentials(string? AppId, string? AppPassword, Uri TokenEndpoint, string Scope)
{
    /// <summary>Redacted: the secret must never reach a log through string interpolation.</summary>
    /// <returns>A description without the secret.</returns>
    public override string ToString() => $"BotFrameworkCredentials({AppId ?? "anonymous"}, {TokenEndpoint})";
}

/// <summary>The token endpoint refused or could not be reached; the sender retries the message later.</summary>
public sealed class BotFrameworkTokenException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="BotFrameworkTokenException"/> class.</summary>
    public BotFrameworkTokenException()
        : this("The Bot Framework token could not be obtained.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="BotFrameworkTokenException"/> class.</summary>
    /// <param name="message">The message.</param>
    public BotFrameworkTokenException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="BotFrameworkTokenException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public BotFrameworkTokenException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Gets the bot's outbound access token by the OAuth 2.0 client-credentials grant, as the Bot Connector authentication
/// document prescribes, and caches it until shortly before it expires (refreshed early, at most
/// <see cref="RefreshMargin"/> before expiry, so a token never expires in flight). With the core's
/// <see cref="IAccessTokenCache"/> (the database in the host) every instance shares one token and a refresh lease lets
/// one instance fetch at a time; without it the token is cached in memory per instance. Either way a copy is kept in
/// memory, so a send costs no database round trip. <see cref="InvalidateAsync"/> drops a token the connector refused.
/// </summary>
public sealed class BotFrameworkTokenClient
{
    /// <summary>The scope of Bot Connector tokens.</summary>
    public const string DefaultScope = "https://api.botframework.com/.default";

    /// <summary>The token endpoint of multi-tenant bots.</summary>
    public static readonly Uri MultiTenantTokenEndpoint = new("https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token");

    /// <summary>How long before expiry a cached token is replaced.</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private const int MaxResponseBytes = 64 * 1024;
    private const int LeaseRounds = 10;

    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LeaseWait = TimeSpan.FromMilliseconds(200);

    private readonly HttpClient _http;
    private readonly BotFrameworkCredentials _credentials;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SharedAccessToken _token;

    /// <summary>Initializes a new instance of the <see cref="BotFrameworkTokenClient"/> class.</summary>
    /// <param name="http">The client for the token endpoint.</param>
    /// <param name="credentials">The app's credentials and endpoint.</param>
    /// <param name="time">The clock for expiry.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="cache">The shared token cache; null to cache in memory only.</param>
    public BotFrameworkTokenClient(
        HttpClient http, BotFrameworkCredentials credentials, TimeProvider time, ILogger<BotFrameworkTokenClient> logger, IAccessTokenCache? cache = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(credentials);
        _http = http;
        _credentials = credentials;
        _time = time;
        _logger = logger;
        var authority = credentials.TokenEndpoint.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "common";
        CacheKey = $"botframework:{credentials.AppId}@{authority}";

        // Unlike WeCom's, a failing shared cache never stops a send (the token is then fetched and kept in memory), and
        // after LeaseRounds waits for another instance's lease the token is fetched without it.
        var shared = new SharedAccessTokenOptions
        {
            CacheKey = CacheKey,
            Name = "Bot Framework token",
            Holder = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}",
            RefreshBefore = RefreshMargin,
            LeaseDuration = LeaseDuration,
            LeasePollInterval = LeaseWait,
            MaxLeaseRounds = LeaseRounds,
            MayKeepValidToken = static e => e is BotFrameworkTokenException,
            TolerateCacheFailures = true,
        };
        _token = new SharedAccessToken(shared, cache, FetchAsync, time, logger);
    }

    /// <summary>Gets a value indicating whether no app id is configured: outbound calls then carry no token (the Emulator's way).</summary>
    public bool IsAnonymous => string.IsNullOrWhiteSpace(_credentials.AppId);

    /// <summary>Gets the key of the token in the shared cache (app id and authority; never the secret).</summary>
    public string CacheKey { get; }

    /// <summary>The token endpoint for a bot: <paramref name="tenantId"/>'s authority for a single-tenant bot, else botframework.com.</summary>
    /// <param name="tenantId">The bot's tenant, for a single-tenant bot.</param>
    /// <returns>The token endpoint.</returns>
    public static Uri TokenEndpointFor(string? tenantId) => string.IsNullOrWhiteSpace(tenantId)
        ? MultiTenantTokenEndpoint
        : new Uri($"https://login.microsoftonline.com/{Uri.EscapeDataString(tenantId.Trim())}/oauth2/v2.0/token");

    /// <summary>Returns a valid token: from memory, from the shared cache, or fetched (one instance at a time).</summary>
    /// <param name="cancellationToken">Cancels the wait or the fetch.</param>
    /// <returns>The token, or null when anonymous.</returns>
    /// <exception cref="BotFrameworkTokenException">The endpoint refused or could not be reached.</exception>
    public async ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken = default) =>
        IsAnonymous ? null : await _token.GetTokenAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Forgets <paramref name="token"/> (here and in the shared cache, if it is still the cached one).</summary>
    /// <param name="token">The token the connector refused.</param>
    /// <param name="cancellationToken">Cancels the cache call.</param>
    /// <returns>A task.</returns>
    public async Task InvalidateAsync(string token, CancellationToken cancellationToken = default) =>
        await _token.InvalidateAsync(token, cancellationToken).ConfigureAwait(false);

    private async Task<CachedAccessToken> FetchAsync(CancellationToken cancellationToken)
    {
        var requestedAt = _time.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, _credentials.TokenEndpoint)
        {
            Content = new FormUrlEncodedContent(
            [
                new("grant_type", "client_credentials"),
                new("client_id", _credentials.AppId!),
                new("client_secret", _credentials.AppPassword ?? string.Empty),
                new("scope", _credentials.Scope),
            ]),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new BotFrameworkTokenException($"The token endpoint {_credentials.TokenEndpoint} could not be reached: {e.Message}", e);
        }

        using (response)
        {
            var body = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var error = Describe(body);
                _logger.LogWarning("The token endpoint {Endpoint} answered {Status}: {Error}", _credentials.TokenEndpoint, (int)response.StatusCode, error);
                throw new BotFrameworkTokenException($"The token endpoint answered {(int)response.StatusCode}: {error}");
            }

            try
            {
                using var json = JsonDocument.Parse(body);
                var root = json.RootElement;
                var token = root.TryGetProperty("access_token", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                if (string.IsNullOrEmpty(token))
                {
                    throw new BotFrameworkTokenException("The token endpoint answered without an access_token.");
                }

                var lifetime = TimeSpan.FromSeconds(ReadSeconds(root, "expires_in") ?? 3600);
                _logger.LogInformation("Obtained a Bot Framework token valid for {Lifetime}", lifetime);
                return new CachedAccessToken(token, requestedAt, requestedAt + lifetime);
            }
            catch (JsonException e)
            {
                throw new BotFrameworkTokenException("The token endpoint answered something that is not JSON.", e);
            }
        }
    }

    private static async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return System.Text.Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, MaxResponseBytes));
    }

    private static double? ReadSeconds(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetDouble(out var n) && n > 0 => n,
            JsonValueKind.String when double.TryParse(value.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var s) && s > 0 => s,
            _ => null,
        };
    }

    /// <summary>The Entra error code and the first line of its description; never the request (it holds the secret).</summary>
    private static string Describe(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            var code = root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
            var description = root.TryGetProperty("error_description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            var firstLine = description?.Split('\n', 2)[0].Trim();
            return string.Join(": ", new[] { code, firstLine }.Where(s => !string.IsNullOrEmpty(s))) is { Length: > 0 } text ? text : "no error description";
        }
        catch (JsonException)
        {
            return body.Length > 200 ? body[..200] : body;
        }
    }
}
