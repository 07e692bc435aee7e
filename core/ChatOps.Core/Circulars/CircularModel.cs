namespace ChatOps.Core.Circulars;

/// <summary>Where a circular stands. Only <see cref="Issued"/> circulars have gone out; the others hold or released their number.</summary>
public enum CircularStatus
{
    /// <summary>Composed (through the API) and not yet sent for sign-off or issued; holds its number.</summary>
    Draft,

    /// <summary>Waiting for the named signer's 签发 (seed 000 第十四条); holds its number.</summary>
    PendingSignOff,

    /// <summary>The signer returned it (退回) with a comment; its number is released for the next document of the kind.</summary>
    Returned,

    /// <summary>The office withdrew it before it went out (撤回); its number is released.</summary>
    Withdrawn,

    /// <summary>Issued (印发): its deliveries are in the outbox and acknowledgements are tracked.</summary>
    Issued,
}

/// <summary>What a circular is addressed to.</summary>
public enum TargetKind
{
    /// <summary>A group chat of the directory (WeCom app chat, group robot, Bot Framework conversation): the message goes to the group once.</summary>
    Group,

    /// <summary>A member unit: its current liaison (seed 000 第八条).</summary>
    Unit,

    /// <summary>Everyone holding a role (e.g. 联络员, 分管领导).</summary>
    Role,

    /// <summary>One person.</summary>
    Person,

    /// <summary>Every active person in the directory.</summary>
    Everyone,
}

/// <summary>One addressee of a circular, as composed. Units, roles and people are resolved when the circular is issued.</summary>
/// <param name="Code">The group code, unit code, role name (<see cref="Organization.Roles"/>) or person id; null for everyone.</param>
public sealed record CircularTarget(TargetKind Kind, string? Code = null)
{
    /// <summary>Every active person.</summary>
    public static readonly CircularTarget Everyone = new(TargetKind.Everyone);

    /// <summary>A stable key for the target ("group:lly-group", "unit:fgw", "everyone").</summary>
    public string Key => Kind == TargetKind.Everyone ? "everyone" : $"{Kind.ToString().ToLowerInvariant()}:{Code}";

    /// <summary>
    /// Reads a target as the office writes it (API, console): kind in English or Chinese (group/群聊, unit/成员单位,
    /// role/角色, person/人员, everyone/全体人员) and a code; null when unrecognisable. Whether the code exists is the
    /// service's check.
    /// </summary>
    public static CircularTarget? Parse(string? kind, string? code)
    {
        var parsed = (kind ?? "").Trim().ToLowerInvariant() switch
        {
            "group" or "群聊" => TargetKind.Group,
            "unit" or "成员单位" or "单位" => TargetKind.Unit,
            "role" or "角色" => TargetKind.Role,
            "person" or "人员" => TargetKind.Person,
            "everyone" or "全体人员" or "全体" => TargetKind.Everyone,
            _ => (TargetKind?)null,
        };
        return parsed switch
        {
            null => null,
            TargetKind.Everyone => Everyone,
            _ when string.IsNullOrWhiteSpace(code) => null,
            _ => new CircularTarget(parsed.Value, code.Trim()),
        };
    }

    /// <summary>Reads "group:lly-group" / "全体人员" (the console's one-line form of a target).</summary>
    public static CircularTarget? Parse(string text)
    {
        var t = text.Trim();
        var colon = t.IndexOfAny([':', '：']);
        return colon < 0 ? Parse(t, null) : Parse(t[..colon], t[(colon + 1)..]);
    }
}

/// <summary>
/// A document the office issues to member units (seed 000 第十四条、第二十条): a 通报, 通知, 文件, 会议纪要 or 工作专报 with
/// its number (文号), signed off where its kind requires it, delivered to group chats and people, and acknowledged
/// (收到) by each recipient.
/// </summary>
/// <param name="Kind">The kind's key (<see cref="CircularKind.Key"/>).</param>
/// <param name="Body">Markdown.</param>
/// <param name="Number">The document number as issued (e.g. 云爱卫专项办通〔2026〕12号).</param>
/// <param name="NumberYear">The year in the number when it follows the kind's template; null for a free-form number.</param>
/// <param name="NumberSequence">The sequence in the number when it follows the kind's template.</param>
/// <param name="Major">A 重大事项 (seed 000 第二十条): signed off by the group leader where the kind says so.</param>
/// <param name="SignerId">The person who must sign off; null when the kind needs no sign-off.</param>
/// <param name="Comment">The signer's comment when returned, or the reason when withdrawn.</param>
/// <param name="NextReminderAt">When the scheduler next looks at it; null when nothing is left to remind.</param>
public sealed record Circular(
    long Id,
    string Kind,
    string Title,
    string Body,
    string Number,
    int? NumberYear,
    int? NumberSequence,
    IReadOnlyList<CircularTarget> Targets,
    bool Major,
    CircularStatus Status,
    string ComposedBy,
    DateTimeOffset ComposedAt,
    string? SignerId,
    DateTimeOffset? SignedAt,
    string? Comment,
    DateTimeOffset? IssuedAt,
    DateTimeOffset? RemindersStoppedAt,
    string? RemindersStoppedBy,
    DateTimeOffset? NextReminderAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>True while the circular holds its number (drafts, pending sign-off, issued).</summary>
    public bool HoldsNumber => Status is CircularStatus.Draft or CircularStatus.PendingSignOff or CircularStatus.Issued;
}

