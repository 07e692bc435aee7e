using ChatOps.Core.Organization;
using Dapper;

namespace ChatOps.Storage.OfficeConsole;

/// <summary>Statements of <see cref="ApiTokenStore"/>.</summary>
internal static class ApiTokenSql
{
    private const string Columns = "id, person_id AS PersonId, name, token_hash AS Hash, created_at AS CreatedAt, last_used_at AS LastUsedAt, revoked_at AS RevokedAt";

    public static readonly SqlStatement Insert = new(nameof(Insert),
        Sqlite: """
        INSERT INTO api_tokens (person_id, name, token_hash, created_at) VALUES (@PersonId, @Name, @Hash, @CreatedAt)
        RETURNING id
        """,
        SqlServer: """
        INSERT INTO api_tokens (person_id, name, token_hash, created_at) OUTPUT inserted.id VALUES (@PersonId, @Name, @Hash, @CreatedAt)
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
    public async Task<long> AddAsync(ApiToken token, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return await c.ExecuteScalarAsync<long>(new CommandDefinition(db.Sql(ApiTokenSql.Insert),
            new { token.PersonId, token.Name, token.Hash, token.CreatedAt }, cancellationToken: cancellationToken));
    }

    public async Task<ApiToken?> FindByHashAsync(string hash, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        var row = await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(db.Sql(ApiTokenSql.SelectByHash), new { Hash = hash }, cancellationToken: cancellationToken));
        return row?.ToToken();
    }

    public async Task<IReadOnlyList<ApiToken>> ListAsync(string personId, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        var rows = await c.QueryAsync<Row>(new CommandDefinition(db.Sql(ApiTokenSql.SelectByPerson), new { PersonId = personId }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToToken())];
    }

    public async Task<bool> RevokeAsync(long id, string personId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return await c.ExecuteAsync(new CommandDefinition(db.Sql(ApiTokenSql.Revoke), new { Id = id, PersonId = personId, At = at }, cancellationToken: cancellationToken)) == 1;
    }

    public async Task TouchAsync(long id, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        await c.ExecuteAsync(new CommandDefinition(db.Sql(ApiTokenSql.Touch), new { Id = id, At = at }, cancellationToken: cancellationToken));
    }

    private sealed class Row
    {
        public long Id { get; set; }

        public string PersonId { get; set; } = "";

        public string Name { get; set; } = "";

        public string Hash { get; set; } = "";

        public DateTimeOffset CreatedAt { get; set; }

        public DateTimeOffset? LastUsedAt { get; set; }

        public DateTimeOffset? RevokedAt { get; set; }

        public ApiToken ToToken() => new(Id, PersonId, Name, Hash, CreatedAt, LastUsedAt, RevokedAt);
    }
}
