namespace ChatOps.Core.Circulars;

/// <summary>
/// Tells the office at once when a circular could not be delivered to a group (channel refused it: bad chat id, bot
/// removed, …): the composer (or, if they are gone, every office staff member) gets a chat message naming the group
/// and the channel's reason, with the commands to see the standing and resend. One notice per failed message.
/// </summary>
public sealed class CircularDeliveryFailures(
    IUnitOfWorkFactory work,
    CircularService circulars,
    IDirectoryRepository directory,
    RecipientRouter router,
    IWorkSignal signal,
    TimeProvider time,
    ILogger<CircularDeliveryFailures> logger) : IOutboxFailureListener
{
    /// <inheritdoc/>
    public async Task OnFailedAsync(OutboxItem item, string error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.GroupCode is not { } groupCode || !TryGetCircularId(item.DedupeKey, out var id))
        {
            return;
        }

        await using var uow = await work.BeginAsync(cancellationToken);
        var circular = await circulars.Store(uow).FindAsync(id, cancellationToken);
        if (circular is null)
        {
            return;
        }

        var snapshot = await directory.LoadAsync(cancellationToken);
        var groupName = snapshot.Groups.FirstOrDefault(g => g.Code == groupCode)?.Name ?? groupCode;
        var composer = snapshot.People.FirstOrDefault(p => p.Id == circular.ComposedBy && p.Roles.HasFlag(Roles.OfficeStaff));
        var staff = composer is not null ? [composer] : await directory.ListByRoleAsync(Roles.OfficeStaff, cancellationToken);
        var notice = CircularText.DeliveryFailed(circular, $"“{groupName}”", error);
        var now = time.GetUtcNow();
        foreach (var person in staff)
        {
            if (router.To(person, notice, now, $"{item.DedupeKey}:failed:{item.Id.ToString(CultureInfo.InvariantCulture)}:{person.Id}") is { } outgoing)
            {
                await uow.Outbox.EnqueueAsync(outgoing, cancellationToken);
            }
        }

        await uow.CommitAsync(cancellationToken);
        signal.OutboxChanged();
        logger.LogWarning("Circular {Id} could not be delivered to group {Group}: {Error}; the office is told", id, groupCode, error);
    }

    private static bool TryGetCircularId(string? dedupeKey, out long id)
    {
        id = 0;
        const string prefix = "circular:";
        if (dedupeKey is null || !dedupeKey.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var end = dedupeKey.IndexOf(':', prefix.Length);
        return end > prefix.Length && long.TryParse(dedupeKey.AsSpan(prefix.Length, end - prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out id);
    }
}
