namespace ChatOps.Core.Circulars;

/// <summary>Acknowledgement (收到) by any recipient, and the office's views: one circular's standing and the recent list.</summary>
public sealed partial class CircularService
{
    /// <summary>收到 for one circular (button or "收到 #id").</summary>
    public async Task<(CircularAckResult Result, Circular? Circular, DateTimeOffset? AckedAt)> AcknowledgeAsync(
        Actor actor, IUnitOfWork work, long id, AckMethod method, string channel, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var store = Store(work);
        var circular = await store.FindAsync(id, cancellationToken);
        if (circular is not { Status: CircularStatus.Issued })
        {
            return (CircularAckResult.NotFound, circular, null);
        }

        if (await store.AcknowledgeAsync(id, actor.Id, now, method, channel, cancellationToken))
        {
            await AfterAcknowledgedAsync(store, circular, now, cancellationToken);
            return (CircularAckResult.Acknowledged, circular, now);
        }

        var row = await store.FindRecipientAsync(id, actor.Id, cancellationToken);
        return row is null ? (CircularAckResult.NotRecipient, circular, null) : (CircularAckResult.Already, circular, row.AckedAt);
    }

    /// <summary>Typed 收到: acknowledges every issued circular the person has not acknowledged, most recent first.</summary>
    public async Task<IReadOnlyList<Circular>> AcknowledgeAllAsync(Actor actor, IUnitOfWork work, string channel, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var store = Store(work);
        var acknowledged = new List<Circular>();
        foreach (var circular in await store.ListUnacknowledgedAsync(actor.Id, cancellationToken))
        {
            if (await store.AcknowledgeAsync(circular.Id, actor.Id, now, AckMethod.Text, channel, cancellationToken))
            {
                await AfterAcknowledgedAsync(store, circular, now, cancellationToken);
                acknowledged.Add(circular);
            }
        }

        return acknowledged;
    }

    /// <summary>The circular <paramref name="actor"/> acknowledged last (to answer a thank-you after 收到), or null.</summary>
    public Task<Circular?> LastAcknowledgedAsync(Actor actor, IUnitOfWork work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return Store(work).FindLastAcknowledgedAsync(actor.Id, cancellationToken);
    }

    /// <summary>
    /// The office's view of one circular: delivery per target (from the outbox rows) and acknowledgement per unit, with
    /// who is missing (<see cref="CircularOutcome.Standing"/>). Office staff only.
    /// </summary>
    public async Task<CircularOutcome> StandingAsync(Actor actor, IUnitOfWork work, long id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!IsOffice(actor))
        {
            return CircularOutcome.Fail(CircularErrorKind.Forbidden, "person", CircularText.OnlyOfficeViews);
        }

        var store = Store(work);
        var circular = await store.FindAsync(id, cancellationToken);
        if (circular is null)
        {
            return NotFound(id);
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
                g.Key is null ? CircularText.OtherPeople : units[g.Key].Name,
                g.Count(),
                g.Count(r => r.AckedAt is not null),
                [.. g.Where(r => r.AckedAt is null).Select(r => new MissingPerson(r.PersonId, people.GetValueOrDefault(r.PersonId)?.Name ?? r.PersonId, r.Reminders, ProblemOf(r)))]))
            .ToList();
        var signer = circular.SignerId is { } s ? people.GetValueOrDefault(s)?.Name ?? s : null;
        var standing = new CircularStanding(circular, kinds.Get(circular.Kind), signer, targets, byUnit, recipients.Count,
            recipients.Count(r => r.AckedAt is not null), await store.ListAttachmentsAsync(id, cancellationToken));
        return new CircularOutcome(circular, []) { Standing = standing };
    }

    /// <summary>
    /// The most recent circulars issued or waiting for sign-off, newest first, each with its recipients and
    /// acknowledgements (<see cref="CircularOutcome.Recent"/>). Office staff only.
    /// </summary>
    public async Task<CircularOutcome> RecentAsync(Actor actor, IUnitOfWork work, int count, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!IsOffice(actor))
        {
            return CircularOutcome.Fail(CircularErrorKind.Forbidden, "person", CircularText.OnlyOfficeViews);
        }

        var store = Store(work);
        var recent = new List<CircularSummary>();
        foreach (var c in await store.ListRecentAsync(count, cancellationToken))
        {
            var recipients = await store.ListRecipientsAsync(c.Id, cancellationToken);
            recent.Add(new CircularSummary(c, recipients.Count, recipients.Count(r => r.AckedAt is not null)));
        }

        return new CircularOutcome(null, []) { Recent = recent };
    }

    private static async Task AfterAcknowledgedAsync(ICircularStore store, Circular circular, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (circular.NextReminderAt is not null && await store.CountUnacknowledgedAsync(circular.Id, cancellationToken) == 0)
        {
            var latest = await store.FindAsync(circular.Id, cancellationToken);
            await store.UpdateAsync(latest! with { NextReminderAt = null, UpdatedAt = now }, cancellationToken);
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
        { PromptKey: null } => CircularText.NoChannelForCard,
        { PromptStatus: OutboxStatus.Failed } => CircularText.CardFailed(r.PromptError),
        _ => null,
    };
}
