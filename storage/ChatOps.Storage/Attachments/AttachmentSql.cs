namespace ChatOps.Storage.Attachments;

/// <summary>Statements of the attachment stores. The intake key's uniqueness is the database's, never a read-then-write.</summary>
internal static class AttachmentSql
{
    private const string Columns = """
        id, intake_key, channel, sender_id, file_name, content_type, size, status, refusal, owner_kind, owner_id, added_by,
        created_at, linked_at, sha256
        """;

    public static readonly SqlStatement Insert = new(nameof(Insert),
        Sqlite: """
        INSERT INTO attachments (intake_key, channel, sender_id, file_name, content_type, size, sha256, status, refusal, created_at)
        VALUES (@IntakeKey, @Channel, @SenderId, @FileName, @ContentType, @Size, @Sha256, @Status, @Refusal, @CreatedAt)
        ON CONFLICT (intake_key) DO NOTHING
        RETURNING id
        """,
        SqlServer: """
        INSERT INTO attachments (intake_key, channel, sender_id, file_name, content_type, size, sha256, status, refusal, created_at)
        OUTPUT inserted.id
        SELECT @IntakeKey, @Channel, @SenderId, @FileName, @ContentType, @Size, @Sha256, @Status, @Refusal, @CreatedAt
        WHERE NOT EXISTS (SELECT 1 FROM attachments WITH (UPDLOCK, HOLDLOCK) WHERE intake_key = @IntakeKey)
        """);

    public static readonly SqlStatement InsertContent = SqlStatement.Portable(nameof(InsertContent),
        "INSERT INTO attachment_contents (attachment_id, content) VALUES (@Id, @Content)");

    public static readonly SqlStatement SelectByKey = SqlStatement.Portable(nameof(SelectByKey),
        $"SELECT {Columns} FROM attachments WHERE intake_key = @Key");

    public static readonly SqlStatement SelectById = SqlStatement.Portable(nameof(SelectById),
        $"SELECT {Columns} FROM attachments WHERE id = @Id");

    public static readonly SqlStatement SelectContent = SqlStatement.Portable(nameof(SelectContent),
        "SELECT content FROM attachment_contents WHERE attachment_id = @Id");

    public static readonly SqlStatement SelectByOwner = SqlStatement.Portable(nameof(SelectByOwner),
        $"SELECT {Columns} FROM attachments WHERE owner_kind = @OwnerKind AND owner_id = @OwnerId AND status = 'Stored' ORDER BY id");

    public static readonly SqlStatement Link = SqlStatement.Portable(nameof(Link), """
        UPDATE attachments SET owner_kind = @OwnerKind, owner_id = @OwnerId, added_by = @AddedBy, linked_at = @At
        WHERE id = @Id AND status = 'Stored'
        """);

    public static readonly SqlStatement MarkDeleted = SqlStatement.Portable(nameof(MarkDeleted),
        "UPDATE attachments SET status = 'Deleted', deleted_at = @At WHERE id = @Id");

    /// <summary>The bytes of stored attachments linked to nothing and received before the cutoff (the purge).</summary>
    public static readonly SqlStatement DeleteUnlinkedContent = SqlStatement.Portable(nameof(DeleteUnlinkedContent), """
        DELETE FROM attachment_contents WHERE attachment_id IN
            (SELECT id FROM attachments WHERE owner_kind IS NULL AND status = 'Stored' AND created_at < @Cutoff)
        """);

    public static readonly SqlStatement MarkUnlinkedDeleted = SqlStatement.Portable(nameof(MarkUnlinkedDeleted),
        "UPDATE attachments SET status = 'Deleted', deleted_at = @At WHERE owner_kind IS NULL AND status = 'Stored' AND created_at < @Cutoff");

    public static readonly SqlStatement DeleteContent = SqlStatement.Portable(nameof(DeleteContent),
        "DELETE FROM attachment_contents WHERE attachment_id = @Id");
}
