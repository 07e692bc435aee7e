using ChatOps.Core.Attachments;
using ChatOps.Core.Conversations;
using ChatOps.Storage.Conversations;
using Dapper;

namespace ChatOps.Storage.Attachments;

/// <summary>
/// Attachments outside any unit of work (Dapper, every dialect): the intake's insert-if-absent of a row and its bytes in
/// one short write transaction, and the downloads' reads. Each call its own connection.
/// </summary>
internal sealed class AttachmentRepository(Database db) : IAttachmentRepository
{
    public async Task<StoredAttachment?> FindByKeyAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return await c.QuerySingleOrDefaultAsync<StoredAttachment>(new CommandDefinition(db.Sql(AttachmentSql.SelectByKey), new { Key = key }, cancellationToken: cancellationToken));
    }

    public async Task<bool> AddAsync(StoredAttachment attachment, byte[]? content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        await using var write = await db.BeginWriteAsync(priority: false, cancellationToken);
        var id = await write.Connection.ExecuteScalarAsync<long?>(new CommandDefinition(db.Sql(AttachmentSql.Insert), new
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
        }, write.Transaction, cancellationToken: cancellationToken));
        if (id is not { } added)
        {
            return false;
        }

        if (content is not null)
        {
            await write.Connection.ExecuteAsync(new CommandDefinition(db.Sql(AttachmentSql.InsertContent), new { Id = added, Content = content }, write.Transaction,
                cancellationToken: cancellationToken));
        }

        await write.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<StoredAttachment?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return await c.QuerySingleOrDefaultAsync<StoredAttachment>(new CommandDefinition(db.Sql(AttachmentSql.SelectById), new { Id = id }, cancellationToken: cancellationToken));
    }

    public async Task<byte[]?> ReadContentAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return await c.ExecuteScalarAsync<byte[]?>(new CommandDefinition(db.Sql(AttachmentSql.SelectContent), new { Id = id }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<StoredAttachment>> ListAsync(string ownerKind, long ownerId, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return [.. await c.QueryAsync<StoredAttachment>(new CommandDefinition(db.Sql(AttachmentSql.SelectByOwner),
            new { OwnerKind = ownerKind, OwnerId = ownerId }, cancellationToken: cancellationToken))];
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
