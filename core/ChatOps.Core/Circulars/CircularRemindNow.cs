using ChatOps.Core.Audit;

namespace ChatOps.Core.Circulars;

/// <summary>
/// 立即提醒: the office reminds, now, everyone who has not acknowledged an issued circular (the console's button), with
/// the same card the scheduled reminders send. One press is one reminder per person: the dedupe key carries the
/// minute, so a double click or a retried request does not send twice, and the person's reminder count grows as with
/// the scheduled ones. Office staff only. The cards are queued by <see cref="CircularScheduler"/>'s own reminder step
/// (worded for the group each person received the circular through), outside its plan. A refused attempt is audited
/// as the other office-only use cases' are.
/// </summary>
public sealed class CircularRemindNow(CircularService service, CircularScheduler scheduler, IDirectoryRepository directory)
{
    /// <summary>Queues the reminders in <paramref name="work"/>; returns how many people were reminded, or the refusal.</summary>
    public async Task<(int Reminded, string? Refusal)> RemindAsync(IUnitOfWork work, Actor actor, long id, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        var (circular, refusal) = await service.FindForOfficeAsync(actor, work, id, "remind", CircularText.OnlyOfficeReminds, now, cancellationToken);
        if (circular is null)
        {
            return (0, refusal!.ErrorText);
        }

        if (circular.Status != CircularStatus.Issued || circular.IssuedAt is null)
        {
            return (0, CircularText.NotIssuedYet);
        }

        var store = service.Store(work);
        var pending = (await store.ListRecipientsAsync(id, cancellationToken)).Where(r => r.AckedAt is null).ToList();
        if (pending.Count == 0)
        {
            return (0, CircularText.NobodyToRemind);
        }

        var step = "manual-" + now.ToUniversalTime().ToString("yyyyMMddHHmm", System.Globalization.CultureInfo.InvariantCulture);
        var reminded = await scheduler.QueueAsync(work, store, circular, step, pending, await directory.LoadAsync(cancellationToken), now, cancellationToken);
        await work.Audit.AppendAsync(AuditEntry.Of(now, actor.Id, "circular.remind", $"circular:{id}", $"{reminded}/{pending.Count}", actor.Source), cancellationToken);
        return (reminded, null);
    }
}
