namespace ChatOps.Storage.Conversations;

/// <summary>Statements of the inbox, outbox and dialog state. Dedupe is done by the database, never by a read-then-write.</summary>
internal static class EngineSql
{
    private const string OutboxColumns = """
        id, channel, address, person_id, group_code, payload, dedupe_key, reply_context, created_at, status, attempts,
        next_attempt_at, last_error, channel_message_id, trace_parent
        """;

    /// <summary>
    /// PostgreSQL, before a claim: a plain index scan marks the index entries of rows processed or sent since the last
    /// vacuum dead as it passes them, so the next claim skips them. Left to itself the planner may take a bitmap scan
    /// (its statistics of a busy queue lag), which marks nothing, so every claim re-reads them all: 3 ms an inbox claim
    /// under load, 53 ms after 40,000 messages without a vacuum (docs/benchmarks.md, eleventh session). SET LOCAL ends
    /// with the claim's transaction.
    /// </summary>
    private const string WalkIndexInOrder = "SET LOCAL enable_bitmapscan = off;";

    public static readonly SqlStatement InsertInbox = new(nameof(InsertInbox),
        Sqlite: """
        INSERT INTO inbox (channel, dedupe_key, sender_id, person_id, payload, received_at)
        VALUES (@Channel, @DedupeKey, @SenderId, @PersonId, @Payload, @ReceivedAt)
        ON CONFLICT (channel, dedupe_key) DO NOTHING
        """,
        SqlServer: """
        INSERT INTO inbox (channel, dedupe_key, sender_id, person_id, payload, received_at)
        SELECT @Channel, @DedupeKey, @SenderId, @PersonId, @Payload, @ReceivedAt
        WHERE NOT EXISTS (SELECT 1 FROM inbox WITH (UPDLOCK, HOLDLOCK) WHERE channel = @Channel AND dedupe_key = @DedupeKey)
        """);

    public static readonly SqlStatement ClaimInbox = new(nameof(ClaimInbox),
        Sqlite: """
        UPDATE inbox SET claimed_until = @Until
        WHERE id IN (
            SELECT id FROM inbox
            WHERE processed_at IS NULL AND (claimed_until IS NULL OR claimed_until < @Now)
            ORDER BY id LIMIT @Limit)
        RETURNING id, payload, person_id
        """,
        SqlServer: """
        UPDATE i SET claimed_until = @Until
        OUTPUT inserted.id, inserted.payload, inserted.person_id
        FROM inbox i
        WHERE i.id IN (
            SELECT TOP (@Limit) p.id FROM inbox p WITH (UPDLOCK, READPAST, ROWLOCK)
            WHERE p.processed_at IS NULL AND (p.claimed_until IS NULL OR p.claimed_until < @Now)
            ORDER BY p.id)
        """)
    {
        // Rows another instance is claiming right now are skipped, not waited for (nor claimed twice). The claim walks
        // ix_inbox_unprocessed in id order (see WalkIndexInOrder).
        PostgreSql = $"""
        {WalkIndexInOrder}
        UPDATE inbox SET claimed_until = @Until
        WHERE id IN (
            SELECT id FROM inbox
            WHERE processed_at IS NULL AND (claimed_until IS NULL OR claimed_until < @Now)
            ORDER BY id LIMIT @Limit
            FOR UPDATE SKIP LOCKED)
        RETURNING id, payload, person_id
        """,
    };

    public static readonly SqlStatement MarkInboxProcessed = SqlStatement.Portable(nameof(MarkInboxProcessed),
        "UPDATE inbox SET processed_at = @At WHERE id = @Id");

    /// <summary>When the oldest message not yet handled was received (the unprocessed rows are few; each provider indexes them).</summary>
    public static readonly SqlStatement OldestUnprocessedInbox = SqlStatement.Portable(nameof(OldestUnprocessedInbox),
        "SELECT MIN(received_at) FROM inbox WHERE processed_at IS NULL");

