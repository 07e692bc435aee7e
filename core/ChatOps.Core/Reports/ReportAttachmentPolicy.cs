using ChatOps.Core.Attachments;
using ChatOps.Core.Reports.Overview;

namespace ChatOps.Core.Reports;

/// <summary>
/// Who may see a report's attachments on the console: whoever may see the report (<see cref="ReportOverview.MaySee"/>:
/// the office, the unit's reviewing leaders). The unit's liaison sees them in the chat dialog, which lists its own
/// report's attachments without this policy. One read of the report's unit, outside any write transaction.
/// </summary>
public sealed class ReportAttachmentPolicy(IReportLedger ledger) : IAttachmentOwnerPolicy
{
    /// <inheritdoc/>
    public string OwnerKind => AttachmentOwners.Report;

    /// <inheritdoc/>
    public async Task<bool> MaySeeAsync(Actor actor, long ownerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return await ledger.FindUnitAsync(ownerId, cancellationToken) is { } unit && ReportOverview.MaySee(actor, unit);
    }
}
