using ChatOps.Core.Audit;
using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;

namespace ChatOps.Core.Circulars;

/// <summary>
/// 立即提醒: the office reminds, now, everyone who has not acknowledged an issued circular (the console's button), with
/// the same card the scheduled reminders send. One press is one reminder per person: the dedupe key carries the
/// minute, so a double click or a retried request does not send twice, and the person's reminder count grows as with
/// the scheduled ones. Office staff only. The cards are queued by <see cref="CircularScheduler"/>'s own reminder step
/// (worded for the group each person received the circular through), outside its plan.
/// </summary>
public sealed class CircularRemindNow(ICircularStoreFactory stores, CircularScheduler scheduler, IDirectoryRepository directory)
{
    /// <summary>Queues the reminders in <paramref name="work"/>; returns how many people were reminded, or the refusal.</summary>
    public async Task<(int Reminded, string? Refusal)> RemindAsync(IUnitOfWork work, Actor actor, long id, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.Has(Roles.OfficeStaff))
        {
            return (0, "只有领导小组办公室人员可以提醒未回执人员。");
        }

        var store = stores.For(work);
        var circular = await store.FindAsync(id, cancellationToken);
        if (circular is null)
        {
            return (0, $"找不到编号为 {id} 的通报。");
        }

        if (circular.Status != CircularStatus.Issued || circular.IssuedAt is null)
        {
            return (0, "该通报尚未印发，不能提醒。");
        }

        var pending = (await store.ListRecipientsAsync(id, cancellationToken)).Where(r => r.AckedAt is null).ToList();
        if (pending.Count == 0)
        {
            return (0, "所有人员均已回执，无需提醒。");
        }

        var step = "manual-" + now.ToUniversalTime().ToString("yyyyMMddHHmm", System.Globalization.CultureInfo.InvariantCulture);
        var reminded = await scheduler.QueueAsync(work, store, circular, step, pending, await directory.LoadAsync(cancellationToken), now, cancellationToken);
        await work.Audit.AppendAsync(AuditEntry.Of(now, actor.Id, "circular.remind", $"circular:{id}", $"{reminded}/{pending.Count}", actor.Source), cancellationToken);
        return (reminded, null);
    }
}
