using ChatOps.Core.Audit;
using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;

namespace ChatOps.Core.Circulars;

/// <summary>
/// 立即提醒: the office reminds, now, everyone who has not acknowledged an issued circular (the console's button), with
/// the same card the scheduled reminders send. One press is one reminder per person: the dedupe key carries the
/// minute, so a double click or a retried request does not send twice, and the person's reminder count grows as with
/// the scheduled ones. Office staff only. Kept beside <see cref="CircularScheduler"/> without touching its plan.
/// </summary>
public sealed class CircularRemindNow(ICircularStoreFactory stores, CircularKinds kinds, CircularText text, RecipientRouter router, IDirectoryRepository directory)
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

        var snapshot = await directory.LoadAsync(cancellationToken);
        var people = snapshot.People.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var card = text.Reminder(circular, kinds.Get(circular.Kind), null);
        var step = "manual-" + now.ToUniversalTime().ToString("yyyyMMddHHmm", System.Globalization.CultureInfo.InvariantCulture);
        var reminded = new List<string>();
        foreach (var r in pending)
        {
            if (people.TryGetValue(r.PersonId, out var person) &&
                router.To(person, card, now, CircularService.Keys.Remind(id, step, person.Id)) is { } item &&
                await work.Outbox.EnqueueAsync(item, cancellationToken))
            {
                reminded.Add(person.Id);
            }
        }

        await store.MarkRemindedAsync(id, reminded, now, cancellationToken);
        await work.Audit.AppendAsync(AuditEntry.Of(now, actor.Id, "circular.remind", $"circular:{id}", $"{reminded.Count}/{pending.Count}", actor.Source), cancellationToken);
        return (reminded.Count, null);
    }
}