    public static readonly SqlStatement MarkInboxFailed = SqlStatement.Portable(nameof(MarkInboxFailed),
        "UPDATE inbox SET processed_at = @At, error = @Error WHERE id = @Id");

    public static readonly SqlStatement InsertOutbox = new(nameof(InsertOutbox),
        Sqlite: """
        INSERT INTO outbox (channel, address, person_id, group_code, payload, dedupe_key, reply_context, created_at, status, attempts, next_attempt_at, trace_parent)
        VALUES (@Channel, @Address, @PersonId, @GroupCode, @Payload, @DedupeKey, @ReplyContext, @CreatedAt, @Status, 0, @NextAttemptAt, @TraceParent)
        ON CONFLICT (dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
        """,
        SqlServer: """
        INSERT INTO outbox (channel, address, person_id, group_code, payload, dedupe_key, reply_context, created_at, status, attempts, next_attempt_at, trace_parent)
        SELECT @Channel, @Address, @PersonId, @GroupCode, @Payload, @DedupeKey, @ReplyContext, @CreatedAt, @Status, 0, @NextAttemptAt, @TraceParent
        WHERE @DedupeKey IS NULL
           OR NOT EXISTS (SELECT 1 FROM outbox WITH (UPDLOCK, HOLDLOCK) WHERE dedupe_key = @DedupeKey)
        """);

    /// <summary>
    /// Claims the first due messages in id order (one recipient's messages go in the order queued). On SQLite it walks
    /// the pending messages in id order (ix_outbox_pending, migration 0032) and stops at the limit; its planner preferred
    /// ix_outbox_due and sorted every due message for each claim.
    /// </summary>
    public static readonly SqlStatement ClaimOutbox = new(nameof(ClaimOutbox),
        Sqlite: $"""
        UPDATE outbox SET claimed_until = @Until, attempts = attempts + 1
        WHERE id IN (
            SELECT id FROM outbox INDEXED BY ix_outbox_pending
            WHERE status = 'Pending' AND next_attempt_at <= @Now AND (claimed_until IS NULL OR claimed_until < @Now)
            ORDER BY id LIMIT @Limit)
        RETURNING {OutboxColumns}
        """,
        SqlServer: """
        UPDATE o SET claimed_until = @Until, attempts = o.attempts + 1
        OUTPUT inserted.id, inserted.channel, inserted.address, inserted.person_id, inserted.group_code, inserted.payload,
               inserted.dedupe_key, inserted.reply_context, inserted.created_at, inserted.status, inserted.attempts,
               inserted.next_attempt_at, inserted.last_error, inserted.channel_message_id, inserted.trace_parent
        FROM outbox o
        WHERE o.id IN (
            SELECT TOP (@Limit) d.id FROM outbox d WITH (UPDLOCK, READPAST, ROWLOCK)
            WHERE d.status = N'Pending' AND d.next_attempt_at <= @Now AND (d.claimed_until IS NULL OR d.claimed_until < @Now)
            ORDER BY d.id)
        """)
    {
        // Each message is claimed by one instance: rows locked by another claim are skipped. The claim walks
        // ix_outbox_due (see WalkIndexInOrder).
        PostgreSql = $"""
        {WalkIndexInOrder}
        UPDATE outbox SET claimed_until = @Until, attempts = attempts + 1
        WHERE id IN (
            SELECT id FROM outbox
            WHERE status = 'Pending' AND next_attempt_at <= @Now AND (claimed_until IS NULL OR claimed_until < @Now)
            ORDER BY id LIMIT @Limit
            FOR UPDATE SKIP LOCKED)
        RETURNING {OutboxColumns}
        """,
    };

    public static readonly SqlStatement MarkOutboxSent = SqlStatement.Portable(nameof(MarkOutboxSent), """
        UPDATE outbox SET status = 'Sent', channel_message_id = @ChannelMessageId, sent_at = @At, claimed_until = NULL, last_error = NULL
        WHERE id = @Id
        """);

