using ChatOps.Core.Audit;

namespace ChatOps.Core.Circulars;

/// <summary>Issuing (the messages, cards and rows of an issued circular) and what every use case shares: audit, refusals, outbox keys.</summary>
public sealed partial class CircularService
{
    /// <summary>The channel a group is reached on.</summary>
    public static string ChannelOf(GroupKind kind) => kind.Channel;

    /// <summary>Writes a refused attempt to the audit (e.g. a person outside the office calling the office API).</summary>
    public Task RecordRefusalAsync(Actor actor, IUnitOfWork work, long? id, DateTimeOffset now, string what, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return RefuseAsync(work, id, actor, now, what, cancellationToken);
    }

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

        var groupMessage = text.ForGroup(issued, kind, attachments, now);
        foreach (var group in distribution.Groups)
        {
            var channel = ChannelOf(group.Kind);
            var target = "group:" + group.Code;
            if (!enabled.Channels.Contains(channel))
            {
                deliveries.Add(new CircularDelivery(id, target, group.Code, null, channel, null, null, CircularText.ChannelDisabled(channel)));
                unreachable++;
                continue;
            }

            var key = Keys.Group(id, group.Code);
            await work.Outbox.EnqueueAsync(new OutboxItem(0, channel, group.Address, null, group.Code, groupMessage, key, now, NextAttemptAt: pace.Next()), cancellationToken);
            deliveries.Add(new CircularDelivery(id, target, group.Code, null, channel, group.Address, key, null));
        }

        var personMessage = text.ForPerson(issued, kind, attachments, now);
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
                deliveries.Add(new CircularDelivery(id, target, null, person.Id, null, null, null, CircularText.PersonUnreachable));
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
                card = cards[via] = text.AckCard(issued, kind, r.ViaGroup is null, attachments);
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

    /// <summary>Where a circular stands, as a sentence for someone who tried to act on it.</summary>
    private async Task<string> StateTextAsync(Circular c, CancellationToken cancellationToken)
    {
        var signer = c.SignerId is { } s ? (await directory.FindPersonAsync(s, cancellationToken))?.Name ?? s : CircularText.SignerFallback;
        return text.State(c, signer);
    }

    /// <summary>
    /// The circular an office-only use case acts on, or why it may not: not found, or the actor is not office staff
    /// (then the attempt, <paramref name="what"/>, is audited and <paramref name="refusal"/> is the answer).
    /// </summary>
    internal async Task<(Circular? Circular, CircularOutcome? Refusal)> FindForOfficeAsync(
        Actor actor, IUnitOfWork work, long id, string what, string refusal, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var circular = await Store(work).FindAsync(id, cancellationToken);
        if (circular is null)
        {
            return (null, NotFound(id));
        }

        if (!IsOffice(actor))
        {
            await RefuseAsync(work, id, actor, now, what, cancellationToken);
            return (null, CircularOutcome.Fail(CircularErrorKind.Forbidden, "person", refusal));
        }

        return (circular, null);
    }

    private static CircularOutcome NotFound(long id) => CircularOutcome.Fail(CircularErrorKind.NotFound, "id", CircularText.NotFound(id));

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

    /// <summary>
    /// One change, two lines in the same transaction: the circular's own history (<c>circular_audit</c>, the API's
    /// <c>/audit</c>) and the office's audit log (<c>circular.created</c>, … with where the actor acted from).
    /// </summary>
    private async Task AuditAsync(IUnitOfWork work, long? id, string action, Actor actor, DateTimeOffset now, string? detail, CancellationToken cancellationToken)
    {
        await Store(work).AuditAsync(new CircularAuditEntry(id, action, actor.Id, now, detail), cancellationToken);
        var subject = id is { } circularId ? string.Create(CultureInfo.InvariantCulture, $"circular:{circularId}") : "";
        await work.Audit.AppendAsync(AuditEntry.Of(now, actor.Id, "circular." + action, subject, detail ?? "", actor.Source), cancellationToken);
    }

    private Task RefuseAsync(IUnitOfWork work, long? id, Actor actor, DateTimeOffset now, string what, CancellationToken cancellationToken)
    {
        logger.LogWarning("Circular {Id}: {Person} may not {What}", id, actor.Id, what);
        return AuditAsync(work, id, CircularAuditActions.Refused, actor, now, what, cancellationToken);
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
