namespace ChatOps.Channels.WeCom.Api;

/// <summary>
/// <see cref="IWeComTokenStore"/> in process memory: for tests and for a single-instance deployment. Several
/// <see cref="WeComTokenProvider"/>s sharing one instance behave like bot instances sharing the database.
/// </summary>
public sealed class InMemoryWeComTokenStore : IWeComTokenStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<WeComTokenKey, WeComCachedToken> _tokens = [];
    private readonly Dictionary<WeComTokenKey, (string Holder, DateTimeOffset Until)> _leases = [];
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the store; <paramref name="timeProvider"/> decides when leases expire.</summary>
    public InMemoryWeComTokenStore(TimeProvider? timeProvider = null) => _timeProvider = timeProvider ?? TimeProvider.System;

    /// <inheritdoc />
    public ValueTask<WeComCachedToken?> GetAsync(WeComTokenKey key, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return ValueTask.FromResult(_tokens.GetValueOrDefault(key));
        }
    }

    /// <inheritdoc />
    public ValueTask SaveAsync(WeComTokenKey key, WeComCachedToken token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        lock (_lock)
        {
            _tokens[key] = token;
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask InvalidateAsync(WeComTokenKey key, string accessToken, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_tokens.TryGetValue(key, out var current) && current.AccessToken == accessToken)
            {
                _tokens.Remove(key);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<bool> TryAcquireRefreshLeaseAsync(WeComTokenKey key, string holder, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(holder);
        lock (_lock)
        {
            if (_leases.TryGetValue(key, out var lease) && lease.Holder != holder && lease.Until > _timeProvider.GetUtcNow())
            {
                return ValueTask.FromResult(false);
            }

            _leases[key] = (holder, until);
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public ValueTask ReleaseRefreshLeaseAsync(WeComTokenKey key, string holder, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_leases.TryGetValue(key, out var lease) && lease.Holder == holder)
            {
                _leases.Remove(key);
            }
        }

        return ValueTask.CompletedTask;
    }
}
