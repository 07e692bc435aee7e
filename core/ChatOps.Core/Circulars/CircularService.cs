using System.Globalization;
using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;
using ChatOps.Core.Reports;
using Microsoft.Extensions.Logging;

namespace ChatOps.Core.Circulars;

/// <summary>
/// The circular use cases, shared by the chat dialog and the HTTP API: compose (with its number), send for sign-off or
/// issue, sign off or return, stop reminders or withdraw, acknowledge, resend failed deliveries, attach files, and the
/// office's view of who has acknowledged. Every method works inside the caller's unit of work and writes the circular's
/// rows, the audit line and the outbox rows in it, so they commit together. Permissions are checked here, once for
/// both entrances: only office staff compose, send, stop and resend; only the named signer signs off.
/// </summary>
public sealed class CircularService(
    ICircularStoreFactory stores,
    IDirectoryRepository directory,
    CircularKinds kinds,
    SignOffRules signOff,
    ReminderPlanner planner,
    CircularMessages messages,
    RecipientRouter router,
    EnabledChannels enabled,
    OfficeProfile office,
    CircularOptions options,
    ILogger<CircularService> logger)
{
    /// <summary>Longest title.</summary>
    public const int MaxTitleLength = 100;

    /// <summary>Longest body (longer documents go as attachments).</summary>
    public const int MaxBodyLength = 5000;

    /// <summary>The texts of circulars.</summary>
    public CircularMessages Messages => messages;

    /// <summary>The store of a unit of work.</summary>
    public ICircularStore Store(IUnitOfWork work) => stores.For(work);

    /// <summary>The number the next circular of <paramref name="kind"/> would get at <paramref name="now"/>.</summary>
    public async Task<string> SuggestNumberAsync(IUnitOfWork work, CircularKind kind, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var year = CircularNumbering.YearAt(now, office.Zone);
        return CircularNumbering.Next(kind, year, await Store(work).MaxSequenceAsync(kind.Key, year, cancellationToken));
    }

    /// <summary>Checks a number for a kind: the problem in Chinese (with the next free number), or null when it is free.</summary>
    public async Task<string?> CheckNumberAsync(IUnitOfWork work, CircularKind kind, string number, long? exceptId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (CircularNumbering.Check(number) is { } problem)
        {
            return problem;
        }

        var store = Store(work);
        var holder = await store.FindHolderOfNumberAsync(CircularNumbering.Normalize(number), cancellationToken);
        if (holder is { } id && id != exceptId)
        {
            var taken = await store.FindAsync(id, cancellationToken);
            return $"文号“{CircularNumbering.Normalize(number)}”已被{(taken is null ? "另一份公文" : CircularMessages.Reference(taken))}使用，建议使用“{await SuggestNumberAsync(work, kind, now, cancellationToken)}”。";
        }

        return null;
    }

    /// <summary>The people who may sign off a document of the kind, from the current directory.</summary>
    public async Task<IReadOnlyList<Person>> SignerCandidatesAsync(CircularKind kind, bool major, CancellationToken cancellationToken = default) =>
        signOff.Candidates(kind, major, await directory.LoadAsync(cancellationToken));

    /// <summary>Composes a circular (status <see cref="CircularStatus.Draft"/>, holding its number). Office staff only.</summary>
    public async Task<CircularOutcome> CreateAsync(IUnitOfWork work, CircularDraft draft, Person by, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(by);
        var store = Store(work);
        if (!IsOffice(by))
        {
            await RefuseAsync(store, null, by, now, "compose", cancellationToken);
            return CircularOutcome.Fail(CircularErrorKind.Forbidden, "person", "只有领导小组办公室人员可以拟发通报。");
        }

        var snapshot = await directory.LoadAsync(cancellationToken);
        var errors = new List<CircularError>();
        var kind = kinds.Find(draft.Kind);
        if (kind is null)
        {
            errors.Add(new CircularError(CircularErrorKind.Invalid, "kind", $"公文类别“{draft.Kind}”不存在，可选：{string.Join("、", kinds.All.Select(k => k.Name))}。"));
        }

        errors.AddRange(CheckText(draft.Title, draft.Body));
        errors.AddRange(TargetResolver.Validate(draft.Targets, snapshot).Select(m => new CircularError(CircularErrorKind.Invalid, "targets", m)));
        if (kind is null)
        {
            return new CircularOutcome(null, errors);
        }

        var major = draft.Major && kind.MajorSignOff is not null;
        var number = string.IsNullOrWhiteSpace(draft.Number)
            ? await SuggestNumberAsync(work, kind, now, cancellationToken)
            : CircularNumbering.Normalize(draft.Number);
        if (await CheckNumberAsync(work, kind, number, null, now, cancellationToken) is { } numberProblem)
        {
            errors.Add(new CircularError(numberProblem.Contains("已被", StringComparison.Ordinal) ? CircularErrorKind.Conflict : CircularErrorKind.Invalid, "number", numberProblem));
        }

        string? signerId = null;
        if (kind.RuleFor(major) != SignOffBy.None)
        {
            var candidates = signOff.Candidates(kind, major, snapshot);
            if (candidates.Count == 0)
            {
                errors.Add(new CircularError(CircularErrorKind.Invalid, "signer", SignOffRules.NobodyToSign(kind, major)));
            }
            else if (draft.SignerId is { Length: > 0 } wanted)
            {
                signerId = candidates.FirstOrDefault(p => p.Id == wanted)?.Id;
                if (signerId is null)
                {
                    errors.Add(new CircularError(CircularErrorKind.Invalid, "signer",
                        $"“{wanted}”不能签发{kind.Name}，可由{string.Join("、", candidates.Select(p => p.Name))}签发。"));
                }
            }
            else if (candidates.Count == 1)
            {
                signerId = candidates[0].Id;
            }
            else
            {
                errors.Add(new CircularError(CircularErrorKind.Invalid, "signer",
                    $"请指定签发人（{SignOffRules.Title(kind.RuleFor(major))}）：{string.Join("、", candidates.Select(p => $"{p.Name}（{p.Id}）"))}。"));
            }
        }

        if (errors.Count > 0)
        {
            return new CircularOutcome(null, errors);
        }

        var parsed = CircularNumbering.TryParse(kind, number, out var year, out var sequence);
        var circular = new Circular(0, kind.Key, draft.Title.Trim(), draft.Body.Trim(), number, parsed ? year : null, parsed ? sequence : null,
            [.. draft.Targets.Distinct()], major, CircularStatus.Draft, by.Id, now, signerId, null, null, null, null, null, null, now);
        circular = circular with { Id = await store.InsertAsync(circular, cancellationToken) };
        await AuditAsync(store, circular.Id, CircularAuditActions.Created, by, now, $"{kind.Name} {number}《{circular.Title}》", cancellationToken);
        logger.LogInformation("Circular {Id} ({Kind} {Number}) composed by {Person}", circular.Id, kind.Key, number, by.Id);
        return new CircularOutcome(circular, []);
    }

    /// <summary>
    /// Sends a draft on: to its signer for 签发 when its kind requires it (the signer gets the document and a card), else
    /// issues it at once. Office staff only.
    /// </summary>
    public async Task<CircularOutcome> SendAsync(IUnitOfWork work, long id, Person by, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        var store = Store(work);
        var circular = await store.FindAsync(id, cancellationToken);
        if (circular is null)
        {
            return NotFound(id);
        }

        if (!IsOffice(by))
        {
            await RefuseAsync(store, id, by, now, "send", cancellationToken);
            return CircularOutcome.Fail(CircularErrorKind.Forbidden, "person", "只有领导小组办公室人员可以发送通报。");
        }

        var kind = kinds.Get(circular.Kind);
        if (circular.Status != CircularStatus.Draft)
        {
            return CircularOutcome.Fail(CircularErrorKind.Conflict, "status", await StateTextAsync(circular, cancellationToken));
        }

        var snapshot = await directory.LoadAsync(cancellationToken);
        var problems = TargetResolver.Validate(circular.Targets, snapshot);
        if (problems.Count > 0)
        {
            return new CircularOutcome(null, [.. problems.Select(p => new CircularError(CircularErrorKind.Invalid, "targets", p))]);
        }

        if (circular.SignerId is null)
        {
            var issued = await IssueAsync(work, store, circular, snapshot, now, cancellationToken);
            await AuditAsync(store, id, CircularAuditActions.Issued, by, now, issued.Summary.Describe(), cancellationToken);
            return new CircularOutcome(issued.Circular, [], $"已印发{CircularMessages.Reference(circular)}：{issued.Summary.Describe()}。", issued.Summary);
        }

        var signer = snapshot.People.FirstOrDefault(p => p.Id == circular.SignerId);
        if (signer is null || router.Route(signer) is null)
        {
            return CircularOutcome.Fail(CircularErrorKind.Invalid, "signer", signer is null
                ? $"签发人“{circular.SignerId}”已不在名录中，请重新拟稿。"
                : $"签发人{signer.Name}在已启用的渠道上没有账号，无法送签，请核对名录。");
        }

        var pending = circular with { Status = CircularStatus.PendingSignOff, UpdatedAt = now };
        await store.UpdateAsync(pending, cancellationToken);
        var distribution = TargetResolver.Resolve(circular.Targets, snapshot, [circular.ComposedBy, circular.SignerId]);
        var attachments = await store.ListAttachmentsAsync(id, cancellationToken);
        var composer = snapshot.People.FirstOrDefault(p => p.Id == circular.ComposedBy)?.Name ?? circular.ComposedBy;
        await EnqueueAsync(work, signer, messages.SignOffCopy(circular, kind, attachments, now), Keys.SignOffCopy(id, signer.Id), now, cancellationToken);
        await EnqueueAsync(work, signer, CircularMessages.SignOffCard(circular, kind, composer, TargetResolver.Describe(circular.Targets, snapshot), distribution.Recipients.Count),
            Keys.SignOff(id, signer.Id), now, cancellationToken);
        await AuditAsync(store, id, CircularAuditActions.SubmittedForSignOff, by, now, $"送{signer.Name}签发", cancellationToken);
        return new CircularOutcome(pending, [],
            $"已送{signer.Name}（{SignOffRules.Title(kind.RuleFor(circular.Major))}）签发{CircularMessages.Reference(circular)}。签发后立即印发，届时会通知您。");
    }

    /// <summary>签发: the named signer signs off; the circular is issued in the same transaction and the composer told.</summary>
    public async Task<CircularOutcome> SignAsync(IUnitOfWork work, long id, Person signer, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var store = Store(work);
        var (circular, refusal) = await CheckSignerAsync(store, id, signer, now, "sign", cancellationToken);
        if (circular is null)
        {
            return refusal!;
        }

        var signed = circular with { SignedAt = now, UpdatedAt = now };
        await AuditAsync(store, id, CircularAuditActions.Signed, signer, now, null, cancellationToken);
        var snapshot = await directory.LoadAsync(cancellationToken);
        var issued = await IssueAsync(work, store, signed, snapshot, now, cancellationToken);
        await AuditAsync(store, id, CircularAuditActions.Issued, signer, now, issued.Summary.Describe(), cancellationToken);
        if (snapshot.People.FirstOrDefault(p => p.Id == circular.ComposedBy) is { } composer && composer.Id != signer.Id)
        {
            await EnqueueAsync(work, composer, OutboundMessage.Plain(
                $"{CircularMessages.Reference(circular)}已经{signer.Name}签发并印发：{issued.Summary.Describe()}。回复“通报情况 #{id}”可随时查看确认情况。"),
                Keys.Notice(id, "signed", composer.Id), now, cancellationToken);
        }

        return new CircularOutcome(issued.Circular, [], $"已签发，{CircularMessages.Reference(circular)}已印发（{issued.Summary.Describe()}）。", issued.Summary);
    }

    /// <summary>退回: the named signer returns the circular with a comment; its number is released and the composer told.</summary>
    public async Task<CircularOutcome> ReturnAsync(IUnitOfWork work, long id, Person signer, string comment, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var store = Store(work);
        var (circular, refusal) = await CheckSignerAsync(store, id, signer, now, "return", cancellationToken);
        if (circular is null)
        {
            return refusal!;
        }

        var returned = circular with { Status = CircularStatus.Returned, Comment = comment.Trim(), UpdatedAt = now };
        await store.UpdateAsync(returned, cancellationToken);
        await AuditAsync(store, id, CircularAuditActions.Returned, signer, now, returned.Comment, cancellationToken);
        if (await directory.FindPersonAsync(circular.ComposedBy, cancellationToken) is { } composer)
        {
            await EnqueueAsync(work, composer, OutboundMessage.Plain(
                $"{signer.Name}退回了{CircularMessages.Reference(circular)}。\n退回意见：{returned.Comment}\n文号已释放，修改后请回复“通报”重新拟稿。"),
                Keys.Notice(id, "returned", composer.Id), now, cancellationToken);
        }

        return new CircularOutcome(returned, [], $"已退回，并已通知拟稿人。");
    }

    /// <summary>
    /// 停止提醒: an issued circular stops reminding (acknowledgements are still accepted); a draft or a circular waiting
    /// for sign-off is withdrawn (撤回) and its number released. Office staff only.
    /// </summary>
    public async Task<CircularOutcome> StopAsync(IUnitOfWork work, long id, Person by, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        var store = Store(work);
        var circular = await store.FindAsync(id, cancellationToken);
        if (circular is null)
        {
            return NotFound(id);
        }

        if (!IsOffice(by))
        {
            await RefuseAsync(store, id, by, now, "stop", cancellationToken);
            return CircularOutcome.Fail(CircularErrorKind.Forbidden, "person", "只有领导小组办公室人员可以停止提醒。");
        }

        var kind = kinds.Get(circular.Kind);
        switch (circular.Status)
        {
            case CircularStatus.Issued when circular.RemindersStoppedAt is not null:
                return CircularOutcome.Fail(CircularErrorKind.Conflict, "status", $"{CircularMessages.Reference(circular)}的提醒已于{PeriodText.When(circular.RemindersStoppedAt.Value, office)}停止。");
            case CircularStatus.Issued:
                var stopped = circular with { RemindersStoppedAt = now, RemindersStoppedBy = by.Id, NextReminderAt = null, UpdatedAt = now };
                await store.UpdateAsync(stopped, cancellationToken);
                await AuditAsync(store, id, CircularAuditActions.RemindersStopped, by, now, null, cancellationToken);
                var missing = await store.CountUnacknowledgedAsync(id, cancellationToken);
                return new CircularOutcome(stopped, [], $"已停止{CircularMessages.Reference(circular)}的提醒" +
                    (missing > 0 ? $"，仍有 {missing} 人未确认收到（仍可随时确认）。" : "。"));
            case CircularStatus.Draft or CircularStatus.PendingSignOff:
                var withdrawn = circular with { Status = CircularStatus.Withdrawn, Comment = $"{by.Name}撤回", UpdatedAt = now };
                await store.UpdateAsync(withdrawn, cancellationToken);
                await AuditAsync(store, id, CircularAuditActions.Withdrawn, by, now, null, cancellationToken);
                if (circular.Status == CircularStatus.PendingSignOff && circular.SignerId is { } signerId &&
                    await directory.FindPersonAsync(signerId, cancellationToken) is { } signer)
                {
                    await EnqueueAsync(work, signer, OutboundMessage.Plain($"{CircularMessages.Reference(circular)}已由办公室{by.Name}撤回，无需签发。"),
                        Keys.Notice(id, "withdrawn", signer.Id), now, cancellationToken);
                }

                return new CircularOutcome(withdrawn, [], $"已撤回{CircularMessages.Reference(circular)}，文号已释放。");
            default:
                return CircularOutcome.Fail(CircularErrorKind.Conflict, "status", await StateTextAsync(circular, cancellationToken));
        }
    }

    /// <summary>
    /// 重发: queues again every delivery and acknowledgement card that failed for good or could not be queued (after the
    /// office fixed the directory or the channel). Transient failures are retried by the dispatcher on its own.
    /// Returns how many messages were queued. Office staff only.
    /// </summary>
    public async Task<(int Queued, CircularOutcome Outcome)> ResendFailedAsync(IUnitOfWork work, long id, Person by, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        var store = Store(work);
        var circular = await store.FindAsync(id, cancellationToken);
        if (circular is null)
        {
            return (0, NotFound(id));
        }

        if (!IsOffice(by))
        {
            await RefuseAsync(store, id, by, now, "resend", cancellationToken);
            return (0, CircularOutcome.Fail(CircularErrorKind.Forbidden, "person", "只有领导小组办公室人员可以重发通报。"));
        }

        var kind = kinds.Get(circular.Kind);
        if (circular.Status != CircularStatus.Issued)
        {
            return (0, CircularOutcome.Fail(CircularErrorKind.Conflict, "status", await StateTextAsync(circular, cancellationToken)));
        }

        var snapshot = await directory.LoadAsync(cancellationToken);
        var people = snapshot.People.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var groups = snapshot.Groups.ToDictionary(g => g.Code, StringComparer.Ordinal);
        var attachments = await store.ListAttachmentsAsync(id, cancellationToken);
        var stamp = now.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var pace = new Pace(now, options);
        var queued = 0;
        foreach (var d in (await store.ListDeliveriesAsync(id, cancellationToken)).Where(d => d.Status is null or OutboxStatus.Failed))
        {
            var key = $"{d.Delivery.TargetKey}:resend:{stamp}";
            OutboxItem? item = null;
            if (d.Delivery.GroupCode is { } code && groups.TryGetValue(code, out var group) && enabled.Channels.Contains(ChannelOf(group.Kind)))
            {
                item = new OutboxItem(0, ChannelOf(group.Kind), group.Address, null, group.Code,
                    messages.ForGroup(circular, kind, attachments, circular.IssuedAt!.Value), Keys.Prefix(id) + key, now);
            }
            else if (d.Delivery.PersonId is { } pid && people.TryGetValue(pid, out var person))
            {
                item = router.To(person, messages.ForPerson(circular, kind, attachments, circular.IssuedAt!.Value), now, Keys.Prefix(id) + key);
            }

            if (item is not null && await work.Outbox.EnqueueAsync(item with { NextAttemptAt = pace.Next() }, cancellationToken))
            {
                await store.UpdateDeliveryAsync(id, d.Delivery.TargetKey, item.DedupeKey, null, cancellationToken);
                queued++;
            }
        }

        foreach (var r in (await store.ListRecipientsAsync(id, cancellationToken))
                     .Where(r => r.AckedAt is null && (r.PromptKey is null || r.PromptStatus == OutboxStatus.Failed)))
        {
            if (!people.TryGetValue(r.PersonId, out var person))
            {
                continue;
            }

            var card = messages.AckCard(circular, kind, r.ViaGroup is null, attachments);
            if (router.To(person, card, now, $"{Keys.Ack(id, person.Id)}:resend:{stamp}") is { } item &&
                await work.Outbox.EnqueueAsync(item with { NextAttemptAt = pace.Next() }, cancellationToken))
            {
                await store.UpdatePromptAsync(id, person.Id, item.DedupeKey, cancellationToken);
                queued++;
            }
        }

        await AuditAsync(store, id, CircularAuditActions.Resent, by, now, $"重发 {queued} 条", cancellationToken);
        return (queued, new CircularOutcome(circular, [], queued == 0
            ? $"{CircularMessages.Reference(circular)}没有需要重发的消息（发送失败且现在可以送达的）。"
            : $"已重新发送{CircularMessages.Reference(circular)}的 {queued} 条消息。"));
    }

    /// <summary>Attaches a file to a draft. Office staff only; the file is stored in the database with its SHA-256.</summary>
    public async Task<(CircularAttachment? Attachment, CircularOutcome Outcome)> AttachAsync(
        IUnitOfWork work, long id, string fileName, string? contentType, byte[] content, Person by, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(by);
        var store = Store(work);
        var circular = await store.FindAsync(id, cancellationToken);
        if (circular is null)
        {
            return (null, NotFound(id));
        }

        if (!IsOffice(by))
        {
            await RefuseAsync(store, id, by, now, "attach", cancellationToken);
            return (null, CircularOutcome.Fail(CircularErrorKind.Forbidden, "person", "只有领导小组办公室人员可以添加附件。"));
        }

        var kind = kinds.Get(circular.Kind);
        if (circular.Status != CircularStatus.Draft)
        {
            return (null, CircularOutcome.Fail(CircularErrorKind.Conflict, "status", $"只有草稿可以添加附件；{await StateTextAsync(circular, cancellationToken)}"));
        }

        var name = CleanFileName(fileName);
        if (name.Length == 0)
        {
            return (null, CircularOutcome.Fail(CircularErrorKind.Invalid, "file", "请提供附件的文件名。"));
        }

        if (content.Length == 0)
        {
            return (null, CircularOutcome.Fail(CircularErrorKind.Invalid, "file", "附件是空文件。"));
        }

        if (content.Length > options.MaxAttachmentBytes)
        {
            return (null, CircularOutcome.Fail(CircularErrorKind.Invalid, "file",
                $"附件过大（最大 {CircularMessages.Size(options.MaxAttachmentBytes)}，现为 {CircularMessages.Size(content.Length)}）。"));
        }

        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
        var attachment = new CircularAttachment(0, id, name, string.IsNullOrWhiteSpace(contentType) ? "application/octet-stream" : contentType.Trim(),
            content.Length, hash, by.Id, now);
        attachment = attachment with { Id = await store.AddAttachmentAsync(attachment, content, cancellationToken) };
        await AuditAsync(store, id, CircularAuditActions.Attached, by, now, $"{name}（{CircularMessages.Size(content.Length)}，SHA-256 {hash}）", cancellationToken);
        return (attachment, new CircularOutcome(circular, [], $"已添加附件{name}。"));
    }


    /// <summary>收到 for one circular (button or "收到 #id").</summary>
    public async Task<(CircularAckResult Result, Circular? Circular, DateTimeOffset? AckedAt)> AcknowledgeAsync(
        IUnitOfWork work, long id, Person person, AckMethod method, string channel, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(person);
        var store = Store(work);
        var circular = await store.FindAsync(id, cancellationToken);
        if (circular is not { Status: CircularStatus.Issued })
        {
            return (CircularAckResult.NotFound, circular, null);
        }

        if (await store.AcknowledgeAsync(id, person.Id, now, method, channel, cancellationToken))
        {
            await AfterAcknowledgedAsync(store, circular, now, cancellationToken);
            return (CircularAckResult.Acknowledged, circular, now);
        }

        var row = await store.FindRecipientAsync(id, person.Id, cancellationToken);
        return row is null ? (CircularAckResult.NotRecipient, circular, null) : (CircularAckResult.Already, circular, row.AckedAt);
    }

    /// <summary>Typed 收到: acknowledges every issued circular the person has not acknowledged, most recent first.</summary>
    public async Task<IReadOnlyList<Circular>> AcknowledgeAllAsync(IUnitOfWork work, Person person, string channel, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(person);
        var store = Store(work);
        var acknowledged = new List<Circular>();
        foreach (var circular in await store.ListUnacknowledgedAsync(person.Id, cancellationToken))
        {
            if (await store.AcknowledgeAsync(circular.Id, person.Id, now, AckMethod.Text, channel, cancellationToken))
            {
                await AfterAcknowledgedAsync(store, circular, now, cancellationToken);
                acknowledged.Add(circular);
            }
        }

        return acknowledged;
    }

    /// <summary>The office's view: delivery per target (from the outbox rows) and acknowledgement per unit, with who is missing.</summary>
    public async Task<CircularStanding?> StandingAsync(IUnitOfWork work, long id, CancellationToken cancellationToken = default)
    {
        var store = Store(work);
        var circular = await store.FindAsync(id, cancellationToken);
        if (circular is null)
        {
            return null;
        }

        var snapshot = await directory.LoadAsync(cancellationToken);
        var people = snapshot.People.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var groups = snapshot.Groups.ToDictionary(g => g.Code, StringComparer.Ordinal);
        var units = snapshot.Units.ToDictionary(u => u.Code, StringComparer.Ordinal);
        var targets = (await store.ListDeliveriesAsync(id, cancellationToken)).Select(d => new TargetStanding(
            d.Delivery.TargetKey,
            d.Delivery.GroupCode is { } g ? groups.GetValueOrDefault(g)?.Name ?? g : people.GetValueOrDefault(d.Delivery.PersonId ?? "")?.Name ?? d.Delivery.PersonId ?? "",
            d.Delivery.Channel,
            StateOf(d),
            d.Attempts,
            d.Status is null ? d.Delivery.Error : d.Status == OutboxStatus.Sent ? null : d.LastError,
            d.SentAt)).ToList();
        var recipients = await store.ListRecipientsAsync(id, cancellationToken);
        var byUnit = recipients
            .GroupBy(r => r.UnitCode is { } u && units.ContainsKey(u) ? u : null)
            .OrderBy(g => g.Key is null ? int.MaxValue : units[g.Key].SortOrder)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new UnitStanding(
                g.Key,
                g.Key is null ? "其他人员（办公室、领导等）" : units[g.Key].Name,
                g.Count(),
                g.Count(r => r.AckedAt is not null),
                [.. g.Where(r => r.AckedAt is null).Select(r => new MissingPerson(r.PersonId, people.GetValueOrDefault(r.PersonId)?.Name ?? r.PersonId, r.Reminders, ProblemOf(r)))]))
            .ToList();
        var signer = circular.SignerId is { } s ? people.GetValueOrDefault(s)?.Name ?? s : null;
        return new CircularStanding(circular, kinds.Get(circular.Kind), signer, targets, byUnit, recipients.Count,
            recipients.Count(r => r.AckedAt is not null), await store.ListAttachmentsAsync(id, cancellationToken));
    }

    /// <summary>The channel a group is reached on.</summary>
    public static string ChannelOf(GroupKind kind) => kind == GroupKind.BotFrameworkConversation ? ChannelNames.BotFramework : ChannelNames.WeCom;

    /// <summary>True for office staff (办公室).</summary>
    public static bool IsOffice(Person person) => person is not null && person.Roles.HasFlag(Roles.OfficeStaff);

    /// <summary>Issues: resolves the targets, queues one message per group and per 1:1 person and a 收到 card per recipient, paced in waves.</summary>
    private async Task<(Circular Circular, IssueSummary Summary)> IssueAsync(
        IUnitOfWork work, ICircularStore store, Circular circular, DirectorySnapshot snapshot, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var id = circular.Id;
        var kind = kinds.Get(circular.Kind);
        var distribution = TargetResolver.Resolve(circular.Targets, snapshot, [circular.ComposedBy, circular.SignerId]);
        var attachments = await store.ListAttachmentsAsync(id, cancellationToken);
        var issued = circular with { Status = CircularStatus.Issued, IssuedAt = now, UpdatedAt = now };
        var pace = new Pace(now, options);
        var deliveries = new List<CircularDelivery>(distribution.Groups.Count + distribution.Direct.Count);
        var unreachable = 0;

        var groupMessage = messages.ForGroup(issued, kind, attachments, now);
        foreach (var group in distribution.Groups)
        {
            var channel = ChannelOf(group.Kind);
            var target = "group:" + group.Code;
            if (!enabled.Channels.Contains(channel))
            {
                deliveries.Add(new CircularDelivery(id, target, group.Code, null, channel, null, null, $"未启用{ChannelText(channel)}，无法发送到该群"));
                unreachable++;
                continue;
            }

            var key = Keys.Group(id, group.Code);
            await work.Outbox.EnqueueAsync(new OutboxItem(0, channel, group.Address, null, group.Code, groupMessage, key, now, NextAttemptAt: pace.Next()), cancellationToken);
            deliveries.Add(new CircularDelivery(id, target, group.Code, null, channel, group.Address, key, null));
        }

        var personMessage = messages.ForPerson(issued, kind, attachments, now);
        foreach (var person in distribution.Direct)
        {
            var key = Keys.Person(id, person.Id);
            var target = "person:" + person.Id;
            if (router.To(person, personMessage, now, key) is { } item)
            {
                await work.Outbox.EnqueueAsync(item with { NextAttemptAt = pace.Next() }, cancellationToken);
                deliveries.Add(new CircularDelivery(id, target, null, person.Id, item.Channel, item.Address, key, null));
            }
            else
            {
                deliveries.Add(new CircularDelivery(id, target, null, person.Id, null, null, null, "该人员在已启用的渠道上没有账号"));
                unreachable++;
            }
        }

        var cards = new Dictionary<string, OutboundMessage>(StringComparer.Ordinal);
        var recipients = new List<CircularRecipient>(distribution.Recipients.Count);
        foreach (var r in distribution.Recipients)
        {
            var via = r.ViaGroup ?? "";
            if (!cards.TryGetValue(via, out var card))
            {
                card = cards[via] = messages.AckCard(issued, kind, r.ViaGroup is null, attachments);
            }

            var key = Keys.Ack(id, r.Person.Id);
            var item = router.To(r.Person, card, now, key);
            if (item is not null)
            {
                await work.Outbox.EnqueueAsync(item with { NextAttemptAt = pace.Next() }, cancellationToken);
            }

            recipients.Add(new CircularRecipient(id, r.Person.Id, r.Person.UnitCode, r.ViaGroup, item is null ? null : key));
        }

        await store.AddDeliveriesAsync(deliveries, cancellationToken);
        await store.AddRecipientsAsync(recipients, cancellationToken);
        issued = issued with { NextReminderAt = recipients.Count == 0 ? null : planner.Plan(now).FirstOrDefault()?.At };
        await store.UpdateAsync(issued, cancellationToken);
        logger.LogInformation("Circular {Id} issued: {Groups} group(s), {Direct} person(s) 1:1, {Recipients} to acknowledge, {Unreachable} unreachable",
            id, distribution.Groups.Count, distribution.Direct.Count, recipients.Count, unreachable);
        return (issued, new IssueSummary(distribution.Groups.Count, distribution.Direct.Count, recipients.Count, unreachable, distribution.Notes));
    }

    /// <summary>Null when <paramref name="signer"/> may sign off or return circular <paramref name="id"/> now; else the refusal (audited when not the signer).</summary>
    public async Task<CircularOutcome?> CheckSignerAsync(IUnitOfWork work, long id, Person signer, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        (await CheckSignerAsync(Store(work), id, signer, now, "sign", cancellationToken)).Refusal;

    /// <summary>Writes a refused attempt to the audit log (e.g. a non-office person starting the compose dialog).</summary>
    public Task RecordRefusalAsync(IUnitOfWork work, long? id, Person by, DateTimeOffset now, string what, CancellationToken cancellationToken = default) =>
        RefuseAsync(Store(work), id, by, now, what, cancellationToken);

    private async Task<(Circular? Circular, CircularOutcome? Refusal)> CheckSignerAsync(
        ICircularStore store, long id, Person signer, DateTimeOffset now, string what, CancellationToken cancellationToken)
    {
        var circular = await store.FindAsync(id, cancellationToken);
        if (circular is null)
        {
            return (null, NotFound(id));
        }

        var kind = kinds.Get(circular.Kind);
        if (circular.SignerId != signer.Id)
        {
            await RefuseAsync(store, id, signer, now, what, cancellationToken);
            var named = circular.SignerId is { } s ? (await directory.FindPersonAsync(s, cancellationToken))?.Name ?? s : null;
            return (null, CircularOutcome.Fail(CircularErrorKind.Forbidden, "person", named is null
                ? $"这份{kind.Name}无需签发。"
                : $"这份{kind.Name}须由{named}签发，您无权处理。"));
        }

        return circular.Status == CircularStatus.PendingSignOff
            ? (circular, null)
            : (null, CircularOutcome.Fail(CircularErrorKind.Conflict, "status", await StateTextAsync(circular, cancellationToken)));
    }

    private async Task AfterAcknowledgedAsync(ICircularStore store, Circular circular, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (circular.NextReminderAt is not null && await store.CountUnacknowledgedAsync(circular.Id, cancellationToken) == 0)
        {
            var latest = await store.FindAsync(circular.Id, cancellationToken);
            await store.UpdateAsync(latest! with { NextReminderAt = null, UpdatedAt = now }, cancellationToken);
        }
    }

    /// <summary>Where a circular stands, as a sentence for someone who tried to act on it.</summary>
    private async Task<string> StateTextAsync(Circular c, CancellationToken cancellationToken)
    {
        var signer = c.SignerId is { } s ? (await directory.FindPersonAsync(s, cancellationToken))?.Name ?? s : "签发人";
        return c.Status switch
        {
            CircularStatus.Draft => $"{CircularMessages.Reference(c)}尚未发送。",
            CircularStatus.PendingSignOff => $"{CircularMessages.Reference(c)}已送{signer}签发，正在等待签发。",
            CircularStatus.Returned => $"{CircularMessages.Reference(c)}已被{signer}退回，请重新拟稿。",
            CircularStatus.Withdrawn => $"{CircularMessages.Reference(c)}已撤回。",
            _ => $"{CircularMessages.Reference(c)}已于{PeriodText.When(c.IssuedAt!.Value, office)}印发。",
        };
    }

    private static IEnumerable<CircularError> CheckText(string? title, string? body)
    {
        var t = title?.Trim() ?? "";
        if (t.Length == 0)
        {
            yield return new CircularError(CircularErrorKind.Invalid, "title", "标题不能为空。");
        }
        else if (t.Length > MaxTitleLength)
        {
            yield return new CircularError(CircularErrorKind.Invalid, "title", $"标题过长（最多{MaxTitleLength}字，现为{t.Length}字）。");
        }

        var b = body?.Trim() ?? "";
        if (b.Length == 0)
        {
            yield return new CircularError(CircularErrorKind.Invalid, "body", "正文不能为空。");
        }
        else if (b.Length > MaxBodyLength)
        {
            yield return new CircularError(CircularErrorKind.Invalid, "body", $"正文过长（最多{MaxBodyLength}字，现为{b.Length}字），较长的内容请作为附件发送。");
        }
    }

    private static DeliveryState StateOf(CircularDeliveryStatus d) => d.Status switch
    {
        null => DeliveryState.Unreachable,
        OutboxStatus.Sent => DeliveryState.Sent,
        OutboxStatus.Failed => DeliveryState.Failed,
        _ => d.LastError is null ? DeliveryState.Queued : DeliveryState.Retrying,
    };

    private static string? ProblemOf(CircularRecipient r) => r switch
    {
        { PromptKey: null } => "无可用渠道，确认消息未发出",
        { PromptStatus: OutboxStatus.Failed } => $"确认消息发送失败：{r.PromptError}",
        _ => null,
    };

    private static string ChannelText(string channel) => channel switch
    {
        ChannelNames.WeCom => "企业微信渠道",
        ChannelNames.BotFramework => "Bot Framework 渠道",
        _ => $"“{channel}”渠道",
    };

    private static string CleanFileName(string? fileName)
    {
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/')).Trim();
        name = new string([.. name.Where(c => !char.IsControl(c))]);
        return name.Length <= 200 ? name : name[^200..];
    }

    private static CircularOutcome NotFound(long id) =>
        CircularOutcome.Fail(CircularErrorKind.NotFound, "id", string.Create(CultureInfo.InvariantCulture, $"找不到编号为 #{id} 的通报。"));

    private async Task EnqueueAsync(IUnitOfWork work, Person to, OutboundMessage message, string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (router.To(to, message, now, key) is { } item)
        {
            await work.Outbox.EnqueueAsync(item, cancellationToken);
        }
        else
        {
            logger.LogWarning("No enabled channel reaches {Person}; {Key} not queued", to.Id, key);
        }
    }

    private static Task AuditAsync(ICircularStore store, long? id, string action, Person by, DateTimeOffset now, string? detail, CancellationToken cancellationToken) =>
        store.AuditAsync(new CircularAuditEntry(id, action, by.Id, now, detail), cancellationToken);

    private Task RefuseAsync(ICircularStore store, long? id, Person by, DateTimeOffset now, string what, CancellationToken cancellationToken)
    {
        logger.LogWarning("Circular {Id}: {Person} may not {What}", id, by.Id, what);
        return AuditAsync(store, id, CircularAuditActions.Refused, by, now, what, cancellationToken);
    }

    /// <summary>Outbox dedupe keys of circular messages: each message is queued once, whatever retries and re-runs happen.</summary>
    internal static class Keys
    {
        public static string Prefix(long id) => string.Create(CultureInfo.InvariantCulture, $"circular:{id}:");

        public static string Group(long id, string code) => Prefix(id) + "group:" + code;

        public static string Person(long id, string personId) => Prefix(id) + "person:" + personId;

        public static string Ack(long id, string personId) => Prefix(id) + "ack:" + personId;

        public static string Remind(long id, string step, string personId) => Prefix(id) + "remind:" + step + ":" + personId;

        public static string SignOff(long id, string signerId) => Prefix(id) + "signoff:" + signerId;

        public static string SignOffCopy(long id, string signerId) => Prefix(id) + "signoff-copy:" + signerId;

        public static string Notice(long id, string what, string personId) => Prefix(id) + what + ":" + personId;
    }

    /// <summary>Spreads one circular's messages over waves of <see cref="CircularOptions.DeliveryWaveSize"/>.</summary>
    internal sealed class Pace(DateTimeOffset start, CircularOptions options)
    {
        private int _count;

        public DateTimeOffset Next() => start + (options.DeliveryWaveInterval * (_count++ / Math.Max(1, options.DeliveryWaveSize)));
    }
}
