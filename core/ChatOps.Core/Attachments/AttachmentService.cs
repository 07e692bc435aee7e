namespace ChatOps.Core.Attachments;

/// <summary>A download as the service answers it: the attachment and its bytes, or why not.</summary>
public sealed record AttachmentDownload(StoredAttachment? Attachment, byte[]? Content, string? Refusal)
{
    /// <summary>True when the actor may have it and it has bytes.</summary>
    public bool Succeeded => Attachment is not null && Content is not null;

    /// <summary>True when it exists but the actor may not see it.</summary>
    public bool Forbidden { get; init; }
}

/// <summary>
/// The attachment use cases for the console and the API: list an owner's attachments and download one, each for an
/// <see cref="Actor"/> whom the owner's feature allows (<see cref="IAttachmentOwnerPolicy"/>); an attachment linked to
/// nothing is seen by the office only.
/// </summary>
public sealed class AttachmentService(IAttachmentRepository repository, IEnumerable<IAttachmentOwnerPolicy> policies)
{
    /// <summary>The stored attachments of an owner, or null when <paramref name="actor"/> may not see them.</summary>
    public async Task<IReadOnlyList<StoredAttachment>?> ListAsync(Actor actor, string ownerKind, long ownerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return await MaySeeAsync(actor, ownerKind, ownerId, cancellationToken)
            ? await repository.ListAsync(ownerKind, ownerId, cancellationToken)
            : null;
    }

    /// <summary>One attachment with its bytes, when <paramref name="actor"/> may see its owner.</summary>
    public async Task<AttachmentDownload> DownloadAsync(Actor actor, long id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var attachment = await repository.FindAsync(id, cancellationToken);
        if (attachment is null || !attachment.IsStored)
        {
            return new AttachmentDownload(null, null, AttachmentText.NotFound);
        }

        var allowed = attachment is { OwnerKind: { } kind, OwnerId: { } owner }
            ? await MaySeeAsync(actor, kind, owner, cancellationToken)
            : actor.Has(Roles.OfficeStaff);
        if (!allowed)
        {
            return new AttachmentDownload(null, null, AttachmentText.Forbidden) { Forbidden = true };
        }

        var content = await repository.ReadContentAsync(id, cancellationToken);
        return content is null ? new AttachmentDownload(null, null, AttachmentText.NotFound) : new AttachmentDownload(attachment, content, null);
    }

    private async Task<bool> MaySeeAsync(Actor actor, string ownerKind, long ownerId, CancellationToken cancellationToken) =>
        policies.FirstOrDefault(p => p.OwnerKind == ownerKind) is { } policy && await policy.MaySeeAsync(actor, ownerId, cancellationToken);
}
