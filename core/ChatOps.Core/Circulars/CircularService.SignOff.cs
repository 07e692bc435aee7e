namespace ChatOps.Core.Circulars;

/// <summary>签发 and 退回: only the signer the circular names may act, and only while it waits for sign-off.</summary>
public sealed partial class CircularService
{
    /// <summary>签发: the named signer signs off; the circular is issued in the same transaction and the composer told.</summary>
    public async Task<CircularOutcome> SignAsync(Actor actor, IUnitOfWork work, long id, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var store = Store(work);
        var (circular, refusal) = await CheckSignerAsync(work, id, actor, now, "sign", cancellationToken);
        if (circular is null)
        {
            return refusal!;
        }

        var signed = circular with { SignedAt = now, UpdatedAt = now };
        await AuditAsync(work, id, CircularAuditActions.Signed, actor, now, null, cancellationToken);
        var snapshot = await directory.LoadAsync(cancellationToken);
        var issued = await IssueAsync(work, store, signed, snapshot, now, cancellationToken);
        await AuditAsync(work, id, CircularAuditActions.Issued, actor, now, issued.Summary.Describe(), cancellationToken);
        if (snapshot.People.FirstOrDefault(p => p.Id == circular.ComposedBy) is { } composer && composer.Id != actor.Id)
        {
            await EnqueueAsync(work, composer, OutboundMessage.Plain(CircularText.SignedNotice(circular, composer.Name, actor.Name, issued.Summary)),
                Keys.Notice(id, "signed", composer.Id), now, cancellationToken);
        }

        return new CircularOutcome(issued.Circular, [], CircularText.Signed(circular, issued.Summary), issued.Summary);
    }

    /// <summary>Longest 退回 comment.</summary>
    public const int MaxCommentLength = 500;

    /// <summary>A 退回 comment's problem (empty, too long), or null when it will do.</summary>
    public static string? CheckComment(string? comment) => Prompt.CheckText(comment ?? "", MaxCommentLength, CircularText.ReturnCommentName);

    /// <summary>
    /// 退回: the named signer returns the circular with a comment (1…<see cref="MaxCommentLength"/> characters); its
    /// number is released and the composer told.
    /// </summary>
    public async Task<CircularOutcome> ReturnAsync(Actor actor, IUnitOfWork work, long id, string comment, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(comment);
        if (CheckComment(comment) is { } problem)
        {
            return CircularOutcome.Fail(CircularErrorKind.Invalid, "comment", problem);
        }

        var (circular, refusal) = await CheckSignerAsync(work, id, actor, now, "return", cancellationToken);
        if (circular is null)
        {
            return refusal!;
        }

        var returned = circular with { Status = CircularStatus.Returned, Comment = comment.Trim(), UpdatedAt = now };
        await Store(work).UpdateAsync(returned, cancellationToken);
        await AuditAsync(work, id, CircularAuditActions.Returned, actor, now, returned.Comment, cancellationToken);
        if (await directory.FindPersonAsync(circular.ComposedBy, cancellationToken) is { } composer)
        {
            await EnqueueAsync(work, composer, OutboundMessage.Plain(CircularText.ReturnedToComposer(circular, composer.Name, actor.Name, returned.Comment!)),
                Keys.Notice(id, "returned", composer.Id), now, cancellationToken);
        }

        return new CircularOutcome(returned, [], CircularText.ReturnedNotice);
    }

    /// <summary>Null when <paramref name="actor"/> may sign off or return circular <paramref name="id"/> now; else the refusal (audited when not the signer).</summary>
    public async Task<CircularOutcome?> CheckSignerAsync(Actor actor, IUnitOfWork work, long id, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return (await CheckSignerAsync(work, id, actor, now, "sign", cancellationToken)).Refusal;
    }

    private async Task<(Circular? Circular, CircularOutcome? Refusal)> CheckSignerAsync(
        IUnitOfWork work, long id, Actor actor, DateTimeOffset now, string what, CancellationToken cancellationToken)
    {
        var circular = await Store(work).FindAsync(id, cancellationToken);
        if (circular is null)
        {
            return (null, NotFound(id));
        }

        var kind = kinds.Get(circular.Kind);
        if (circular.SignerId != actor.Id)
        {
            await RefuseAsync(work, id, actor, now, what, cancellationToken);
            var named = circular.SignerId is { } s ? (await directory.FindPersonAsync(s, cancellationToken))?.Name ?? s : null;
            return (null, CircularOutcome.Fail(CircularErrorKind.Forbidden, "person", CircularText.NotTheSigner(kind, named)));
        }

        return circular.Status == CircularStatus.PendingSignOff
            ? (circular, null)
            : (null, CircularOutcome.Fail(CircularErrorKind.Conflict, "status", await StateTextAsync(circular, cancellationToken)));
    }
}
