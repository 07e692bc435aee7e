namespace ChatOps.Core.Circulars;

/// <summary>
/// Circulars, their deliveries, recipients, acknowledgements, reminders done, attachments and audit log — inside one
/// unit of work, so a circular's rows and the outbox rows that deliver it commit together or not at all. Every
/// "done once" guarantee is enforced by the database (unique keys), never by a read-then-write.
/// </summary>
public interface ICircularStore
{
    /// <summary>Stores a new circular; returns its id.</summary>
    Task<long> InsertAsync(Circular circular, CancellationToken cancellationToken = default);

    /// <summary>Writes every mutable column of the circular (status, number, signer, reminders …).</summary>
    Task UpdateAsync(Circular circular, CancellationToken cancellationToken = default);

    /// <summary>A circular by id.</summary>
    Task<Circular?> FindAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>The most recent circulars that are issued or waiting for sign-off, newest first.</summary>
    Task<IReadOnlyList<Circular>> ListRecentAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>The highest sequence of <paramref name="kind"/> in <paramref name="year"/> among circulars holding their number; 0 when none.</summary>
    Task<int> MaxSequenceAsync(string kind, int year, CancellationToken cancellationToken = default);

    /// <summary>The circular that holds the (normalized) number, if any.</summary>
    Task<long?> FindHolderOfNumberAsync(string normalizedNumber, CancellationToken cancellationToken = default);

    /// <summary>Stores a file with a circular; returns the attachment's id.</summary>
    Task<long> AddAttachmentAsync(CircularAttachment attachment, byte[] content, CancellationToken cancellationToken = default);

    /// <summary>A circular's attachments (without content), in upload order.</summary>
    Task<IReadOnlyList<CircularAttachment>> ListAttachmentsAsync(long circularId, CancellationToken cancellationToken = default);

    /// <summary>An attachment with its content: by id within a circular, or (when <paramref name="attachmentId"/> is null) by content hash among issued circulars.</summary>
    Task<(CircularAttachment Attachment, byte[] Content)?> FindAttachmentAsync(long? circularId, long? attachmentId, string? sha256, CancellationToken cancellationToken = default);

    /// <summary>Records deliveries (one row per group or 1:1 person).</summary>
    Task AddDeliveriesAsync(IReadOnlyList<CircularDelivery> deliveries, CancellationToken cancellationToken = default);

    /// <summary>A circular's deliveries with the state of their outbox rows.</summary>
    Task<IReadOnlyList<CircularDeliveryStatus>> ListDeliveriesAsync(long circularId, CancellationToken cancellationToken = default);

    /// <summary>Points a delivery at a new outbox row (a resend) and clears its error.</summary>
    Task UpdateDeliveryAsync(long circularId, string targetKey, string? dedupeKey, string? error, CancellationToken cancellationToken = default);

    /// <summary>Records the people who must acknowledge.</summary>
    Task AddRecipientsAsync(IReadOnlyList<CircularRecipient> recipients, CancellationToken cancellationToken = default);

    /// <summary>A circular's recipients with the state of their acknowledgement card.</summary>
    Task<IReadOnlyList<CircularRecipient>> ListRecipientsAsync(long circularId, CancellationToken cancellationToken = default);

    /// <summary>Points a recipient's acknowledgement card at a new outbox row (a resend).</summary>
    Task UpdatePromptAsync(long circularId, string personId, string? promptKey, CancellationToken cancellationToken = default);

    /// <summary>One person's recipient row.</summary>
    Task<CircularRecipient?> FindRecipientAsync(long circularId, string personId, CancellationToken cancellationToken = default);

    /// <summary>Issued circulars the person has not acknowledged, most recent first.</summary>
    Task<IReadOnlyList<Circular>> ListUnacknowledgedAsync(string personId, CancellationToken cancellationToken = default);

    /// <summary>The circular the person acknowledged last, or null when they never acknowledged one.</summary>
    Task<Circular?> FindLastAcknowledgedAsync(string personId, CancellationToken cancellationToken = default);

    /// <summary>Records an acknowledgement; false when the person is not a recipient or acknowledged before.</summary>
    Task<bool> AcknowledgeAsync(long circularId, string personId, DateTimeOffset at, AckMethod method, string channel, CancellationToken cancellationToken = default);

    /// <summary>How many recipients have not acknowledged.</summary>
    Task<int> CountUnacknowledgedAsync(long circularId, CancellationToken cancellationToken = default);

    /// <summary>Counts a reminder for each person.</summary>
    Task MarkRemindedAsync(long circularId, IReadOnlyCollection<string> personIds, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Issued circulars whose next reminder is due at <paramref name="now"/> (reminders not stopped), oldest due first.</summary>
    Task<IReadOnlyList<Circular>> ListDueForReminderAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default);

    /// <summary>Records a reminder step as done; false when it was done before (another instance, a re-run).</summary>
    Task<bool> TryMarkReminderDoneAsync(long circularId, string step, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Appends to the audit log.</summary>
    Task AuditAsync(CircularAuditEntry entry, CancellationToken cancellationToken = default);

    /// <summary>A circular's audit log, oldest first.</summary>
    Task<IReadOnlyList<CircularAuditEntry>> ListAuditAsync(long circularId, CancellationToken cancellationToken = default);
}

/// <summary>
/// Gives the circular store of a unit of work. <see cref="IUnitOfWork"/> belongs to the engine and has no circulars;
/// storage implements this over the same connection and transaction, so circular rows and outbox rows commit together.
/// </summary>
public interface ICircularStoreFactory
{
    /// <summary>The store sharing <paramref name="work"/>'s transaction.</summary>
    ICircularStore For(IUnitOfWork work);
}
