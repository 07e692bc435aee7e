namespace ChatOps.Core.Attachments;

/// <summary>
/// Downloads the attachments of one channel (implemented in the channel's project: WeCom media/get, Bot Framework
/// download URLs). Never called inside a unit of work.
/// </summary>
public interface IAttachmentFetcher
{
    /// <summary>The channel whose references this fetcher understands (<see cref="ChannelNames"/>).</summary>
    string Channel { get; }

    /// <summary>
    /// Downloads <paramref name="attachment"/>, reading at most <paramref name="maxBytes"/> + 1 bytes. Throws
    /// <see cref="AttachmentFetchException"/>: <see cref="AttachmentRefusal.TooLarge"/> past the limit,
    /// <see cref="AttachmentRefusal.NotFound"/> when the channel no longer has it, <see cref="AttachmentRefusal.Unavailable"/>
    /// for what may pass (timeouts, 5xx, -1).
    /// </summary>
    Task<FetchedFile> FetchAsync(InboundAttachment attachment, long maxBytes, CancellationToken cancellationToken = default);
}

/// <summary>Attachments outside any unit of work: the intake's own writes and the downloads' reads.</summary>
public interface IAttachmentRepository
{
    /// <summary>The attachment with <paramref name="key"/>, if it was stored or refused before.</summary>
    Task<StoredAttachment?> FindByKeyAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores an attachment (with its bytes when <paramref name="content"/> is given) unless one with the same key
    /// exists (insert-if-absent, decided by the database); false when it did.
    /// </summary>
    Task<bool> AddAsync(StoredAttachment attachment, byte[]? content, CancellationToken cancellationToken = default);

    /// <summary>An attachment by id.</summary>
    Task<StoredAttachment?> FindAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>A stored attachment's bytes; null when it has none (refused, deleted).</summary>
    Task<byte[]?> ReadContentAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>The stored attachments of an owner, oldest first (the console's lists).</summary>
    Task<IReadOnlyList<StoredAttachment>> ListAsync(string ownerKind, long ownerId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks deleted, and drops the bytes of, every stored attachment linked to nothing that was received before
    /// <paramref name="createdBefore"/> (one transaction); returns how many.
    /// </summary>
    Task<int> DeleteUnlinkedAsync(DateTimeOffset createdBefore, DateTimeOffset at, CancellationToken cancellationToken = default);
}

/// <summary>Attachments inside a unit of work: linking them to what they belong to, listing and deleting.</summary>
public interface IAttachmentStore
{
    /// <summary>The attachments with these keys (those found).</summary>
    Task<IReadOnlyList<StoredAttachment>> FindByKeysAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default);

    /// <summary>Attaches a stored attachment to an owner, recording who added it.</summary>
    Task LinkAsync(long id, string ownerKind, long ownerId, string addedBy, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>The stored attachments of an owner, oldest first.</summary>
    Task<IReadOnlyList<StoredAttachment>> ListAsync(string ownerKind, long ownerId, CancellationToken cancellationToken = default);

    /// <summary>Marks an attachment deleted and drops its bytes.</summary>
    Task DeleteAsync(long id, DateTimeOffset at, CancellationToken cancellationToken = default);
}

/// <summary>The attachment store of a unit of work (implemented by storage).</summary>
public interface IAttachmentStoreFactory
{
    /// <summary>The store that writes in <paramref name="work"/>'s transaction.</summary>
    IAttachmentStore For(IUnitOfWork work);
}

/// <summary>
/// Who may see the attachments of one kind of owner: each feature answers for its own owners with its own rule
/// (reports: the office, the unit's people and its reviewer; rectification: the office, the unit and its 督战组).
/// </summary>
public interface IAttachmentOwnerPolicy
{
    /// <summary>The owner kind this policy answers for (<see cref="AttachmentOwners"/>).</summary>
    string OwnerKind { get; }

    /// <summary>True when <paramref name="actor"/> may see what is attached to <paramref name="ownerId"/>.</summary>
    Task<bool> MaySeeAsync(Actor actor, long ownerId, CancellationToken cancellationToken = default);
}