/// <summary>How a recipient acknowledged.</summary>
public enum AckMethod
{
    /// <summary>Pressed the 收到 button (its value "收到 #id").</summary>
    Button,

    /// <summary>Typed 收到 / 已收到 / ok.</summary>
    Text,
}

/// <summary>
/// A person who must acknowledge a circular. Members of a targeted group are recipients too: the group gets the message
/// once, and each member acknowledges for themselves.
/// </summary>
/// <param name="UnitCode">The person's unit at issue time (for the ack rate per unit); null for office staff and leaders.</param>
/// <param name="ViaGroup">The targeted group through which the person got the circular, if any.</param>
/// <param name="PromptKey">The outbox dedupe key of the 1:1 "please acknowledge" card; null when the person has no route.</param>
/// <param name="PromptStatus">The card's outbox status (read only; joined from the outbox).</param>
/// <param name="PromptError">The card's last error or why it could not be queued (read only).</param>
public sealed record CircularRecipient(
    long CircularId,
    string PersonId,
    string? UnitCode,
    string? ViaGroup,
    string? PromptKey,
    DateTimeOffset? AckedAt = null,
    AckMethod? AckMethod = null,
    string? AckChannel = null,
    int Reminders = 0,
    DateTimeOffset? LastRemindedAt = null,
    OutboxStatus? PromptStatus = null,
    string? PromptError = null);

/// <summary>
/// One delivery of a circular's text: to a group (once) or 1:1 to a person who is not in a targeted group. Its status
/// is the status of the outbox row named by <see cref="DedupeKey"/>; a target that could not be queued at all (no
/// enabled channel reaches it) has no key and an <see cref="Error"/>.
/// </summary>
/// <param name="TargetKey">"group:CODE" or "person:ID".</param>
public sealed record CircularDelivery(
    long CircularId,
    string TargetKey,
    string? GroupCode,
    string? PersonId,
    string? Channel,
    string? Address,
    string? DedupeKey,
    string? Error);

/// <summary>A delivery with its outbox row's state.</summary>
/// <param name="Status">Null when nothing was queued (see <see cref="CircularDelivery.Error"/>).</param>
public sealed record CircularDeliveryStatus(
    CircularDelivery Delivery,
    OutboxStatus? Status,
    int Attempts,
    string? LastError,
    DateTimeOffset? SentAt);

/// <summary>A file attached to a circular (the bulletin .docx, a table). The bytes are stored in the database with their SHA-256.</summary>
public sealed record CircularAttachment(
    long Id,
    long CircularId,
    string FileName,
    string ContentType,
    long Size,
    string Sha256,
    string UploadedBy,
    DateTimeOffset UploadedAt);

/// <summary>
/// One line of the audit log: who did what to which circular, when (seed 000 第二十条 makes sign-off accountable). Every
/// creation, sign-off request, sign-off, return, issue, stop, resend and refused attempt is written, in the same
/// transaction as the change itself.
/// </summary>
/// <param name="CircularId">Null for a refused attempt that names no circular (e.g. a non-office person composing).</param>
public sealed record CircularAuditEntry(long? CircularId, string Action, string ActorId, DateTimeOffset At, string? Detail);

/// <summary>The actions written to the audit log.</summary>
public static class CircularAuditActions
{
    /// <summary>Composed (saved with its number).</summary>
    public const string Created = "created";

    /// <summary>Sent to the signer for 签发.</summary>
    public const string SubmittedForSignOff = "submitted";

    /// <summary>Signed off (签发).</summary>
    public const string Signed = "signed";

    /// <summary>Returned by the signer (退回).</summary>
    public const string Returned = "returned";

    /// <summary>Issued: deliveries queued.</summary>
    public const string Issued = "issued";

    /// <summary>Reminders stopped by the office.</summary>
    public const string RemindersStopped = "stopped";

    /// <summary>Withdrawn before it went out.</summary>
    public const string Withdrawn = "withdrawn";

    /// <summary>Failed deliveries queued again.</summary>
    public const string Resent = "resent";

    /// <summary>A file attached.</summary>
    public const string Attached = "attached";

    /// <summary>An attempt the person was not allowed to make.</summary>
    public const string Refused = "refused";
}
