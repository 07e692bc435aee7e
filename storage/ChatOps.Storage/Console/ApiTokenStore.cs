using ChatOps.Core.Organization;

namespace ChatOps.Storage.OfficeConsole;

/// <summary>Statements of <see cref="ApiTokenStore"/>.</summary>
internal static class ApiTokenSql
{
    private const string Columns = "id, person_id AS PersonId, name, token_hash AS Hash, created_at AS CreatedAt, last_used_at AS LastUsedAt, revoked_at AS RevokedAt";

    public static readonly SqlStatement Insert = SqlStatement.InsertReturningId(nameof(Insert), """
        INSERT INTO api_tokens (person_id, name, token_hash, created_at) VALUES (@PersonId, @Name, @Hash, @CreatedAt)
        """);

    public static readonly SqlStatement SelectByHash = SqlStatement.Portable(nameof(SelectByHash),
        $"SELECT {Columns} FROM api_tokens WHERE token_hash = @Hash");

    public static readonly SqlStatement SelectByPerson = SqlStatement.Portable(nameof(SelectByPerson),
        $"SELECT {Columns} FROM api_tokens WHERE person_id = @PersonId ORDER BY id DESC");

    public static readonly SqlStatement Revoke = SqlStatement.Portable(nameof(Revoke),
        "UPDATE api_tokens SET revoked_at = @At WHERE id = @Id AND person_id = @PersonId AND revoked_at IS NULL");

    public static readonly SqlStatement Touch = SqlStatement.Portable(nameof(Touch),
        "UPDATE api_tokens SET last_used_at = @At WHERE id = @Id");
}

/// <summary>Personal API tokens (hashes only), each call its own connection.</summary>
internal sealed class ApiTokenStore(Database db) : IApiTokenStore
{
    public async Task<long> AddAsync(ApiToken token, CancellationToken cancellationToken = default) =>
        await db.WriteAsync(s => s.ExecuteScalarAsync<long>(ApiTokenSql.Insert, new { token.PersonId, token.Name, token.Hash, token.CreatedAt }, cancellationToken), cancellationToken);

    public Task<ApiToken?> FindByHashAsync(string hash, CancellationToken cancellationToken = default) =>
        db.QuerySingleOrDefaultAsync<ApiToken>(ApiTokenSql.SelectByHash, new { Hash = hash }, cancellationToken);

    public Task<IReadOnlyList<ApiToken>> ListAsync(string personId, CancellationToken cancellationToken = default) =>
        db.QueryAsync<ApiToken>(ApiTokenSql.SelectByPerson, new { PersonId = personId }, cancellationToken);

    public async Task<bool> RevokeAsync(long id, string personId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        await db.ExecuteAsync(ApiTokenSql.Revoke, new { Id = id, PersonId = personId, At = at }, cancellationToken) == 1;

    public Task TouchAsync(long id, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        db.ExecuteAsync(ApiTokenSql.Touch, new { Id = id, At = at }, cancellationToken);
}
