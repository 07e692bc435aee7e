using Microsoft.Extensions.Logging.Abstractions;

namespace ChatOps.Core.Conversations;

/// <summary>How one channel's <see cref="SharedAccessToken"/> behaves. Read once, when the token is built.</summary>
public sealed record SharedAccessTokenOptions
{
    /// <summary>Gets the token's key in the <see cref="IAccessTokenCache"/> (never a secret).</summary>
    public required string CacheKey { get; init; }

    /// <summary>Gets what the token is called in logs ("WeCom token of app1", "Bot Framework token").</summary>
    public required string Name { get; init; }

    /// <summary>Gets this instance's lease holder id.</summary>
    public required string Holder { get; init; }

    /// <summary>Gets how long before expiry a token is refreshed (capped at half its lifetime). Default 5 min.</summary>
    public TimeSpan RefreshBefore { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Gets the least time between refetches of a still-valid token (an issuer may answer with the same token and its
    /// remaining lifetime); null for no such floor.
    /// </summary>
    public TimeSpan? MinRefreshInterval { get; init; }

    /// <summary>Gets how long the cross-instance refresh lease lasts if its holder dies. Default 30 s.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets how often to look in the cache while another instance holds the lease. Default 250 ms.</summary>
    public TimeSpan LeasePollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Gets after how many rounds of waiting for another holder's lease to fetch without it (and without looking in the
    /// cache again); null to wait until the token appears or the lease lapses.
    /// </summary>
    public int? MaxLeaseRounds { get; init; }

    /// <summary>Gets which fetch failures leave a still-valid (only due for refresh) token in use; others propagate.</summary>
    public Func<Exception, bool> MayKeepValidToken { get; init; } = static _ => false;

    /// <summary>
    /// Gets a value indicating whether a failing cache is logged and worked around (read: none cached; save: kept in
    /// memory; lease: fetch without it) instead of failing the call.
    /// </summary>
    public bool TolerateCacheFailures { get; init; }
}

/// <summary>
/// One channel access token shared by every bot instance: a copy in memory → the core's <see cref="IAccessTokenCache"/>
/// (the database in the host) → a refresh lease so that one instance fetches at a time → fetch → save. A token due for
/// refresh but still valid is used while another instance refreshes it, or if the refresh fails; in process one fetch
/// runs at a time (a semaphore). <see cref="InvalidateAsync"/> is compare-and-delete, so reports of an old rejected token
/// never remove a newer one. Without a cache the token lives in memory only.
/// </summary>
public sealed class SharedAccessToken
{
    private readonly SharedAccessTokenOptions _options;
    private readonly IAccessTokenCache? _cache;
    private readonly Func<CancellationToken, Task<CachedAccessToken>> _fetch;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile CachedAccessToken? _current;
    private int _fetchCount;

    /// <summary>Initializes a new instance of the <see cref="SharedAccessToken"/> class.</summary>
    /// <param name="options">The key, freshness, lease and failure rules.</param>
    /// <param name="cache">The shared cache; null to keep the token in memory only.</param>
    /// <param name="fetch">Asks the issuer for a new token.</param>
    /// <param name="time">The clock (default: the system clock).</param>
    /// <param name="logger">Where refresh and cache failures are logged.</param>
    public SharedAccessToken(
        SharedAccessTokenOptions options, IAccessTokenCache? cache, Func<CancellationToken, Task<CachedAccessToken>> fetch, TimeProvider? time = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(fetch);
        _options = options;
        _cache = cache;
        _fetch = fetch;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Gets the token's key in the shared cache.</summary>
    public string CacheKey => _options.CacheKey;

    /// <summary>Gets how many times this instance asked the issuer for a token (diagnostics and tests).</summary>
    public int FetchCount => Volatile.Read(ref _fetchCount);

    /// <summary>Returns a token that is valid now: from memory, from the shared cache, or fetched.</summary>
    /// <param name="cancellationToken">Cancels the wait or the fetch.</param>
    /// <returns>The token.</returns>
    public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken = default)
    {
        if (_current is { } local && IsFresh(local, _time.GetUtcNow()))
        {
            return local.Token;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return (await GetCoreAsync(cancellationToken).ConfigureAwait(false)).Token;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets <paramref name="rejectedToken"/> here and in the shared cache while it is still the cached one.</summary>
    /// <param name="rejectedToken">The token the issuer's API refused.</param>
    /// <param name="cancellationToken">Cancels the cache call.</param>
    /// <returns>A task.</returns>
    public async ValueTask InvalidateAsync(string rejectedToken, CancellationToken cancellationToken = default)
    {
        if (_current is { } current && string.Equals(current.Token, rejectedToken, StringComparison.Ordinal))
        {
            _current = null;
        }

        if (_cache is null)
        {
            return;
        }

        try
        {
            await _cache.InvalidateAsync(CacheKey, rejectedToken, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (_options.TolerateCacheFailures && e is not OperationCanceledException)
        {
            _logger.LogWarning(e, "Invalidating the {TokenName} in the shared cache failed", _options.Name);
        }
    }

    /// <summary>
    /// True while <paramref name="token"/> needs no refresh at <paramref name="now"/>: not expired, and more than the
    /// refresh margin (<see cref="SharedAccessTokenOptions.RefreshBefore"/>, at most half its lifetime) left or obtained
    /// less than <see cref="SharedAccessTokenOptions.MinRefreshInterval"/> ago.
    /// </summary>
    /// <param name="token">The token.</param>
    /// <param name="now">The instant.</param>
    /// <returns>Whether the token is used as it is.</returns>
    public bool IsFresh(CachedAccessToken token, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.ExpiresAt <= now)
        {
            return false;
        }

        var lifetime = token.ExpiresAt - token.ObtainedAt;
        var margin = lifetime / 2 < _options.RefreshBefore ? lifetime / 2 : _options.RefreshBefore;
        return token.ExpiresAt - now > margin || (_options.MinRefreshInterval is { } floor && now - token.ObtainedAt < floor);
    }

    private async Task<CachedAccessToken> GetCoreAsync(CancellationToken cancellationToken)
    {
        for (var round = 0; ; round++)
        {
            var now = _time.GetUtcNow();
            if (_current is { } current && IsFresh(current, now))
            {
                return current;
            }

            if (_cache is null)
            {
                return _current = await FetchAsync(cancellationToken).ConfigureAwait(false);
            }

            var stored = await ReadCacheAsync(_cache, cancellationToken).ConfigureAwait(false);
            if (stored is not null && IsFresh(stored, now))
            {
                return _current = stored;
            }

            // Still valid, only due for refresh: usable while another instance refreshes it, or if the refresh fails.
            var usable = stored is not null && stored.ExpiresAt > now ? stored : null;
            var waitedEnough = _options.MaxLeaseRounds is { } rounds && round >= rounds;
            if (waitedEnough || await TryLeaseAsync(_cache, now, cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    stored = waitedEnough ? null : await ReadCacheAsync(_cache, cancellationToken).ConfigureAwait(false);
                    if (stored is not null && IsFresh(stored, _time.GetUtcNow()))
                    {
                        return _current = stored;
                    }

                    CachedAccessToken fetched;
                    try
                    {
                        fetched = await FetchAsync(cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception e) when (usable is not null && _options.MayKeepValidToken(e))
                    {
                        _logger.LogWarning(e, "Refreshing the {TokenName} failed; the current one stays valid until {ExpiresAt}", _options.Name, usable.ExpiresAt);
                        return _current = usable;
                    }

                    await SaveCacheAsync(_cache, fetched, cancellationToken).ConfigureAwait(false);
                    return _current = fetched;
                }
                finally
                {
                    await ReleaseLeaseAsync(_cache).ConfigureAwait(false);
                }
            }

            if (usable is not null)
            {
                return _current = usable;
            }

            // Another instance is fetching and nothing valid is at hand: wait for its token (or its lease to lapse).
            await Task.Delay(_options.LeasePollInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private Task<CachedAccessToken> FetchAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _fetchCount);
        return _fetch(cancellationToken);
    }

    private async Task<CachedAccessToken?> ReadCacheAsync(IAccessTokenCache cache, CancellationToken cancellationToken)
    {
        try
        {
            return await cache.GetAsync(CacheKey, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (_options.TolerateCacheFailures && e is not OperationCanceledException)
        {
            _logger.LogWarning(e, "Reading the {TokenName} from the shared cache failed; fetching one", _options.Name);
            return null;
        }
    }

    private async Task SaveCacheAsync(IAccessTokenCache cache, CachedAccessToken token, CancellationToken cancellationToken)
    {
        try
        {
            await cache.SaveAsync(CacheKey, token, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (_options.TolerateCacheFailures && e is not OperationCanceledException)
        {
            _logger.LogWarning(e, "Storing the {TokenName} in the shared cache failed; it is kept in memory", _options.Name);
        }
    }

    private async Task<bool> TryLeaseAsync(IAccessTokenCache cache, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            return await cache.TryAcquireLeaseAsync(CacheKey, _options.Holder, now + _options.LeaseDuration, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (_options.TolerateCacheFailures && e is not OperationCanceledException)
        {
            _logger.LogWarning(e, "Taking the {TokenName} lease failed; fetching without it", _options.Name);
            return true;
        }
    }

    private async Task ReleaseLeaseAsync(IAccessTokenCache cache)
    {
        try
        {
            await cache.ReleaseLeaseAsync(CacheKey, _options.Holder, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (_options.TolerateCacheFailures)
        {
            _logger.LogWarning(e, "Releasing the {TokenName} lease failed; it runs out by itself", _options.Name);
        }
    }
}
