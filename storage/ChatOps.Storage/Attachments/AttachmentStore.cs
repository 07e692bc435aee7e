using ChatOps.Core.Attachments;
using ChatOps.Storage.Conversations;

namespace ChatOps.Storage.Attachments;

/// <summary>
/// Attachments outside any unit of work (every dialect): the intake's insert-if-absent of a row and its bytes, and the
/// purge, each in one short write transaction; the downloads' reads, each one query on a connection of its own.
/// </summary>
internal sealed class AttachmentRepository(Database db) : IAttachmentRepository
{
    public Task<StoredAttachment?> FindByKeyAsync(string key, CancellationToken cancellationToken = default) =>
        db.QuerySingleOrDefaultAsync<StoredAttachment>(AttachmentSql.SelectByKey, new { Key = key }, cancellationToken);

    public async Task<bool> AddAsync(StoredAttachment attachment, byte[]? content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        await using var write = await db.BeginWriteAsync(priority: false, cancellationToken);
        var s = new Session(db, write.Connection, write.Transaction);
        var id = await s.ExecuteScalarAsync<long?>(AttachmentSql.Insert, new
        {
            attachment.IntakeKey,
            attachment.Channel,
            attachment.SenderId,
            attachment.FileName,
            attachment.ContentType,
            attachment.Size,
            attachment.Sha256,
            Status = attachment.Status.ToString(),
            Refusal = attachment.Refusal?.ToString(),
            attachment.CreatedAt,
        }, cancellationToken);
        if (id is not { } added)
        {
            return false;
        }

        if (content is not null)
        {
            await s.ExecuteAsync(AttachmentSql.InsertContent, new { Id = added, Content = content }, cancellationToken);
        }

        await write.CommitAsync(cancellationToken);
        return true;
    }

    public Task<StoredAttachment?> FindAsync(long id, CancellationToken cancellationToken = default) =>
        db.QuerySingleOrDefaultAsync<StoredAttachment>(AttachmentSql.SelectById, new { Id = id }, cancellationToken);

    public Task<byte[]?> ReadContentAsync(long id, CancellationToken cancellationToken = default) =>
        db.ExecuteScalarAsync<byte[]?>(AttachmentSql.SelectContent, new { Id = id }, cancellationToken);

    public Task<IReadOnlyList<StoredAttachment>> ListAsync(string ownerKind, long ownerId, CancellationToken cancellationToken = default) =>
        db.QueryAsync<StoredAttachment>(AttachmentSql.SelectByOwner, new { OwnerKind = ownerKind, OwnerId = ownerId }, cancellationToken);

    public async Task<int> DeleteUnlinkedAsync(DateTimeOffset createdBefore, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var write = await db.BeginWriteAsync(priority: false, cancellationToken);
        var s = new Session(db, write.Connection, write.Transaction);
        await s.ExecuteAsync(AttachmentSql.DeleteUnlinkedContent, new { Cutoff = createdBefore }, cancellationToken);
        var marked = await s.ExecuteAsync(AttachmentSql.MarkUnlinkedDeleted, new { Cutoff = createdBefore, At = at }, cancellationToken);
        await write.CommitAsync(cancellationToken);
        return marked;
    }
}

/// <summary>Gives the attachment store of one of storage's own units of work, on its connection and transaction.</summary>
internal sealed class AttachmentStoreFactory : IAttachmentStoreFactory
{
    public IAttachmentStore For(IUnitOfWork work) => work is UnitOfWork own
        ? new AttachmentStore(own.Session)
        : throw new ArgumentException($"The attachment store needs a unit of work of ChatOps.Storage (got {work.GetType().Name}).", nameof(work));
}

/// <summary>Linking, listing and deleting attachments inside a unit of work.</summary>
internal sealed class AttachmentStore(Session s) : IAttachmentStore
{
    /// <summary>One query per key: a message carries a few attachments, and a parameter list is not portable SQL.</summary>
    public async Task<IReadOnlyList<StoredAttachment>> FindByKeysAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        var found = new List<StoredAttachment>();
        foreach (var key in keys)
        {
            if (await s.QuerySingleOrDefaultAsync<StoredAttachment>(AttachmentSql.SelectByKey, new { Key = key }, cancellationToken) is { } row)
            {
                found.Add(row);
            }
        }

        return found;
    }

    public Task LinkAsync(long id, string ownerKind, long ownerId, string addedBy, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        s.ExecuteAsync(AttachmentSql.Link, new { Id = id, OwnerKind = ownerKind, OwnerId = ownerId, AddedBy = addedBy, At = at }, cancellationToken);

    public async Task<IReadOnlyList<StoredAttachment>> ListAsync(string ownerKind, long ownerId, CancellationToken cancellationToken = default) =>
        [.. await s.QueryAsync<StoredAttachment>(AttachmentSql.SelectByOwner, new { OwnerKind = ownerKind, OwnerId = ownerId }, cancellationToken)];

    public async Task DeleteAsync(long id, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await s.ExecuteAsync(AttachmentSql.DeleteContent, new { Id = id }, cancellationToken);
        await s.ExecuteAsync(AttachmentSql.MarkDeleted, new { Id = id, At = at }, cancellationToken);
    }
}