    /// <summary>When the earliest message queued for later (a retry, a circular's next wave) comes due.</summary>
    public static readonly SqlStatement NextPendingOutbox = SqlStatement.Portable(nameof(NextPendingOutbox),
        "SELECT MIN(next_attempt_at) FROM outbox WHERE status = 'Pending' AND next_attempt_at > @Now");

    public static readonly SqlStatement RetryOutbox = SqlStatement.Portable(nameof(RetryOutbox),
        "UPDATE outbox SET next_attempt_at = @NextAttemptAt, last_error = @Error, claimed_until = NULL WHERE id = @Id");

    public static readonly SqlStatement MarkOutboxFailed = SqlStatement.Portable(nameof(MarkOutboxFailed),
        "UPDATE outbox SET status = 'Failed', last_error = @Error, sent_at = @At, claimed_until = NULL WHERE id = @Id");

    public static readonly SqlStatement SelectOutboxForPerson = SqlStatement.Portable(nameof(SelectOutboxForPerson), $"""
        SELECT {OutboxColumns}
        FROM outbox WHERE person_id = @PersonId AND channel = @Channel AND id > @AfterId ORDER BY id
        """);

    public static readonly SqlStatement SelectDialog = SqlStatement.Portable(nameof(SelectDialog),
        "SELECT person_id, dialog, step, data, updated_at FROM dialog_states WHERE person_id = @PersonId");

    public static readonly SqlStatement UpsertDialog = SqlStatement.Upsert(nameof(UpsertDialog), "person_id", """
        INSERT INTO dialog_states (person_id, dialog, step, data, updated_at) VALUES (@PersonId, @Dialog, @Step, @Data, @UpdatedAt)
        """);

    public static readonly SqlStatement DeleteDialog = SqlStatement.Portable(nameof(DeleteDialog),
        "DELETE FROM dialog_states WHERE person_id = @PersonId");

    public static readonly SqlStatement MarkOutboxWaiting = SqlStatement.Portable(nameof(MarkOutboxWaiting),
        "UPDATE outbox SET status = 'Waiting', last_error = @Error, claimed_until = NULL WHERE id = @Id");

    public static readonly SqlStatement ReleaseOutboxWaiting = SqlStatement.Portable(nameof(ReleaseOutboxWaiting),
        "UPDATE outbox SET status = 'Pending', next_attempt_at = @Now WHERE status = 'Waiting' AND channel = @Channel AND address = @Address");

    public static readonly SqlStatement SelectOutboxWaiting = SqlStatement.Portable(nameof(SelectOutboxWaiting), $"""
        SELECT {OutboxColumns}
        FROM outbox WHERE status = 'Waiting' ORDER BY id
        """);

    public static readonly SqlStatement SelectDialogCard = SqlStatement.Portable(nameof(SelectDialogCard),
        "SELECT card_id FROM dialog_states WHERE person_id = @PersonId");

    public static readonly SqlStatement SetDialogCard = SqlStatement.Portable(nameof(SetDialogCard),
        "UPDATE dialog_states SET card_id = @CardId WHERE person_id = @PersonId");
}

/// <summary>Statements of reports, revisions, scheduled steps and exemptions.</summary>
internal static class ReportSql
{
    private const string Columns = """
        id, cycle_key, period_key, unit_code, status, author_id, answers, created_at, updated_at, submitted_at, is_late,
        revision, reviewer_id, review_comment, reviewed_at, version, updated_by, editors
        """;

    public static readonly SqlStatement SelectByUnit = SqlStatement.Portable(nameof(SelectByUnit),
        $"SELECT {Columns} FROM reports WHERE cycle_key = @CycleKey AND period_key = @PeriodKey AND unit_code = @UnitCode");

    public static readonly SqlStatement SelectById = SqlStatement.Portable(nameof(SelectById), $"SELECT {Columns} FROM reports WHERE id = @Id");

