using ChatOps.Core.Attachments;
using ChatOps.Core.Conversations;
using ChatOps.Core.Organization;

namespace ChatOps.Core.Reports;

/// <summary>
/// Who may see a report's attachments: the office, and the people of the report's unit (its liaison and its reviewing
/// leaders, who review it). One read of the report.
/// </summary>
public sealed class ReportAttachmentPolicy(IUnitOfWorkFactory work) : IAttachmentOwnerPolicy
{
    /// <inheritdoc/>
    public string OwnerKind => AttachmentOwners.Report;

    /// <inheritdoc/>
    public async Task<bool> MaySeeAsync(Actor actor, long ownerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var uow = await work.BeginAsync(cancellationToken);
        var report = await uow.Reports.FindByIdAsync(ownerId, cancellationToken);
        return report is not null && (actor.Has(Roles.OfficeStaff) || (actor.UnitCode is { } unit && unit == report.UnitCode));
    }
}
