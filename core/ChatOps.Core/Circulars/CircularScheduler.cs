namespace ChatOps.Core.Circulars;

/// <summary>
/// Reminds the people who have not acknowledged a circular, on the plan of <see cref="ReminderPlanner"/>, until they
/// acknowledge or the office stops it. A Quartz job calls <see cref="RunDueAsync"/> every minute; each circular is
/// handled in its own transaction that records the step done (unique per circular and step) before queueing its
/// messages, each with a dedupe key, so a reminder is sent once across re-runs, restarts and instances. Catching up
/// after downtime sends only the latest due step, and only within office hours (otherwise it is recorded as skipped and
/// the next morning's reminder follows). Each run costs one indexed query when nothing is due.
/// </summary>
public sealed class CircularScheduler(
    IUnitOfWorkFactory units,
    ICircularStoreFactory stores,
    IDirectoryRepository directory,
    CircularKinds kinds,
    ReminderPlanner planner,
    CircularText text,
    RecipientRouter router,
    ILogger<CircularScheduler> logger) : IDueWork
{
    /// <inheritdoc/>
    public string Name => "circulars";

    /// <summary>Circulars looked at per run; the rest wait for the next minute.</summary>
    public const int BatchSize = 100;

    /// <summary>Queues the reminders due at <paramref name="now"/>; returns how many messages were queued.</summary>
    public async Task<int> RunDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<Circular> due;
        await using (var work = await units.BeginAsync(cancellationToken))
        {
            due = await stores.For(work).ListDueForReminderAsync(now, BatchSize, cancellationToken);
        }

        if (due.Count == 0)
        {
            return 0;
        }

        var snapshot = await directory.LoadAsync(cancellationToken);
        var queued = 0;
        List<Exception>? failures = null;
        foreach (var circular in due)
        {
            try
            {
                queued += await RemindAsync(circular.Id, snapshot, now, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Reminders of circular {Id} failed at {Now:o}", circular.Id, now);
                (failures ??= []).Add(ex);
            }
        }

        return failures is null ? queued : throw new AggregateException("Some circular reminders could not be queued.", failures);
    }

    private async Task<int> RemindAsync(long id, DirectorySnapshot snapshot, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var work = await units.BeginAsync(cancellationToken);
        var store = stores.For(work);
        var circular = await store.FindAsync(id, cancellationToken);
        if (circular is not { Status: CircularStatus.Issued, RemindersStoppedAt: null, NextReminderAt: { } next, IssuedAt: { } issuedAt } || next > now)
        {
            return 0;
        }

        var plan = planner.Plan(issuedAt);
        var due = plan.Where(s => s.At <= now).ToList();
        var pending = (await store.ListRecipientsAsync(id, cancellationToken)).Where(r => r.AckedAt is null).ToList();
        var queued = 0;
        if (due.Count > 0 && pending.Count > 0 && await store.TryMarkReminderDoneAsync(id, due[^1].Key, now, cancellationToken))
        {
            var step = due[^1];
            foreach (var earlier in due.Take(due.Count - 1))
            {
                await store.TryMarkReminderDoneAsync(id, earlier.Key, now, cancellationToken);
            }

            if (planner.InOfficeHours(now) || now - step.At < TimeSpan.FromMinutes(30))
            {
                queued = await QueueAsync(work, store, circular, step.Key, pending, snapshot, now, cancellationToken);
            }
            else
            {
                logger.LogInformation("Circular {Id}: reminder {Step} (due {At:o}) caught up outside office hours; skipped", id, step.Key, step.At);
            }
        }

        var following = pending.Count == 0 ? null : plan.FirstOrDefault(s => s.At > now)?.At;
        await store.UpdateAsync(circular with { NextReminderAt = following, UpdatedAt = now }, cancellationToken);
        await work.CommitAsync(cancellationToken);
        return queued;
    }

    /// <summary>
    /// Queues the reminder card to everyone in <paramref name="pending"/> (worded for the group it reached them through)
    /// and records them as reminded; the scheduled steps and the console's 立即提醒 both go through here.
    /// </summary>
    internal async Task<int> QueueAsync(
        IUnitOfWork work, ICircularStore store, Circular circular, string stepKey, IReadOnlyList<CircularRecipient> pending, DirectorySnapshot snapshot,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var kind = kinds.Get(circular.Kind);
        var people = snapshot.People.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var delivered = (await store.ListDeliveriesAsync(circular.Id, cancellationToken))
            .Where(d => d.Status == OutboxStatus.Sent && d.Delivery.GroupCode is not null).Select(d => d.Delivery.GroupCode!).ToHashSet(StringComparer.Ordinal);
        var groups = snapshot.Groups.Where(g => delivered.Contains(g.Code)).ToDictionary(g => g.Code, g => g.Name, StringComparer.Ordinal);
        var cards = new Dictionary<string, OutboundMessage>(StringComparer.Ordinal);
        var reminded = new List<string>(pending.Count);
        foreach (var r in pending)
        {
            if (!people.TryGetValue(r.PersonId, out var person))
            {
                continue;
            }

            var via = r.ViaGroup ?? "";
            if (!cards.TryGetValue(via, out var card))
            {
                card = cards[via] = text.Reminder(circular, kind, r.ViaGroup is null ? null : groups.GetValueOrDefault(r.ViaGroup));
            }

            if (router.To(person, card, now, CircularService.Keys.Remind(circular.Id, stepKey, person.Id)) is { } item &&
                await work.Outbox.EnqueueAsync(item, cancellationToken))
            {
                reminded.Add(person.Id);
            }
        }

        await store.MarkRemindedAsync(circular.Id, reminded, now, cancellationToken);
        logger.LogInformation("Circular {Id}: reminder {Step} queued for {Count} of {Pending} who have not acknowledged", circular.Id, stepKey, reminded.Count, pending.Count);
        return reminded.Count;
    }
}