    public static readonly SqlStatement SelectForPeriod = SqlStatement.Portable(nameof(SelectForPeriod),
        $"SELECT {Columns} FROM reports WHERE cycle_key = @CycleKey AND period_key = @PeriodKey ORDER BY id");

    public static readonly SqlStatement Insert = SqlStatement.InsertReturningId(nameof(Insert), """
        INSERT INTO reports (cycle_key, period_key, unit_code, status, author_id, answers, created_at, updated_at, submitted_at, is_late,
            revision, reviewer_id, review_comment, reviewed_at, version, updated_by, editors)
        VALUES (@CycleKey, @PeriodKey, @UnitCode, @Status, @AuthorId, @Answers, @CreatedAt, @UpdatedAt, @SubmittedAt, @IsLate,
            @Revision, @ReviewerId, @ReviewComment, @ReviewedAt, @Version, @UpdatedBy, @Editors)
        """);

    public static readonly SqlStatement Update = SqlStatement.Portable(nameof(Update), """
        UPDATE reports SET status = @Status, author_id = @AuthorId, answers = @Answers, updated_at = @UpdatedAt, submitted_at = @SubmittedAt,
            is_late = @IsLate, revision = @Revision, reviewer_id = @ReviewerId, review_comment = @ReviewComment, reviewed_at = @ReviewedAt,
            version = @Version + 1, updated_by = @UpdatedBy, editors = @Editors
        WHERE id = @Id AND version = @Version
        """);

    public static readonly SqlStatement SelectPendingReview = SqlStatement.Portable(nameof(SelectPendingReview),
        $"SELECT {Columns} FROM reports WHERE status = 'PendingReview' ORDER BY submitted_at, id");

    public static readonly SqlStatement InsertReturn = SqlStatement.Portable(nameof(InsertReturn), """
        INSERT INTO report_returns (report_id, version, revision, reviewer_id, comment, answers, returned_at)
        VALUES (@ReportId, @Version, @Revision, @ReviewerId, @Comment, @Answers, @ReturnedAt)
        """);

    public static readonly SqlStatement SelectReturns = SqlStatement.Portable(nameof(SelectReturns),
        "SELECT report_id, version, revision, reviewer_id, comment, answers, returned_at FROM report_returns WHERE report_id = @ReportId ORDER BY version");

    public static readonly SqlStatement DeleteDraft = SqlStatement.Portable(nameof(DeleteDraft),
        "DELETE FROM reports WHERE id = @Id AND status = 'Draft' AND revision = 0");

    public static readonly SqlStatement InsertRevision = SqlStatement.Portable(nameof(InsertRevision), """
        INSERT INTO report_revisions (report_id, revision, author_id, answers, submitted_at, is_late)
        VALUES (@ReportId, @Revision, @AuthorId, @Answers, @SubmittedAt, @IsLate)
        """);

    public static readonly SqlStatement SelectRevisions = SqlStatement.Portable(nameof(SelectRevisions),
        "SELECT report_id, revision, author_id, answers, submitted_at, is_late FROM report_revisions WHERE report_id = @ReportId ORDER BY revision");

    public static readonly SqlStatement InsertStep = SqlStatement.InsertIfAbsent(nameof(InsertStep), "cycle_key, period_key, step", """
        INSERT INTO schedule_steps (cycle_key, period_key, step, done_at) VALUES (@CycleKey, @PeriodKey, @Step, @At)
        """);

    public static readonly SqlStatement SelectExempt = SqlStatement.Portable(nameof(SelectExempt),
        "SELECT person_id FROM report_exemptions WHERE cycle_key = @CycleKey AND period_key = @PeriodKey ORDER BY person_id");

    public static readonly SqlStatement UpsertExemption = SqlStatement.Upsert(nameof(UpsertExemption), "cycle_key, period_key, person_id", """
        INSERT INTO report_exemptions (cycle_key, period_key, person_id, reason, filed_by, filed_at)
        VALUES (@CycleKey, @PeriodKey, @PersonId, @Reason, @By, @At)
        """);
}
