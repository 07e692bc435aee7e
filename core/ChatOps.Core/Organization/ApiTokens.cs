using System.Security.Cryptography;

namespace ChatOps.Core.Organization;

/// <summary>A personal token for the office API, as stored: only the SHA-256 of the secret is kept.</summary>
/// <param name="Id">Assigned by the store.</param>
/// <param name="PersonId">Whose identity the token carries.</param>
/// <param name="Name">What the person called it (e.g. 报表脚本).</param>
/// <param name="Hash">Hex SHA-256 of the secret.</param>
/// <param name="RevokedAt">Set when revoked; a revoked token is refused.</param>
public sealed record ApiToken(long Id, string PersonId, string Name, string Hash, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

/// <summary>Stored API tokens. Stateless; each call its own connection.</summary>
public interface IApiTokenStore
{
    /// <summary>Stores a new token and returns its id.</summary>
    Task<long> AddAsync(ApiToken token, CancellationToken cancellationToken = default);

    /// <summary>The token with this hash, revoked or not.</summary>
    Task<ApiToken?> FindByHashAsync(string hash, CancellationToken cancellationToken = default);

    /// <summary>A person's tokens, newest first.</summary>
    Task<IReadOnlyList<ApiToken>> ListAsync(string personId, CancellationToken cancellationToken = default);

    /// <summary>Revokes one of the person's tokens; false when there is no such live token.</summary>
    Task<bool> RevokeAsync(long id, string personId, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Records a use (at most once a minute is enough for the list).</summary>
    Task TouchAsync(long id, DateTimeOffset at, CancellationToken cancellationToken = default);
}

/// <summary>
/// Personal tokens for the office API, issued in the console to someone who may use it. The secret is shown once and
/// never stored: the store keeps its SHA-256, so a leaked database does not leak usable tokens. A request carrying a
/// token acts as its person, with the person's current roles (a person who leaves the office loses the API at once).
/// </summary>
public sealed class ApiTokenService(IApiTokenStore store, IDirectoryRepository directory, TimeProvider time)
{
    /// <summary>Every token starts with this, so a leaked one is recognisable in logs and scanners.</summary>
    public const string Prefix = "chatops_";

    /// <summary>Issues a token; the returned secret is the only copy.</summary>
    public async Task<(ApiToken Token, string Secret)> IssueAsync(Person person, string name, CancellationToken cancellationToken = default)
    {
        if (!ConsoleAccess.May(person.Roles, ConsoleAreas.Office))
        {
            throw new DirectoryException(DirectoryText.NoTokenForNonOffice(person));
        }

        var label = string.IsNullOrWhiteSpace(name) ? DirectoryText.DefaultTokenName : name.Trim();
        if (label.Length > DirectoryText.MaxTokenName)
        {
            throw new DirectoryException(DirectoryText.TokenNameTooLong);
        }

        var secret = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var token = new ApiToken(0, person.Id, label, Hash(secret), time.GetUtcNow(), null, null);
        var id = await store.AddAsync(token, cancellationToken);
        return (token with { Id = id }, secret);
    }

    /// <summary>The active person a token stands for; null when unknown, revoked or the person is gone.</summary>
    public async Task<Person?> AuthenticateAsync(string secret, CancellationToken cancellationToken = default)
    {
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal) || secret.Length > 200)
        {
            return null;
        }

        var token = await store.FindByHashAsync(Hash(secret), cancellationToken);
        if (token is null || token.RevokedAt is not null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            await store.TouchAsync(token.Id, now, cancellationToken);
        }

        return await directory.FindPersonAsync(token.PersonId, cancellationToken);
    }

    /// <summary>The person's tokens (without secrets).</summary>
    public Task<IReadOnlyList<ApiToken>> ListAsync(Person person, CancellationToken cancellationToken = default) =>
        store.ListAsync(person.Id, cancellationToken);

    /// <summary>Revokes one of the person's own tokens.</summary>
    public Task<bool> RevokeAsync(Person person, long id, CancellationToken cancellationToken = default) =>
        store.RevokeAsync(id, person.Id, time.GetUtcNow(), cancellationToken);

    /// <summary>Hex SHA-256 of a secret.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
