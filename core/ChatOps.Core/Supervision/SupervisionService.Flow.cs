using ChatOps.Core.Audit;

namespace ChatOps.Core.Supervision;

/// <summary>The life cycle of an item: report → verify → close or return; more time asked and decided.</summary>
public sealed partial class SupervisionService
{
    /// <summary>Why the actor may not report on the item (null: may). Used by the chat before asking for the text.</summary>
    public async Task<string?> CheckReporterAsync(IUnitOfWork work, Actor actor, long id, CancellationToken cancellationToken = default)
    {
        var (item, refusal) = await FindVisibleAsync(stores.For(work), actor, id, cancellationToken);
        return item is null ? refusal
            : !await IsResponsibleAsync(actor, item, cancellationToken) ? SupervisionText.NotYours
            : item.Status == ItemStatus.Closed ? SupervisionText.AlreadyClosed
            : null;
    }

    /// <summary>Why the actor may not verify the item (null: may).</summary>
    public async Task<string?> CheckVerifierAsync(IUnitOfWork work, Actor actor, long id, CancellationToken cancellationToken = default)
    {
        var store = stores.For(work);
        var item = await store.FindItemAsync(id, cancellationToken);
        return item is null ? SupervisionText.NotFound
            : !await CanVerifyAsync(store, actor, item, cancellationToken) ? (item.Kind == SupervisionKind.Task ? SupervisionText.OnlyOfficeVerifies : SupervisionText.OnlyVerifier)
            : item.Status == ItemStatus.Closed ? SupervisionText.AlreadyClosed
            : null;
    }

    /// <summary>
    /// The responsible unit reports: progress (<paramref name="done"/> false, recorded only) or rectification / completion
    /// (status 待核验, the verifiers get it with 销号 / 退回整改 buttons), with the list of the photos attached to the item (<paramref name="photos"/>).
    /// </summary>
    public async Task<SupervisionOutcome> ReportAsync(
        IUnitOfWork work, Actor actor, long id, string text, bool done, DateTimeOffset now, CancellationToken cancellationToken = default,
        IReadOnlyList<Attachments.StoredAttachment>? photos = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (await CheckReporterAsync(work, actor, id, cancellationToken) is { } refusal)
        {
            return SupervisionOutcome.Refused(refusal);
        }

        if (CheckText(text) is { } bad)
        {
            return SupervisionOutcome.Refused(bad);
        }

        var store = stores.For(work);
        var item = (await store.FindItemAsync(id, cancellationToken))!;
        var snapshot = await directory.LoadAsync(cancellationToken);
        var unitName = UnitName(snapshot, item.UnitCode);
        await store.AddEntryAsync(new SupervisionEntry(0, id, done ? "rectified" : "progress", actor.Id, text.Trim(), now), cancellationToken);
        await AuditAsync(work, actor, now, done ? "supervision.rectified" : "supervision.progress", id, text.Trim(), cancellationToken);
        if (!done)
        {
            await store.UpdateItemAsync(item with { UpdatedAt = now }, cancellationToken);
            return new SupervisionOutcome(true, SupervisionText.ProgressOutcome(item), item.ForUnits());
        }

        item = item with { Status = ItemStatus.Submitted, UpdatedAt = now };
        await store.UpdateItemAsync(item, cancellationToken);
        var card = SupervisionText.VerifyCard(item.ForUnits(), unitName, text.Trim(), Attachments.AttachmentText.Section(photos ?? []));
        foreach (var verifier in await VerifiersAsync(store, item, snapshot, cancellationToken))
        {
            await NotifyAsync(work, verifier, card, now, null, cancellationToken);
        }

        return new SupervisionOutcome(true, SupervisionText.ReportedOutcome(item), item.ForUnits());
    }

    /// <summary>The responsible unit asks for a later deadline with a reason; the verifiers decide.</summary>
    public async Task<SupervisionOutcome> RequestExtensionAsync(IUnitOfWork work, Actor actor, long id, DateOnly to, string reason, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (await CheckReporterAsync(work, actor, id, cancellationToken) is { } refusal)
        {
            return SupervisionOutcome.Refused(refusal);
        }

        var store = stores.For(work);
        var item = (await store.FindItemAsync(id, cancellationToken))!;
        if (to <= item.Deadline || to < Today(now))
        {
            return SupervisionOutcome.Refused(SupervisionText.ExtensionTooEarly(item));
        }

        if (CheckText(reason) is { } bad)
        {
            return SupervisionOutcome.Refused(bad);
        }

        var snapshot = await directory.LoadAsync(cancellationToken);
        item = item with { RequestedDeadline = to, ExtensionReason = reason.Trim(), UpdatedAt = now };
        await store.UpdateItemAsync(item, cancellationToken);
        await store.AddEntryAsync(new SupervisionEntry(0, id, "extension-requested", actor.Id, SupervisionText.ExtensionEntry(to, reason.Trim()), now), cancellationToken);
        await AuditAsync(work, actor, now, "supervision.extension-request", id, $"{to:yyyy-MM-dd} {reason.Trim()}", cancellationToken);
        var card = SupervisionText.ExtensionCard(item.ForUnits(), UnitName(snapshot, item.UnitCode), to, reason.Trim());
        foreach (var verifier in await VerifiersAsync(store, item, snapshot, cancellationToken))
        {
            await NotifyAsync(work, verifier, card, now, null, cancellationToken);
        }

        return new SupervisionOutcome(true, SupervisionText.ExtensionRequestedOutcome(id, to), item.ForUnits());
    }

