namespace ChatOps.Storage.Circulars;

/// <summary>
/// Statements of circulars (migration 0007). Uniqueness (a held number, a reminder step, an acknowledgement) is decided
/// by the database: a unique index, ON CONFLICT / NOT EXISTS under UPDLOCK, or an UPDATE guarded by its WHERE clause.
/// Delivery and card states are read by joining the outbox on its unique dedupe key. A SELECT read into a core record
/// lists its columns in the record's order (<see cref="RecordMap"/>).
/// </summary>
internal static class CircularSql
{
    private const string Columns = """
        id, kind, title, body, number, number_year, number_seq AS number_sequence, targets, major, status, composed_by, composed_at, signer_id, signed_at,
        comment, issued_at, reminders_stopped_at, reminders_stopped_by, next_reminder_at, updated_at
        """;

    private const string PrefixedColumns = """
        c.id, c.kind, c.title, c.body, c.number, c.number_year, c.number_seq AS number_sequence, c.targets, c.major, c.status, c.composed_by, c.composed_at,
        c.signer_id, c.signed_at, c.comment, c.issued_at, c.reminders_stopped_at, c.reminders_stopped_by, c.next_reminder_at, c.updated_at
        """;

    private const string AttachmentColumns = "id, circular_id, file_name, content_type, size, sha256, uploaded_by, uploaded_at";

    public static readonly SqlStatement Insert = SqlStatement.InsertReturningId(nameof(Insert), """
        INSERT INTO circulars (kind, title, body, number, number_key, number_year, number_seq, targets, major, status, composed_by, composed_at,
            signer_id, signed_at, comment, issued_at, reminders_stopped_at, reminders_stopped_by, next_reminder_at, updated_at)
        VALUES (@Kind, @Title, @Body, @Number, @NumberKey, @NumberYear, @NumberSeq, @Targets, @Major, @Status, @ComposedBy, @ComposedAt,
            @SignerId, @SignedAt, @Comment, @IssuedAt, @RemindersStoppedAt, @RemindersStoppedBy, @NextReminderAt, @UpdatedAt)
        """);

    public static readonly SqlStatement Update = SqlStatement.Portable(nameof(Update), """
        UPDATE circulars SET title = @Title, body = @Body, number = @Number, number_key = @NumberKey, number_year = @NumberYear,
            number_seq = @NumberSeq, targets = @Targets, major = @Major, status = @Status, signer_id = @SignerId, signed_at = @SignedAt,
            comment = @Comment, issued_at = @IssuedAt, reminders_stopped_at = @RemindersStoppedAt, reminders_stopped_by = @RemindersStoppedBy,
            next_reminder_at = @NextReminderAt, updated_at = @UpdatedAt
        WHERE id = @Id
        """);

    public static readonly SqlStatement SelectById = SqlStatement.Portable(nameof(SelectById), $"SELECT {Columns} FROM circulars WHERE id = @Id");

    public static readonly SqlStatement SelectRecent = new(nameof(SelectRecent),
        Sqlite: $"SELECT {Columns} FROM circulars WHERE status IN ('Issued', 'PendingSignOff') ORDER BY id DESC LIMIT @Limit",
        SqlServer: $"SELECT TOP (@Limit) {Columns} FROM circulars WHERE status IN (N'Issued', N'PendingSignOff') ORDER BY id DESC");

    public static readonly SqlStatement MaxSequence = SqlStatement.Portable(nameof(MaxSequence),
        "SELECT COALESCE(MAX(number_seq), 0) FROM circulars WHERE kind = @Kind AND number_year = @Year AND number_key IS NOT NULL");

    public static readonly SqlStatement SelectHolder = SqlStatement.Portable(nameof(SelectHolder),
        "SELECT id FROM circulars WHERE number_key = @NumberKey");

