namespace ChatOps.Storage.WeCom;

/// <summary>
/// <see cref="IAccessTokenCache"/> in the database (table <c>access_tokens</c>, migration 0004), so that every bot
/// instance shares one WeCom access_token per app and only one of them refreshes it at a time. Each call is one
/// statement on its own connection; leases are decided by the database row, never by a read-then-write.
/// </summary>
internal sealed class AccessTokenCache(Database db, TimeProvider time) : IAccessTokenCache
{
    public async Task<CachedAccessToken?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var row = await db.QuerySingleOrDefaultAsync<TokenRow>(AccessTokenSql.Select, new { Key = key }, cancellationToken);
        return row is { Token: { } token, ObtainedAt: { } obtained, ExpiresAt: { } expires } ? new CachedAccessToken(token, obtained, expires) : null;
    }

    public Task SaveAsync(string key, CachedAccessToken token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(token);
        return db.InSessionAsync(s => s.ExecuteAsync(AccessTokenSql.Save, new { Key = key, token.Token, token.ObtainedAt, token.ExpiresAt }, cancellationToken), cancellationToken);
    }

    public async Task InvalidateAsync(string key, string token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(token);
        await db.ExecuteAsync(AccessTokenSql.Invalidate, new { Key = key, Token = token }, cancellationToken);
    }

    public async Task<bool> TryAcquireLeaseAsync(string key, string holder, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(holder);
        var rows = await db.InSessionAsync(
            s => s.ExecuteAsync(AccessTokenSql.AcquireLease, new { Key = key, Holder = holder, Until = until, Now = time.GetUtcNow() }, cancellationToken),
            cancellationToken);
        return rows > 0;
    }

    public async Task ReleaseLeaseAsync(string key, string holder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(holder);
        await db.ExecuteAsync(AccessTokenSql.ReleaseLease, new { Key = key, Holder = holder }, cancellationToken);
    }

    private sealed class TokenRow
    {
        public string? Token { get; set; }

        public DateTimeOffset? ObtainedAt { get; set; }

        public DateTimeOffset? ExpiresAt { get; set; }
    }
}

/// <summary>Statements of <see cref="AccessTokenCache"/>.</summary>
internal static class AccessTokenSql
{
    public static readonly SqlStatement Select = SqlStatement.Portable(nameof(Select),
        "SELECT token, obtained_at, expires_at FROM access_tokens WHERE cache_key = @Key");

    /// <summary>Upsert of the token columns; the lease columns of an existing row are kept.</summary>
    public static readonly SqlStatement Save = SqlStatement.Upsert(nameof(Save), "cache_key", """
        INSERT INTO access_tokens (cache_key, token, obtained_at, expires_at) VALUES (@Key, @Token, @ObtainedAt, @ExpiresAt)
        """);

    /// <summary>Compare-and-delete: only the rejected token itself is forgotten.</summary>
    public static readonly SqlStatement Invalidate = SqlStatement.Portable(nameof(Invalidate),
        "UPDATE access_tokens SET token = NULL, obtained_at = NULL, expires_at = NULL WHERE cache_key = @Key AND token = @Token");

    /// <summary>Takes the lease when it is free, expired or ours: one row changed means acquired.</summary>
    public static readonly SqlStatement AcquireLease = new(nameof(AcquireLease),
        Sqlite: """
        INSERT INTO access_tokens (cache_key, lease_holder, lease_until) VALUES (@Key, @Holder, @Until)
        ON CONFLICT (cache_key) DO UPDATE SET lease_holder = excluded.lease_holder, lease_until = excluded.lease_until
        WHERE access_tokens.lease_holder IS NULL OR access_tokens.lease_until IS NULL OR access_tokens.lease_until < @Now
           OR access_tokens.lease_holder = @Holder
        """,
        SqlServer: """
        UPDATE access_tokens WITH (UPDLOCK, SERIALIZABLE) SET lease_holder = @Holder, lease_until = @Until
        WHERE cache_key = @Key AND (lease_holder IS NULL OR lease_until IS NULL OR lease_until < @Now OR lease_holder = @Holder);
        IF @@ROWCOUNT = 0 AND NOT EXISTS (SELECT 1 FROM access_tokens WITH (UPDLOCK, HOLDLOCK) WHERE cache_key = @Key)
            INSERT INTO access_tokens (cache_key, lease_holder, lease_until) VALUES (@Key, @Holder, @Until);
        """);

    public static readonly SqlStatement ReleaseLease = SqlStatement.Portable(nameof(ReleaseLease),
        "UPDATE access_tokens SET lease_holder = NULL, lease_until = NULL WHERE cache_key = @Key AND lease_holder = @Holder");
}