    /// <summary>The verifier approves (the deadline moves, escalation starts over) or refuses a pending extension.</summary>
    public async Task<SupervisionOutcome> DecideExtensionAsync(IUnitOfWork work, Actor actor, long id, bool approve, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (await CheckVerifierAsync(work, actor, id, cancellationToken) is { } refusal)
        {
            return SupervisionOutcome.Refused(refusal);
        }

        var store = stores.For(work);
        var item = (await store.FindItemAsync(id, cancellationToken))!;
        if (item.RequestedDeadline is not { } to)
        {
            return SupervisionOutcome.Refused(SupervisionText.NoExtensionPending);
        }

        var decided = approve
            ? item with { Deadline = to, RequestedDeadline = null, ExtensionReason = null, EscalationLevel = 0, EscalatedAt = null, UpdatedAt = now }
            : item with { RequestedDeadline = null, ExtensionReason = null, UpdatedAt = now };
        await store.UpdateItemAsync(decided, cancellationToken);
        await store.AddEntryAsync(new SupervisionEntry(0, id, approve ? "extension-approved" : "extension-refused", actor.Id, SupervisionText.Date(to), now), cancellationToken);
        await AuditAsync(work, actor, now, approve ? "supervision.extension-approve" : "supervision.extension-refuse", id, $"{to:yyyy-MM-dd}", cancellationToken);
        var snapshot = await directory.LoadAsync(cancellationToken);
        await NotifyAsync(work, Liaison(snapshot, item.UnitCode), OutboundMessage.Plain(SupervisionText.ExtensionDecided(decided, approve, to)), now, null, cancellationToken);
        return new SupervisionOutcome(true, SupervisionText.ExtensionDecidedOutcome(id, approve, to), decided);
    }

    /// <summary>The verifier closes (销号) an item the unit reported done. Nothing closes otherwise.</summary>
    public async Task<SupervisionOutcome> CloseAsync(IUnitOfWork work, Actor actor, long id, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (await CheckVerifierAsync(work, actor, id, cancellationToken) is { } refusal)
        {
            return SupervisionOutcome.Refused(refusal);
        }

        var store = stores.For(work);
        var item = (await store.FindItemAsync(id, cancellationToken))!;
        if (item.Status != ItemStatus.Submitted)
        {
            return SupervisionOutcome.Refused(SupervisionText.NotSubmitted);
        }

        item = item with { Status = ItemStatus.Closed, ClosedBy = actor.Id, ClosedAt = now, RequestedDeadline = null, ExtensionReason = null, UpdatedAt = now };
        await store.UpdateItemAsync(item, cancellationToken);
        await store.AddEntryAsync(new SupervisionEntry(0, id, "closed", actor.Id, SupervisionText.ClosedEntry, now), cancellationToken);
        await AuditAsync(work, actor, now, "supervision.close", id, item.Description, cancellationToken);
        var snapshot = await directory.LoadAsync(cancellationToken);
        await NotifyAsync(work, Liaison(snapshot, item.UnitCode), OutboundMessage.Plain(SupervisionText.Closed(item)), now, null, cancellationToken);
        return new SupervisionOutcome(true, SupervisionText.ClosedOutcome(id), item);
    }

    /// <summary>The verifier returns an item with a comment: it is open again and the unit is told why.</summary>
    public async Task<SupervisionOutcome> ReturnAsync(IUnitOfWork work, Actor actor, long id, string comment, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (await CheckVerifierAsync(work, actor, id, cancellationToken) is { } refusal)
        {
            return SupervisionOutcome.Refused(refusal);
        }

        if (CheckText(comment) is { } bad)
        {
            return SupervisionOutcome.Refused(bad);
        }

        var store = stores.For(work);
        var item = (await store.FindItemAsync(id, cancellationToken))! with { Status = ItemStatus.Open, UpdatedAt = now };
        await store.UpdateItemAsync(item, cancellationToken);
        await store.AddEntryAsync(new SupervisionEntry(0, id, "returned", actor.Id, comment.Trim(), now), cancellationToken);
        await AuditAsync(work, actor, now, "supervision.return", id, comment.Trim(), cancellationToken);
        var snapshot = await directory.LoadAsync(cancellationToken);
        await NotifyAsync(work, Liaison(snapshot, item.UnitCode), OutboundMessage.Plain(SupervisionText.Returned(item, comment.Trim())), now, null, cancellationToken);
        return new SupervisionOutcome(true, SupervisionText.ReturnedOutcome(id), item);
    }

