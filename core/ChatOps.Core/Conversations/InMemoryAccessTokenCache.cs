namespace ChatOps.Core.Conversations;

/// <summary>
/// <see cref="IAccessTokenCache"/> in process memory: for tests and for a host without a database. Several token
/// providers sharing one instance behave like bot instances sharing the database.
/// </summary>
/// <param name="timeProvider">Decides when leases expire (default: the system clock).</param>
public sealed class InMemoryAccessTokenCache(TimeProvider? timeProvider = null) : IAccessTokenCache
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, CachedAccessToken> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Holder, DateTimeOffset Until)> _leases = new(StringComparer.Ordinal);
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <inheritdoc />
    public Task<CachedAccessToken?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_tokens.GetValueOrDefault(key));
        }
    }

    /// <inheritdoc />
    public Task SaveAsync(string key, CachedAccessToken token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        lock (_lock)
        {
            _tokens[key] = token;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task InvalidateAsync(string key, string token, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_tokens.TryGetValue(key, out var current) && current.Token == token)
            {
                _tokens.Remove(key);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<bool> TryAcquireLeaseAsync(string key, string holder, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(holder);
        lock (_lock)
        {
            if (_leases.TryGetValue(key, out var lease) && lease.Holder != holder && lease.Until > _time.GetUtcNow())
            {
                return Task.FromResult(false);
            }

            _leases[key] = (holder, until);
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task ReleaseLeaseAsync(string key, string holder, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_leases.TryGetValue(key, out var lease) && lease.Holder == holder)
            {
                _leases.Remove(key);
            }
        }

        return Task.CompletedTask;
    }
}
