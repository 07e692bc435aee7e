using System.Globalization;
using ChatOps.Core.Conversations;
using Microsoft.Extensions.Logging;
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
/// fetch runs at a time: in process through a semaphore, across instances through the cache's lease. A token rejected with 40014/42001 is invalidated by
/// <see cref="InvalidateAsync"/> (compare-and-delete, so concurrent reports cause one refresh, not many).
/// </summary>
public sealed class WeComTokenProvider
{
    private readonly WeComAppOptions _app;
    private readonly IAccessTokenCache _store;
    private readonly TimeProvider _time;
    private readonly WeComTokenProviderOptions _options;
    private readonly WeComHttpCaller _caller;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile CachedAccessToken? _current;
    private int _fetchCount;

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
        _store = store;
        _time = timeProvider ?? TimeProvider.System;
        _options = options ?? new WeComTokenProviderOptions();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _caller = new WeComHttpCaller(httpClient, _time, apiOptions ?? new WeComApiClientOptions(), _logger);
    }

    /// <summary>The app's token key.</summary>
    public WeComTokenKey Key => _app.TokenKey;

    /// <summary>How many times this provider called gettoken (diagnostics and tests).</summary>
    public int FetchCount => Volatile.Read(ref _fetchCount);

    /// <summary>Returns a token that is valid now, fetching one when the cache has none or it is due for refresh.</summary>
    public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken = default)
    {
        if (_current is { } local && IsFresh(local, _time.GetUtcNow()))
        {
            return local.Token;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                var now = _time.GetUtcNow();
                if (_current is { } current && IsFresh(current, now))
                {
                    return current.Token;
                }

                var stored = await _store.GetAsync(Key.CacheKey, cancellationToken).ConfigureAwait(false);
                if (stored is not null && IsFresh(stored, now))
                {
                    _current = stored;
                    return stored.Token;
                }

                // Still valid, only due for refresh: usable if the refresh fails or another instance is doing it.
                var usable = stored is not null && stored.ExpiresAt > now ? stored : null;

                if (await _store.TryAcquireLeaseAsync(Key.CacheKey, _options.InstanceId, now + _options.LeaseDuration, cancellationToken).ConfigureAwait(false))
                {
                    try
                    {
                        stored = await _store.GetAsync(Key.CacheKey, cancellationToken).ConfigureAwait(false);
                        if (stored is not null && IsFresh(stored, _time.GetUtcNow()))
                        {
                            _current = stored;
                            return stored.Token;
                        }

                        CachedAccessToken fetched;
                        try
                        {
                            fetched = await FetchAsync(cancellationToken).ConfigureAwait(false);
                        }
                        catch (WeComException ex) when (usable is not null)
                        {
                            _logger.LogWarning(ex, "Refreshing the WeCom token of {App} failed; the current one stays valid until {ExpiresAt}", _app.Key, usable.ExpiresAt);
                            _current = usable;
                            return usable.Token;
                        }

                        await _store.SaveAsync(Key.CacheKey, fetched, cancellationToken).ConfigureAwait(false);
                        _current = fetched;
                        return fetched.Token;
                    }
                    finally
                    {
                        await _store.ReleaseLeaseAsync(Key.CacheKey, _options.InstanceId, CancellationToken.None).ConfigureAwait(false);
                    }
                }

                if (usable is not null)
                {
                    _current = usable;
                    return usable.Token;
                }

                // Another instance is fetching and we have nothing valid: wait for its token (or its lease to lapse).
                await Task.Delay(_options.LeasePollInterval, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Forgets <paramref name="rejectedToken"/> after WeCom answered 40014/42001 with it. A newer token (already
    /// fetched by another caller or instance) is kept.
    /// </summary>
    public async ValueTask InvalidateAsync(string rejectedToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rejectedToken);
        if (_current is { } current && current.Token == rejectedToken)
        {
            _current = null;
        }

        await _store.InvalidateAsync(Key.CacheKey, rejectedToken, cancellationToken).ConfigureAwait(false);
    }

    private bool IsFresh(CachedAccessToken token, DateTimeOffset now)
    {
        if (token.ExpiresAt <= now)
        {
            return false;
        }

        var lifetime = token.ExpiresAt - token.ObtainedAt;
        var margin = lifetime / 2 < _options.RefreshBefore ? lifetime / 2 : _options.RefreshBefore;
        return token.ExpiresAt - now > margin || now - token.ObtainedAt < _options.MinRefreshInterval;
    }

    private async Task<CachedAccessToken> FetchAsync(CancellationToken cancellationToken)
    {
        var obtainedAt = _time.GetUtcNow();
        Interlocked.Increment(ref _fetchCount);
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
