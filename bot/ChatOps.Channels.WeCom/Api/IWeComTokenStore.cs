namespace ChatOps.Channels.WeCom.Api;

/// <summary>Identifies one app's access_token: WeCom issues tokens per app, so the cache is keyed by corp id and agent id.</summary>
/// <param name="CorpId">The corp id.</param>
/// <param name="AgentId">The app's agent id.</param>
public readonly record struct WeComTokenKey(string CorpId, string AgentId)
{
    /// <inheritdoc />
    public override string ToString() => $"{CorpId}:{AgentId}";
}

/// <summary>
/// A cached access_token with the instants that decide when to refresh it. Shared between bot instances through
/// <see cref="IWeComTokenStore"/>, so every instance uses the same token instead of fetching its own.
/// </summary>
/// <param name="AccessToken">The token (up to 512 bytes per WeCom).</param>
/// <param name="ObtainedAt">When gettoken was called (before the request was sent, so the expiry is conservative).</param>
/// <param name="ExpiresAt">ObtainedAt + expires_in.</param>
public sealed record WeComCachedToken(string AccessToken, DateTimeOffset ObtainedAt, DateTimeOffset ExpiresAt)
{
    /// <summary>Redacted: a token must not reach logs through string interpolation.</summary>
    public override string ToString() => $"WeComCachedToken(obtained {ObtainedAt:O}, expires {ExpiresAt:O})";
}

/// <summary>
/// Where access_tokens live so that all bot instances share them (WeCom: tokens must be cached, gettoken is
/// frequency-limited, each app has its own token). The database implementation belongs to storage; this port
/// also provides a lease so that only one instance calls gettoken at a time.
/// Implementations must be safe for concurrent use.
/// </summary>
public interface IWeComTokenStore
{
    /// <summary>Returns the cached token for <paramref name="key"/>, or null.</summary>
    ValueTask<WeComCachedToken?> GetAsync(WeComTokenKey key, CancellationToken cancellationToken = default);

    /// <summary>Stores (replaces) the token for <paramref name="key"/>.</summary>
    ValueTask SaveAsync(WeComTokenKey key, WeComCachedToken token, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes the cached token only if it is still <paramref name="accessToken"/> (compare-and-delete), so that an
    /// instance reporting an old rejected token cannot delete a newer one fetched by another instance.
    /// </summary>
    ValueTask InvalidateAsync(WeComTokenKey key, string accessToken, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes the refresh lease for <paramref name="key"/> until <paramref name="until"/> if it is free, expired or
    /// already held by <paramref name="holder"/>; returns false when another holder has an unexpired lease.
    /// </summary>
    ValueTask<bool> TryAcquireRefreshLeaseAsync(WeComTokenKey key, string holder, DateTimeOffset until, CancellationToken cancellationToken = default);

    /// <summary>Releases the lease if <paramref name="holder"/> holds it; otherwise does nothing.</summary>
    ValueTask ReleaseRefreshLeaseAsync(WeComTokenKey key, string holder, CancellationToken cancellationToken = default);
}
