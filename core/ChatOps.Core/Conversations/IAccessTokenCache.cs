namespace ChatOps.Core.Conversations;

/// <summary>
/// An access token a channel's API issued (WeCom access_token, Bot Framework client-credentials token) with the instants
/// that decide when to refresh it.
/// </summary>
/// <param name="Token">The token.</param>
/// <param name="ObtainedAt">When it was requested (so its expiry is counted conservatively).</param>
/// <param name="ExpiresAt">When the issuer stops accepting it.</param>
public sealed record CachedAccessToken(string Token, DateTimeOffset ObtainedAt, DateTimeOffset ExpiresAt)
{
    /// <summary>Redacted: a token must never reach a log through string interpolation.</summary>
    public override string ToString() => $"CachedAccessToken(obtained {ObtainedAt:O}, expires {ExpiresAt:O})";
}

/// <summary>
/// Where channel access tokens live so that every bot instance uses the same one (design: "access tokens cached in the
/// database"): token endpoints are frequency-limited and a new token may revoke the old one, so instances must not
/// each fetch their own. Besides the token, a refresh lease per key lets exactly one instance fetch at a time.
/// A port of the core so that storage implements it without knowing any channel; channels adapt it to their own store.
/// Implementations must be safe for concurrent use from several processes.
/// </summary>
public interface IAccessTokenCache
{
    /// <summary>The cached token for <paramref name="key"/>, or null.</summary>
    Task<CachedAccessToken?> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Stores (replaces) the token for <paramref name="key"/>; the lease is left as it is.</summary>
    Task SaveAsync(string key, CachedAccessToken token, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes the cached token only while it is still <paramref name="token"/> (compare-and-delete), so an instance
    /// reporting an old rejected token never removes a newer one another instance fetched.
    /// </summary>
    Task InvalidateAsync(string key, string token, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes the refresh lease of <paramref name="key"/> until <paramref name="until"/> when it is free, expired or already
    /// held by <paramref name="holder"/>; false while another holder's lease runs.
    /// </summary>
    Task<bool> TryAcquireLeaseAsync(string key, string holder, DateTimeOffset until, CancellationToken cancellationToken = default);

    /// <summary>Releases the lease when <paramref name="holder"/> holds it; otherwise does nothing.</summary>
    Task ReleaseLeaseAsync(string key, string holder, CancellationToken cancellationToken = default);
}