    public static readonly SqlStatement SelectDue = new(nameof(SelectDue),
        Sqlite: $"""
        SELECT {Columns} FROM circulars
        WHERE next_reminder_at <= @Now AND status = 'Issued' AND reminders_stopped_at IS NULL
        ORDER BY next_reminder_at, id LIMIT @Limit
        """,
        SqlServer: $"""
        SELECT TOP (@Limit) {Columns} FROM circulars
        WHERE next_reminder_at <= @Now AND status = N'Issued' AND reminders_stopped_at IS NULL
        ORDER BY next_reminder_at, id
        """);

    public static readonly SqlStatement InsertAttachment = SqlStatement.InsertReturningId(nameof(InsertAttachment), """
        INSERT INTO circular_attachments (circular_id, file_name, content_type, size, sha256, content, uploaded_by, uploaded_at)
        VALUES (@CircularId, @FileName, @ContentType, @Size, @Sha256, @Content, @UploadedBy, @UploadedAt)
        """);

    public static readonly SqlStatement SelectAttachments = SqlStatement.Portable(nameof(SelectAttachments),
        $"SELECT {AttachmentColumns} FROM circular_attachments WHERE circular_id = @CircularId ORDER BY id");

    public static readonly SqlStatement SelectAttachmentById = SqlStatement.Portable(nameof(SelectAttachmentById),
        $"SELECT {AttachmentColumns}, content FROM circular_attachments WHERE circular_id = @CircularId AND id = @Id");

    public static readonly SqlStatement SelectIssuedAttachmentByHash = new(nameof(SelectIssuedAttachmentByHash),
        Sqlite: """
        SELECT a.id, a.circular_id, a.file_name, a.content_type, a.size, a.sha256, a.uploaded_by, a.uploaded_at, a.content
        FROM circular_attachments a JOIN circulars c ON c.id = a.circular_id
        WHERE a.sha256 = @Sha256 AND c.status = 'Issued'
        ORDER BY a.id LIMIT 1
        """,
        SqlServer: """
        SELECT TOP (1) a.id, a.circular_id, a.file_name, a.content_type, a.size, a.sha256, a.uploaded_by, a.uploaded_at, a.content
        FROM circular_attachments a JOIN circulars c ON c.id = a.circular_id
        WHERE a.sha256 = @Sha256 AND c.status = N'Issued'
        ORDER BY a.id
        """);

    public static readonly SqlStatement InsertDelivery = SqlStatement.Portable(nameof(InsertDelivery), """
        INSERT INTO circular_deliveries (circular_id, target_key, ordinal, group_code, person_id, channel, address, dedupe_key, error)
        VALUES (@CircularId, @TargetKey, @Ordinal, @GroupCode, @PersonId, @Channel, @Address, @DedupeKey, @Error)
        """);

    public static readonly SqlStatement SelectDeliveries = SqlStatement.Portable(nameof(SelectDeliveries), """
        SELECT d.circular_id, d.target_key, d.group_code, d.person_id, d.channel, d.address, d.dedupe_key, d.error,
               o.status AS outbox_status, o.attempts, o.last_error, o.sent_at
        FROM circular_deliveries d LEFT JOIN outbox o ON o.dedupe_key = d.dedupe_key
        WHERE d.circular_id = @CircularId
        ORDER BY d.ordinal
        """);

    public static readonly SqlStatement UpdateDelivery = SqlStatement.Portable(nameof(UpdateDelivery),
        "UPDATE circular_deliveries SET dedupe_key = @DedupeKey, error = @Error WHERE circular_id = @CircularId AND target_key = @TargetKey");

    public static readonly SqlStatement InsertRecipient = SqlStatement.Portable(nameof(InsertRecipient), """
        INSERT INTO circular_recipients (circular_id, person_id, ordinal, unit_code, via_group, prompt_key, reminders)
        VALUES (@CircularId, @PersonId, @Ordinal, @UnitCode, @ViaGroup, @PromptKey, 0)
        """);

