using ChatOps.Core.Reports;

namespace ChatOps.Core.Circulars;

/// <summary>
/// The circular use cases, written once and called by the chat dialog, the HTTP API and the office console: compose
/// (with its number), send for sign-off or issue, sign off or return, stop reminders or withdraw, acknowledge, resend
/// failed deliveries, attach files, and the office's view of who has acknowledged. Each method takes the acting person
/// (<see cref="Actor"/>), checks permission itself (only office staff compose, send, stop, resend, attach and view;
/// only the named signer signs off or returns) and works inside the caller's unit of work: the circular's rows, its
/// audit lines (the circular's own history and the office's audit log, with where the actor acted from) and the
/// outbox rows commit together. The use cases live in the partial files by theme: composing and sending (this file),
/// sign-off, the office's management (stop, resend, attach), acknowledgement and views, and issuing.
/// </summary>
public sealed partial class CircularService(
    ICircularStoreFactory stores,
    IDirectoryRepository directory,
    CircularKinds kinds,
    SignOffRules signOff,
    ReminderPlanner planner,
    CircularText text,
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
    public CircularText Text => text;

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
            return CircularText.NumberTaken(CircularNumbering.Normalize(number), await store.FindAsync(id, cancellationToken),
                await SuggestNumberAsync(work, kind, now, cancellationToken));
        }

        return null;
    }

    /// <summary>A title's problem (empty, too long), or null when it will do.</summary>
    public static string? CheckTitle(string? title)
    {
        var t = title?.Trim() ?? "";
        return t.Length == 0 ? CircularText.TitleEmpty : t.Length > MaxTitleLength ? CircularText.TitleTooLong(MaxTitleLength, t.Length) : null;
    }

    /// <summary>A body's problem (empty, too long), or null when it will do.</summary>
    public static string? CheckBody(string? body)
    {
        var b = body?.Trim() ?? "";
        return b.Length == 0 ? CircularText.BodyEmpty : b.Length > MaxBodyLength ? CircularText.BodyTooLong(MaxBodyLength, b.Length) : null;
    }

    /// <summary>The people who may sign off a document of the kind, from the current directory.</summary>
    public async Task<IReadOnlyList<Person>> SignerCandidatesAsync(CircularKind kind, bool major, CancellationToken cancellationToken = default) =>
        signOff.Candidates(kind, major, await directory.LoadAsync(cancellationToken));

    /// <summary>
    /// May <paramref name="actor"/> start composing? Null when they may (office staff); else the refusal, written to the
    /// circulars' audit as a refused attempt (the chat dialog asks before it asks anything else).
    /// </summary>
    public async Task<CircularOutcome?> CheckComposerAsync(Actor actor, IUnitOfWork work, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (IsOffice(actor))
        {
            return null;
        }

        await RefuseAsync(work, null, actor, now, "compose", cancellationToken);
        return CircularOutcome.Fail(CircularErrorKind.Forbidden, "person", CircularText.OnlyOfficeComposes);
    }

    /// <summary>Composes a circular (status <see cref="CircularStatus.Draft"/>, holding its number). Office staff only.</summary>
    public async Task<CircularOutcome> CreateAsync(Actor actor, IUnitOfWork work, CircularDraft draft, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(draft);
        if (await CheckComposerAsync(actor, work, now, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var snapshot = await directory.LoadAsync(cancellationToken);
        var errors = new List<CircularError>();
        var kind = kinds.Find(draft.Kind);
        if (kind is null)
        {
            errors.Add(new CircularError(CircularErrorKind.Invalid, "kind", CircularText.UnknownKind(draft.Kind, kinds.All)));
        }

        if (CheckTitle(draft.Title) is { } titleProblem)
        {
            errors.Add(new CircularError(CircularErrorKind.Invalid, "title", titleProblem));
        }

        if (CheckBody(draft.Body) is { } bodyProblem)
        {
            errors.Add(new CircularError(CircularErrorKind.Invalid, "body", bodyProblem));
        }

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
            var taken = await Store(work).FindHolderOfNumberAsync(number, cancellationToken) is not null;
            errors.Add(new CircularError(taken ? CircularErrorKind.Conflict : CircularErrorKind.Invalid, "number", numberProblem));
        }

        var (signerId, signerProblem) = ChooseSigner(kind, major, draft.SignerId, snapshot);
        if (signerProblem is not null)
        {
            errors.Add(new CircularError(CircularErrorKind.Invalid, "signer", signerProblem));
        }

        if (errors.Count > 0)
        {
            return new CircularOutcome(null, errors);
        }

        var parsed = CircularNumbering.TryParse(kind, number, out var year, out var sequence);
        var circular = new Circular(0, kind.Key, draft.Title.Trim(), draft.Body.Trim(), number, parsed ? year : null, parsed ? sequence : null,
            [.. draft.Targets.Distinct()], major, CircularStatus.Draft, actor.Id, now, signerId, null, null, null, null, null, null, now);
        circular = circular with { Id = await Store(work).InsertAsync(circular, cancellationToken) };
        await AuditAsync(work, circular.Id, CircularAuditActions.Created, actor, now, CircularText.CreatedDetail(kind, number, circular.Title), cancellationToken);
        logger.LogInformation("Circular {Id} ({Kind} {Number}) composed by {Person}", circular.Id, kind.Key, number, actor.Id);
        return new CircularOutcome(circular, []);
    }

    /// <summary>
    /// Sends a draft on: to its signer for 签发 when its kind requires it (the signer gets the document and a card), else
    /// issues it at once. Office staff only.
    /// </summary>
    public async Task<CircularOutcome> SendAsync(Actor actor, IUnitOfWork work, long id, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var (circular, refusal) = await FindForOfficeAsync(actor, work, id, "send", CircularText.OnlyOfficeSends, now, cancellationToken);
        if (circular is null)
        {
            return refusal!;
        }

        var store = Store(work);

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
            await AuditAsync(work, id, CircularAuditActions.Issued, actor, now, issued.Summary.Describe(), cancellationToken);
            return new CircularOutcome(issued.Circular, [], CircularText.Issued(circular, issued.Summary), issued.Summary);
        }

        var signer = snapshot.People.FirstOrDefault(p => p.Id == circular.SignerId);
        if (signer is null || router.Route(signer) is null)
        {
            return CircularOutcome.Fail(CircularErrorKind.Invalid, "signer", signer is null
                ? CircularText.SignerGone(circular.SignerId)
                : CircularText.SignerUnreachable(signer));
        }

        var pending = circular with { Status = CircularStatus.PendingSignOff, UpdatedAt = now };
        await store.UpdateAsync(pending, cancellationToken);
        var distribution = TargetResolver.Resolve(circular.Targets, snapshot, [circular.ComposedBy, circular.SignerId]);
        var attachments = await store.ListAttachmentsAsync(id, cancellationToken);
        var composer = snapshot.People.FirstOrDefault(p => p.Id == circular.ComposedBy)?.Name ?? circular.ComposedBy;
        await EnqueueAsync(work, signer, text.SignOffCopy(circular, kind, attachments, now), Keys.SignOffCopy(id, signer.Id), now, cancellationToken);
        await EnqueueAsync(work, signer, CircularText.SignOffCard(circular, kind, signer.Name, composer, TargetResolver.Describe(circular.Targets, snapshot), distribution.Recipients.Count),
            Keys.SignOff(id, signer.Id), now, cancellationToken);
        await AuditAsync(work, id, CircularAuditActions.SubmittedForSignOff, actor, now, CircularText.SentToSignerDetail(signer), cancellationToken);
        return new CircularOutcome(pending, [], CircularText.SentForSignOff(circular, signer, kind.RuleFor(circular.Major)));
    }

    /// <summary>
    /// Composes and sends in one step (the chat dialog's 送签/印发): when sending is refused, the stored copy is withdrawn
    /// at once, releasing its number, so the composer can fix the draft and try again. <see cref="CircularOutcome.Circular"/>
    /// of a refusal is null; its errors are the composition's or the sending's.
    /// </summary>
    public async Task<CircularOutcome> ComposeAndSendAsync(Actor actor, IUnitOfWork work, CircularDraft draft, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var created = await CreateAsync(actor, work, draft, now, cancellationToken);
        if (!created.Succeeded)
        {
            return created;
        }

        var sent = await SendAsync(actor, work, created.Circular!.Id, now, cancellationToken);
        if (!sent.Succeeded)
        {
            await StopAsync(actor, work, created.Circular.Id, now, cancellationToken);
        }

        return sent;
    }

    /// <summary>True when <paramref name="actor"/> is office staff (办公室).</summary>
    public static bool IsOffice(Actor actor) => actor is not null && actor.Has(Roles.OfficeStaff);

    /// <summary>The signer of a new circular: the one named (when allowed), the only candidate, or the problem.</summary>
    private (string? SignerId, string? Problem) ChooseSigner(CircularKind kind, bool major, string? wanted, DirectorySnapshot snapshot)
    {
        var rule = kind.RuleFor(major);
        if (rule == SignOffBy.None)
        {
            return (null, null);
        }

        var candidates = signOff.Candidates(kind, major, snapshot);
        if (candidates.Count == 0)
        {
            return (null, CircularText.NobodyToSign(kind, rule));
        }

        if (wanted is { Length: > 0 })
        {
            var signer = candidates.FirstOrDefault(p => p.Id == wanted)?.Id;
            return signer is null ? (null, CircularText.SignerNotAllowed(wanted, kind, candidates)) : (signer, null);
        }

        return candidates.Count == 1 ? (candidates[0].Id, null) : (null, CircularText.ChooseSigner(rule, candidates));
    }
}
