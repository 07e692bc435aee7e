namespace ChatOps.Core.Attachments;

/// <summary>Where an inbound attachment stands.</summary>
public enum AttachmentStatus
{
    /// <summary>Fetched, checked and stored: its bytes can be downloaded.</summary>
    Stored,

    /// <summary>Refused (too large, a type not allowed, expired or unavailable): no bytes kept, only why.</summary>
    Refused,

    /// <summary>Removed by the person who added it: its bytes are deleted.</summary>
    Deleted,
}

/// <summary>Why an attachment was not stored.</summary>
public enum AttachmentRefusal
{
    /// <summary>Larger than <see cref="AttachmentOptions.MaxBytes"/>.</summary>
    TooLarge,

    /// <summary>Not an image, a PDF or an office document.</summary>
    TypeNotAllowed,

    /// <summary>The channel no longer has it (WeCom 40007 invalid media_id: media expire after 3 days; a 404).</summary>
    NotFound,

    /// <summary>The channel could not be reached after the retries.</summary>
    Unavailable,

    /// <summary>An empty file.</summary>
    Empty,
}

/// <summary>What an attachment is attached to.</summary>
public static class AttachmentOwners
{
    /// <summary>A unit's report for a period (<see cref="Reports.Report.Id"/>): its draft and every submission.</summary>
    public const string Report = "report";

    /// <summary>The rectification evidence of a problem, complaint or task (<see cref="Supervision.SupervisionItem.Id"/>).</summary>
    public const string Rectification = "rectification";
}

/// <summary>
/// An inbound attachment as stored: its metadata (the bytes are read separately, on download). Its key is
/// <see cref="InboundAttachment.KeyOf"/> (<see cref="IntakeKey"/>) — unique, so a retried delivery stores nothing twice.
/// </summary>
public sealed record StoredAttachment(
    long Id,
    string IntakeKey,
    string Channel,
    string SenderId,
    string FileName,
    string ContentType,
    long Size,
    AttachmentStatus Status,
    AttachmentRefusal? Refusal,
    string? OwnerKind,
    long? OwnerId,
    string? AddedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LinkedAt = null,
    string? Sha256 = null)
{
    /// <summary>True when its bytes are there to download.</summary>
    public bool IsStored => Status == AttachmentStatus.Stored;
}

/// <summary>A file as a channel delivered it.</summary>
/// <param name="FileName">The name (from Content-Disposition, the attachment's name, or the upload).</param>
/// <param name="ContentType">The MIME type.</param>
/// <param name="Content">The bytes, at most <see cref="AttachmentOptions.MaxBytes"/>.</param>
public sealed record FetchedFile(string FileName, string ContentType, byte[] Content);

/// <summary>A fetch that failed; <see cref="Refusal"/> says what the person is told.</summary>
public sealed class AttachmentFetchException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AttachmentFetchException(AttachmentRefusal refusal, string message, Exception? innerException = null)
        : base(message, innerException) => Refusal = refusal;

    /// <summary>Creates the exception (unavailable).</summary>
    public AttachmentFetchException()
        : this(AttachmentRefusal.Unavailable, "The attachment could not be fetched.")
    {
    }

    /// <summary>Creates the exception (unavailable).</summary>
    public AttachmentFetchException(string message)
        : this(AttachmentRefusal.Unavailable, message)
    {
    }

    /// <summary>Creates the exception (unavailable).</summary>
    public AttachmentFetchException(string message, Exception? innerException)
        : this(AttachmentRefusal.Unavailable, message, innerException)
    {
    }

    /// <summary>Why it failed; <see cref="AttachmentRefusal.Unavailable"/> is worth retrying.</summary>
    public AttachmentRefusal Refusal { get; }
}

/// <summary>Settings of inbound attachments (section <c>Attachments</c>).</summary>
public sealed class AttachmentOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Attachments";

    /// <summary>The largest file accepted, in bytes (default 20 MB, WeCom's own limit for files).</summary>
    public long MaxBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>How many times a fetch that failed for a transient reason is tried in all (default 3).</summary>
    public int FetchAttempts { get; set; } = 3;

    /// <summary>The wait before the second attempt (doubled each time; default 1 s).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long the attachments of a claimed batch may take in all before its turns (default 45 s, well inside the inbox
    /// lease); what is not fetched by then is recorded as unavailable and the person is asked to send it again.
    /// </summary>
    public TimeSpan FetchDeadline { get; set; } = TimeSpan.FromSeconds(45);
}