    public static readonly SqlStatement SelectRecipients = SqlStatement.Portable(nameof(SelectRecipients), """
        SELECT r.circular_id, r.person_id, r.unit_code, r.via_group, r.prompt_key, r.acked_at, r.ack_method, r.ack_channel, r.reminders,
               r.last_reminded_at, o.status AS prompt_status, o.last_error AS prompt_error
        FROM circular_recipients r LEFT JOIN outbox o ON o.dedupe_key = r.prompt_key
        WHERE r.circular_id = @CircularId
        ORDER BY r.ordinal
        """);

    public static readonly SqlStatement SelectRecipient = SqlStatement.Portable(nameof(SelectRecipient), """
        SELECT r.circular_id, r.person_id, r.unit_code, r.via_group, r.prompt_key, r.acked_at, r.ack_method, r.ack_channel, r.reminders,
               r.last_reminded_at, o.status AS prompt_status, o.last_error AS prompt_error
        FROM circular_recipients r LEFT JOIN outbox o ON o.dedupe_key = r.prompt_key
        WHERE r.circular_id = @CircularId AND r.person_id = @PersonId
        """);

    public static readonly SqlStatement UpdatePrompt = SqlStatement.Portable(nameof(UpdatePrompt),
        "UPDATE circular_recipients SET prompt_key = @PromptKey WHERE circular_id = @CircularId AND person_id = @PersonId");

    public static readonly SqlStatement SelectUnacknowledged = SqlStatement.Portable(nameof(SelectUnacknowledged), $"""
        SELECT {PrefixedColumns}
        FROM circular_recipients r JOIN circulars c ON c.id = r.circular_id
        WHERE r.person_id = @PersonId AND r.acked_at IS NULL AND c.status = 'Issued'
        ORDER BY c.issued_at DESC, c.id DESC
        """);

    public static readonly SqlStatement SelectLastAcknowledged = new(nameof(SelectLastAcknowledged),
        Sqlite: $"""
        SELECT {PrefixedColumns}
        FROM circular_recipients r JOIN circulars c ON c.id = r.circular_id
        WHERE r.person_id = @PersonId AND r.acked_at IS NOT NULL
        ORDER BY r.acked_at DESC, c.id DESC LIMIT 1
        """,
        SqlServer: $"""
        SELECT TOP (1) {PrefixedColumns}
        FROM circular_recipients r JOIN circulars c ON c.id = r.circular_id
        WHERE r.person_id = @PersonId AND r.acked_at IS NOT NULL
        ORDER BY r.acked_at DESC, c.id DESC
        """);

    public static readonly SqlStatement Acknowledge = SqlStatement.Portable(nameof(Acknowledge), """
        UPDATE circular_recipients SET acked_at = @At, ack_method = @Method, ack_channel = @Channel
        WHERE circular_id = @CircularId AND person_id = @PersonId AND acked_at IS NULL
        """);

    public static readonly SqlStatement CountUnacknowledged = SqlStatement.Portable(nameof(CountUnacknowledged),
        "SELECT COUNT(*) FROM circular_recipients WHERE circular_id = @CircularId AND acked_at IS NULL");

    public static readonly SqlStatement MarkReminded = SqlStatement.Portable(nameof(MarkReminded), """
        UPDATE circular_recipients SET reminders = reminders + 1, last_reminded_at = @At
        WHERE circular_id = @CircularId AND person_id = @PersonId
        """);

    public static readonly SqlStatement InsertReminderStep = SqlStatement.InsertIfAbsent(nameof(InsertReminderStep), "circular_id, step", """
        INSERT INTO circular_reminder_steps (circular_id, step, done_at) VALUES (@CircularId, @Step, @At)
        """);

    public static readonly SqlStatement InsertAudit = SqlStatement.Portable(nameof(InsertAudit), """
        INSERT INTO circular_audit (circular_id, action, actor_id, acted_at, detail) VALUES (@CircularId, @Action, @ActorId, @At, @Detail)
        """);

    public static readonly SqlStatement SelectAudit = SqlStatement.Portable(nameof(SelectAudit),
        "SELECT circular_id, action, actor_id, acted_at AS at, detail FROM circular_audit WHERE circular_id = @CircularId ORDER BY id");
}
