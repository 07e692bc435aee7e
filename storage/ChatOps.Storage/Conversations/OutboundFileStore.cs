namespace ChatOps.Storage.Conversations;

/// <summary>Statements of <see cref="OutboundFileStore"/> (table <c>outbound_files</c>, migration 0025).</summary>
internal static class OutboundFileSql
{
    public static readonly SqlStatement Insert = SqlStatement.Portable(nameof(Insert), """
        INSERT INTO outbound_files (id, kind, person_id, name, content_type, size, secret, created_at, content)
        VALUES (@Id, @Kind, @PersonId, @Name, @ContentType, @Size, @Secret, @CreatedAt, @Content)
        """);

    public static readonly SqlStatement SelectById = SqlStatement.Portable(nameof(SelectById), """
        SELECT id, kind, person_id AS PersonId, name, content_type AS ContentType, size, secret, created_at AS CreatedAt
        FROM outbound_files WHERE id = @Id
        """);

    public static readonly SqlStatement SelectContent = SqlStatement.Portable(nameof(SelectContent),
        "SELECT content FROM outbound_files WHERE id = @Id");

    public static readonly SqlStatement DeleteCreatedBefore = SqlStatement.Portable(nameof(DeleteCreatedBefore),
        "DELETE FROM outbound_files WHERE created_at < @Cutoff");
}

/// <summary>
/// The bytes of the files the bot sends (the 专报's Word file): saved in the unit of work of the turn that queues the
/// message naming them, read by the channel senders and the download endpoint on their own connection.
/// </summary>
internal sealed class OutboundFileStore(Database db) : IOutboundFileStore
{
    public Task SaveAsync(IUnitOfWork work, StoredFile file, byte[] content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(content);
        if (content.LongLength != file.Size)
        {
            throw new ArgumentException($"The file's size ({file.Size}) is not its content's ({content.LongLength}).", nameof(content));
        }

        return FeatureStores.SessionOf(work, "file").ExecuteAsync(OutboundFileSql.Insert, new
        {
            file.Id,
            file.Kind,
            file.PersonId,
            file.Name,
            file.ContentType,
            file.Size,
            file.Secret,
            file.CreatedAt,
            Content = content,
        }, cancellationToken);
    }

    public Task<StoredFile?> FindAsync(string id, CancellationToken cancellationToken = default) =>
        db.QuerySingleOrDefaultAsync<StoredFile>(OutboundFileSql.SelectById, new { Id = id }, cancellationToken);

    public Task<byte[]?> ReadContentAsync(string id, CancellationToken cancellationToken = default) =>
        db.QuerySingleOrDefaultAsync<byte[]>(OutboundFileSql.SelectContent, new { Id = id }, cancellationToken);

    public Task<int> DeleteCreatedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default) =>
        db.ExecuteAsync(OutboundFileSql.DeleteCreatedBefore, new { Cutoff = cutoff }, cancellationToken);
}
