using ChatOps.Core.Reports;

namespace ChatOps.Core.Circulars;

/// <summary>The office's management of a circular: stop reminders or withdraw, resend what failed, attach files.</summary>
public sealed partial class CircularService
{
    /// <summary>
    /// 停止提醒: an issued circular stops reminding (acknowledgements are still accepted); a draft or a circular waiting
    /// for sign-off is withdrawn (撤回) and its number released. Office staff only.
    /// </summary>
    public async Task<CircularOutcome> StopAsync(Actor actor, IUnitOfWork work, long id, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var (circular, refusal) = await FindForOfficeAsync(actor, work, id, "stop", CircularText.OnlyOfficeStops, now, cancellationToken);
        if (circular is null)
        {
            return refusal!;
        }

        var store = Store(work);

        switch (circular.Status)
        {
            case CircularStatus.Issued when circular.RemindersStoppedAt is not null:
                return CircularOutcome.Fail(CircularErrorKind.Conflict, "status",
                    CircularText.AlreadyStopped(circular, PeriodText.When(circular.RemindersStoppedAt.Value, office)));
            case CircularStatus.Issued:
                var stopped = circular with { RemindersStoppedAt = now, RemindersStoppedBy = actor.Id, NextReminderAt = null, UpdatedAt = now };
                await store.UpdateAsync(stopped, cancellationToken);
                await AuditAsync(work, id, CircularAuditActions.RemindersStopped, actor, now, null, cancellationToken);
                var missing = await store.CountUnacknowledgedAsync(id, cancellationToken);
                return new CircularOutcome(stopped, [], CircularText.Stopped(circular, missing));
            case CircularStatus.Draft or CircularStatus.PendingSignOff:
                var withdrawn = circular with { Status = CircularStatus.Withdrawn, Comment = CircularText.WithdrawnBy(actor.Name), UpdatedAt = now };
                await store.UpdateAsync(withdrawn, cancellationToken);
                await AuditAsync(work, id, CircularAuditActions.Withdrawn, actor, now, null, cancellationToken);
                if (circular.Status == CircularStatus.PendingSignOff && circular.SignerId is { } signerId &&
                    await directory.FindPersonAsync(signerId, cancellationToken) is { } signer)
                {
                    await EnqueueAsync(work, signer, OutboundMessage.Plain(CircularText.WithdrawnToSigner(circular, signer.Name, actor.Name)),
                        Keys.Notice(id, "withdrawn", signer.Id), now, cancellationToken);
                }

                return new CircularOutcome(withdrawn, [], CircularText.Withdrawn(circular));
            default:
                return CircularOutcome.Fail(CircularErrorKind.Conflict, "status", await StateTextAsync(circular, cancellationToken));
        }
    }

    /// <summary>
    /// 重发: queues again every delivery and acknowledgement card that failed for good or could not be queued (after the
    /// office fixed the directory or the channel). Transient failures are retried by the dispatcher on its own.
    /// Returns how many messages were queued. Office staff only.
    /// </summary>
    public async Task<(int Queued, CircularOutcome Outcome)> ResendFailedAsync(Actor actor, IUnitOfWork work, long id, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var (circular, refusal) = await FindForOfficeAsync(actor, work, id, "resend", CircularText.OnlyOfficeResends, now, cancellationToken);
        if (circular is null)
        {
            return (0, refusal!);
        }

        var store = Store(work);

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
                    text.ForGroup(circular, kind, attachments, circular.IssuedAt!.Value), Keys.Prefix(id) + key, now);
            }
            else if (d.Delivery.PersonId is { } pid && people.TryGetValue(pid, out var person))
            {
                item = router.To(person, text.ForPerson(circular, kind, attachments, circular.IssuedAt!.Value), now, Keys.Prefix(id) + key);
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

            var card = text.AckCard(circular, kind, r.ViaGroup is null, attachments);
            if (router.To(person, card, now, $"{Keys.Ack(id, person.Id)}:resend:{stamp}") is { } item &&
                await work.Outbox.EnqueueAsync(item with { NextAttemptAt = pace.Next() }, cancellationToken))
            {
                await store.UpdatePromptAsync(id, person.Id, item.DedupeKey, cancellationToken);
                queued++;
            }
        }

        await AuditAsync(work, id, CircularAuditActions.Resent, actor, now, CircularText.ResentDetail(queued), cancellationToken);
        return (queued, new CircularOutcome(circular, [], CircularText.Resent(circular, queued)));
    }

    /// <summary>Attaches a file to a draft. Office staff only; the file is stored in the database with its SHA-256.</summary>
    public async Task<(CircularAttachment? Attachment, CircularOutcome Outcome)> AttachAsync(
        Actor actor, IUnitOfWork work, long id, string fileName, string? contentType, byte[] content, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var (circular, refusal) = await FindForOfficeAsync(actor, work, id, "attach", CircularText.OnlyOfficeAttaches, now, cancellationToken);
        if (circular is null)
        {
            return (null, refusal!);
        }

        var store = Store(work);

        if (circular.Status != CircularStatus.Draft)
        {
            return (null, CircularOutcome.Fail(CircularErrorKind.Conflict, "status", CircularText.OnlyDraftsTakeFiles(await StateTextAsync(circular, cancellationToken))));
        }

        var name = Files.CleanName(fileName);
        if (name.Length == 0)
        {
            return (null, CircularOutcome.Fail(CircularErrorKind.Invalid, "file", CircularText.FileNameMissing));
        }

        if (content.Length == 0)
        {
            return (null, CircularOutcome.Fail(CircularErrorKind.Invalid, "file", CircularText.FileEmpty));
        }

        if (content.Length > options.MaxAttachmentBytes)
        {
            return (null, CircularOutcome.Fail(CircularErrorKind.Invalid, "file", CircularText.FileTooLarge(options.MaxAttachmentBytes, content.Length)));
        }

        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
        var attachment = new CircularAttachment(0, id, name, string.IsNullOrWhiteSpace(contentType) ? "application/octet-stream" : contentType.Trim(),
            content.Length, hash, actor.Id, now);
        attachment = attachment with { Id = await store.AddAttachmentAsync(attachment, content, cancellationToken) };
        await AuditAsync(work, id, CircularAuditActions.Attached, actor, now, CircularText.AttachedDetail(name, content.Length, hash), cancellationToken);
        return (attachment, new CircularOutcome(circular, [], CircularText.Attached(name)));
    }
}
