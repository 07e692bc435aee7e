using ChatOps.Core.Attachments;

namespace ChatOps.Core.Supervision;

/// <summary>
/// Who may see the rectification photos of a problem: whoever may see the problem itself (the office, the responsible
/// unit, its 督战组), by the service's own visibility rule. Reads the item and the assignments on connections of their
/// own (<see cref="ISupervisionReads"/>), never in a write transaction, and not the item's history.
/// </summary>
public sealed class RectificationAttachmentPolicy(SupervisionService service, ISupervisionReads reads) : IAttachmentOwnerPolicy
{
    /// <inheritdoc/>
    public string OwnerKind => AttachmentOwners.Rectification;

    /// <inheritdoc/>
    public async Task<bool> MaySeeAsync(Actor actor, long ownerId, CancellationToken cancellationToken = default) =>
        (await service.FindVisibleAsync(reads, actor, ownerId, cancellationToken)).Item is not null;
}
