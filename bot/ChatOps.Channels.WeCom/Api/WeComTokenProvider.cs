using Microsoft.Extensions.Logging.Abstractions;

namespace ChatOps.Channels.WeCom.Api;

/// <summary>Tunables of <see cref="WeComTokenProvider"/>.</summary>
public sealed class WeComTokenProviderOptions
{
    /// <summary>Refresh when less than this is left (capped at half the token's lifetime). Default 5 min.</summary>
    public TimeSpan RefreshBefore { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Never refetch a still-valid token more often than this: WeCom may answer gettoken with the same token and
    /// its remaining lifetime, and gettoken itself is frequency-limited. Default 30 s.
    /// </summary>
    public TimeSpan MinRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the cross-instance refresh lease lasts if its holder dies. Default 30 s.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often to look in the store while another instance holds the lease. Default 250 ms.</summary>
    public TimeSpan LeasePollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>This instance's lease holder id. Default machine name plus a random suffix.</summary>
    public string InstanceId { get; set; } = $"{Environment.MachineName}:{Guid.NewGuid():N}";
}

/// <summary>
/// Hands out a valid access_token for one app. WeCom requires tokens to be cached (gettoken is frequency-limited),
/// may revoke them early and issues them per app; so the token lives in the core's shared <see cref="IAccessTokenCache"/>
/// (the database in the host; key <see cref="WeComTokenKey.CacheKey"/>), is refreshed before it expires, and only one
/// fetch runs at a time: in process through a semaphore, across instances through the cache's lease (the core's
/// <see cref="SharedAccessToken"/>). A token rejected with 40014/42001 is invalidated by <see cref="InvalidateAsync"/>
/// (compare-and-delete, so concurrent reports cause one refresh, not many).
/// </summary>
public sealed class WeComTokenProvider
{
    private readonly WeComAppOptions _app;
    private readonly TimeProvider _time;
    private readonly WeComHttpCaller _caller;
    private readonly ILogger _logger;
    private readonly SharedAccessToken _token;

    /// <summary>Creates the provider of <paramref name="app"/>'s token.</summary>
    public WeComTokenProvider(
        HttpClient httpClient,
        WeComAppOptions app,
        IAccessTokenCache store,
        TimeProvider? timeProvider = null,
        WeComTokenProviderOptions? options = null,
        WeComApiClientOptions? apiOptions = null,
        ILogger<WeComTokenProvider>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(store);
        _app = app;
        _time = timeProvider ?? TimeProvider.System;
        options ??= new WeComTokenProviderOptions();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _caller = new WeComHttpCaller(httpClient, _time, apiOptions ?? new WeComApiClientOptions(), _logger);
        var shared = new SharedAccessTokenOptions
        {
            CacheKey = app.TokenKey.CacheKey,
            Name = $"WeCom token of {app.Key}",
            Holder = options.InstanceId,
            RefreshBefore = options.RefreshBefore,
            MinRefreshInterval = options.MinRefreshInterval,
            LeaseDuration = options.LeaseDuration,
            LeasePollInterval = options.LeasePollInterval,
            MayKeepValidToken = static e => e is WeComException,
        };
        _token = new SharedAccessToken(shared, store, FetchAsync, _time, _logger);
    }

    /// <summary>The app's token key.</summary>
    public WeComTokenKey Key => _app.TokenKey;

    /// <summary>How many times this provider called gettoken (diagnostics and tests).</summary>
    public int FetchCount => _token.FetchCount;

    /// <summary>Returns a token that is valid now, fetching one when the cache has none or it is due for refresh.</summary>
    public ValueTask<string> GetTokenAsync(CancellationToken cancellationToken = default) => _token.GetTokenAsync(cancellationToken);

    /// <summary>
    /// Forgets <paramref name="rejectedToken"/> after WeCom answered 40014/42001 with it. A newer token (already
    /// fetched by another caller or instance) is kept.
    /// </summary>
    public async ValueTask InvalidateAsync(string rejectedToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rejectedToken);
        await _token.InvalidateAsync(rejectedToken, cancellationToken).ConfigureAwait(false);
    }

    private async Task<CachedAccessToken> FetchAsync(CancellationToken cancellationToken)
    {
        var obtainedAt = _time.GetUtcNow();
        var uri = new Uri(string.Create(
            CultureInfo.InvariantCulture,
            $"{_app.BaseUrlTrimmed}/cgi-bin/gettoken?corpid={Uri.EscapeDataString(_app.CorpId)}&corpsecret={Uri.EscapeDataString(_app.Secret)}"));
        var response = await _caller.CallAsync(
            "gettoken",
            HttpMethod.Get,
            (_, _) => ValueTask.FromResult(uri),
            _ => null,
            onTokenRejected: null,
            acceptErrCode: null,
            cancellationToken).ConfigureAwait(false);

        if (string.IsNullOrEmpty(response.AccessToken))
        {
            throw new WeComTransportException("gettoken", "the response has no access_token", isTransient: true);
        }

        var expiresIn = response.ExpiresIn is > 0 ? response.ExpiresIn.Value : 7200;
        _logger.LogInformation("Fetched a WeCom access_token for {App}, valid {ExpiresIn} s", _app.Key, expiresIn);
        return new CachedAccessToken(response.AccessToken, obtainedAt, obtainedAt.AddSeconds(expiresIn));
    }
}
