using ChatOps.Core.Organization;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Channels.BotFramework.Hosting;

/// <summary>
/// Tells the office (every active office staff member, on their preferred channel) that a person or group can no longer
/// be reached on the Bot Framework channel because the bot was blocked, uninstalled or removed — once, when it happens —
/// so someone can ask them to add the bot again or switch them to another channel in the directory. The notices go
/// through the outbox in their own transaction, like every message.
/// </summary>
internal sealed class UnreachableNotifier(
    IServiceProvider services,
    IDirectoryRepository directory,
    IUnitOfWorkFactory work,
    IWorkSignal signal,
    TimeProvider time,
    ILogger<UnreachableNotifier> logger)
{
    /// <summary>Queues the notices about the recipient of <paramref name="item"/>.</summary>
    public async Task NotifyAsync(OutboxItem item, bool isGroup, string reason, CancellationToken cancellationToken)
    {
        var who = isGroup ? await DescribeGroupAsync(item, cancellationToken) : await DescribePersonAsync(item, cancellationToken);
        if (who is null)
        {
            logger.LogWarning("Bot Framework recipient {Address} is unreachable ({Reason}) and not in the directory; the office is not told", item.Address, reason);
            return;
        }

        // Resolved here, not injected: the router depends on the registered channel senders, this sender among them.
        var router = services.GetRequiredService<RecipientRouter>();
        var now = time.GetUtcNow();
        var notice = OutboundMessage.Plain(BotFrameworkText.Unreachable(who.Value.Name));
        var staff = await directory.ListByRoleAsync(Roles.OfficeStaff, cancellationToken);
        var queued = 0;
        await using (var uow = await work.BeginAsync(cancellationToken))
        {
            foreach (var member in staff.Where(s => s.Id != who.Value.PersonId))
            {
                var dedupe = $"bf-unreachable:{who.Value.Key}:{member.Id}:{now.UtcTicks}";
                if (router.To(member, notice, now, dedupe.Length <= 400 ? dedupe : null) is { } outgoing
                    && await uow.Outbox.EnqueueAsync(outgoing, cancellationToken))
                {
                    queued++;
                }
            }

            await uow.CommitAsync(cancellationToken);
        }

        logger.LogWarning("{Who} is unreachable on Bot Framework ({Reason}); {Count} office staff notified", who.Value.Name, reason, queued);
        if (queued > 0)
        {
            signal.OutboxChanged();
        }
    }

    private async Task<(string Name, string Key, string? PersonId)?> DescribePersonAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        var person = item.PersonId is { } id
            ? await directory.FindPersonAsync(id, cancellationToken)
            : await directory.FindByIdentityAsync(BotFrameworkChannel.Name, item.Address, cancellationToken);
        if (person is null)
        {
            return null;
        }

        var unit = person.UnitCode is { } code ? await directory.FindUnitAsync(code, cancellationToken) : null;
        return (unit is null ? person.Name : $"{unit.Name}{person.Name}", person.Id, person.Id);
    }

    private async Task<(string Name, string Key, string? PersonId)?> DescribeGroupAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        var snapshot = await directory.LoadAsync(cancellationToken);
        var group = snapshot.Groups.FirstOrDefault(g => g.Code == item.GroupCode)
            ?? snapshot.Groups.FirstOrDefault(g => g.Kind == BotFrameworkGroupKinds.Conversation && g.Address == item.Address);
        return group is null ? (BotFrameworkText.GroupName(item.Address), item.Address, null) : (BotFrameworkText.GroupName(group.Name), group.Code, null);
    }
}
