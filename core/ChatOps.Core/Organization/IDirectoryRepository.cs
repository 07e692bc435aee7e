namespace ChatOps.Core.Organization;

/// <summary>
/// The stored directory. Implementations are stateless: each call opens and disposes its own connection.
/// Reads return active rows only; nothing is ever deleted, so history keeps its references.
/// </summary>
public interface IDirectoryRepository
{
    /// <summary>The active directory (one round trip per table).</summary>
    Task<DirectorySnapshot> LoadAsync(CancellationToken cancellationToken = default);

    /// <summary>True when no unit has ever been stored: the host then seeds the sample directory.</summary>
    Task<bool> IsEmptyAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies <paramref name="changes"/> in one transaction, filing each liaison change with <paramref name="filedBy"/>,
    /// <paramref name="reason"/> and <paramref name="at"/>. Either everything is written or nothing.
    /// </summary>
    Task ApplyAsync(DirectoryChanges changes, string filedBy, string reason, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies <paramref name="changes"/> inside <paramref name="work"/>'s transaction, so the change and what the caller
    /// writes with it (the audit line) commit together or not at all.
    /// </summary>
    Task ApplyAsync(Conversations.IUnitOfWork work, DirectoryChanges changes, string filedBy, string reason, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>An active person by id.</summary>
    Task<Person?> FindPersonAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>The active person reachable as <paramref name="externalId"/> on <paramref name="channel"/>.</summary>
    Task<Person?> FindByIdentityAsync(string channel, string externalId, CancellationToken cancellationToken = default);

    /// <summary>The active people with these ids, in the order asked (null where none is): a batch's senders in one look-up.</summary>
    Task<IReadOnlyList<Person?>> FindPeopleAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken = default);

    /// <summary>The active people reachable as <paramref name="externalIds"/> on <paramref name="channel"/>, as <see cref="FindPeopleAsync"/>.</summary>
    Task<IReadOnlyList<Person?>> FindByIdentitiesAsync(string channel, IReadOnlyList<string> externalIds, CancellationToken cancellationToken = default);

    /// <summary>An active unit by code.</summary>
    Task<Unit?> FindUnitAsync(string code, CancellationToken cancellationToken = default);

    /// <summary>The unit's current liaison's person id.</summary>
    Task<string?> FindLiaisonIdAsync(string unitCode, CancellationToken cancellationToken = default);

    /// <summary>Active people holding <paramref name="role"/>.</summary>
    Task<IReadOnlyList<Person>> ListByRoleAsync(Roles role, CancellationToken cancellationToken = default);

    /// <summary>Units <paramref name="personId"/> may report for: as the current liaison, or as a delegate the office named.</summary>
    Task<IReadOnlyList<Unit>> ListReportingUnitsAsync(string personId, CancellationToken cancellationToken = default);

    /// <summary>Names a delegate who may report for a unit besides its liaison (idempotent).</summary>
    Task NameDelegateAsync(string unitCode, string personId, string namedBy, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Filed liaison changes, newest first; all units when <paramref name="unitCode"/> is null.</summary>
    Task<IReadOnlyList<LiaisonChange>> ListLiaisonChangesAsync(string? unitCode, CancellationToken cancellationToken = default);
}
