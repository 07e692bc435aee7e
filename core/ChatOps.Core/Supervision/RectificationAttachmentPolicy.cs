using ChatOps.Core.Attachments;
using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;

namespace ChatOps.Core.Supervision;

/// <summary>
/// Who may see the rectification photos of a problem: whoever may see the problem itself
/// (<see cref="SupervisionService.GetAsync"/>: the office, the responsible unit, its 督战组).
/// </summary>
public sealed class RectificationAttachmentPolicy(SupervisionService service, IUnitOfWorkFactory work) : IAttachmentOwnerPolicy
{
    /// <inheritdoc/>
    public string OwnerKind => AttachmentOwners.Rectification;

    /// <inheritdoc/>
    public async Task<bool> MaySeeAsync(Actor actor, long ownerId, CancellationToken cancellationToken = default)
    {
        await using var uow = await work.BeginAsync(cancellationToken);
        return (await service.GetAsync(uow, actor, ownerId, cancellationToken)).Item is not null;
    }
}