    /// <summary>Who verifies an item: the office for tasks, the unit's assigned 督战组 for problems and complaints.</summary>
    internal async Task<IReadOnlyList<Person>> VerifiersAsync(ISupervisionStore store, SupervisionItem item, DirectorySnapshot snapshot, CancellationToken cancellationToken)
    {
        if (item.Kind == SupervisionKind.Task)
        {
            return [.. snapshot.People.Where(p => p.Roles.HasFlag(Roles.OfficeStaff))];
        }

        var assigned = (await store.ListAssignmentsAsync(cancellationToken)).Where(a => a.UnitCode == item.UnitCode).Select(a => a.PersonId).ToHashSet(StringComparer.Ordinal);
        return [.. snapshot.People.Where(p => assigned.Contains(p.Id) && p.Roles.HasFlag(Roles.Supervisor))];
    }

    private async Task<bool> CanVerifyAsync(ISupervisionStore store, Actor actor, SupervisionItem item, CancellationToken cancellationToken) =>
        item.Kind == SupervisionKind.Task
            ? actor.Has(Roles.OfficeStaff)
            : actor.Has(Roles.Supervisor) && (await store.ListAssignmentsAsync(cancellationToken)).Contains((item.UnitCode, actor.Id));

    private async Task<bool> IsResponsibleAsync(Actor actor, SupervisionItem item, CancellationToken cancellationToken) =>
        (await directory.ListReportingUnitsAsync(actor.Id, cancellationToken)).Any(u => u.Code == item.UnitCode);

    private async Task<HashSet<string>> VisibleUnitsAsync(ISupervisionReads store, Actor actor, CancellationToken cancellationToken)
    {
        var units = (await directory.ListReportingUnitsAsync(actor.Id, cancellationToken)).Select(u => u.Code).ToHashSet(StringComparer.Ordinal);
        if (actor.Has(Roles.Supervisor))
        {
            units.UnionWith((await store.ListAssignmentsAsync(cancellationToken)).Where(a => a.PersonId == actor.Id).Select(a => a.UnitCode));
        }

        return units;
    }

    /// <summary>The item when <paramref name="actor"/> may see it (for a unit, without the reporter), else why not.</summary>
    internal async Task<(SupervisionItem? Item, string? Refusal)> FindVisibleAsync(ISupervisionReads store, Actor actor, long id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var item = await store.FindItemAsync(id, cancellationToken);
        if (item is null)
        {
            return (null, SupervisionText.NotFound);
        }

        if (actor.Has(Roles.OfficeStaff))
        {
            return (item, null);
        }

        return (await VisibleUnitsAsync(store, actor, cancellationToken)).Contains(item.UnitCode) ? (item.ForUnits(), null) : (null, SupervisionText.NotYours);
    }

    private static string? CheckText(string? text) =>
        string.IsNullOrWhiteSpace(text) ? SupervisionText.EmptyText : text.Trim().Length > MaxText ? SupervisionText.TooLong : null;

    internal static string UnitName(DirectorySnapshot snapshot, string code) => snapshot.Units.FirstOrDefault(u => u.Code == code)?.Name ?? code;

    internal static Person? Liaison(DirectorySnapshot snapshot, string unitCode) =>
        snapshot.LiaisonsByUnit().TryGetValue(unitCode, out var id) ? snapshot.People.FirstOrDefault(p => p.Id == id) : null;

    internal async Task NotifyAsync(IUnitOfWork work, Person? to, OutboundMessage message, DateTimeOffset now, string? dedupeKey, CancellationToken cancellationToken)
    {
        if (to is not null && router.To(to, message with { Text = SupervisionText.Address(message.Kind == OutboundKind.Markdown ? MarkdownText.Escape(to.Name) : to.Name) + message.Text }, now, dedupeKey) is { } item)
        {
            await work.Outbox.EnqueueAsync(item, cancellationToken);
        }
    }

    private static Task AuditAsync(IUnitOfWork work, Actor actor, DateTimeOffset now, string action, long id, string detail, CancellationToken cancellationToken) =>
        work.Audit.AppendAsync(AuditEntry.Of(now, actor.Id, action, $"supervision:{id}", detail.Length > 500 ? detail[..500] : detail, actor.Source), cancellationToken);
}
