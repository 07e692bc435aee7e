namespace ChatOps.Core.Conversations;

/// <summary>Someone messages are waiting for because the channel has no way to reach them yet.</summary>
/// <param name="Channel">The channel.</param>
/// <param name="Address">Their id on the channel.</param>
/// <param name="PersonId">The directory person, when known.</param>
/// <param name="Name">Their unit and name as the office knows them, or the address.</param>
/// <param name="Waiting">How many messages wait.</param>
/// <param name="Since">When the oldest was queued.</param>
/// <param name="Reason">Why the channel cannot reach them.</param>
public sealed record UnreachableRecipient(string Channel, string Address, string? PersonId, string Name, int Waiting, DateTimeOffset Since, string? Reason);

/// <summary>
/// Who cannot be reached yet (<see cref="OutboxStatus.Waiting"/> messages, one line per person): for the office, so
/// someone can ask them to open the bot once. Read-only; one outbox query and the directory.
/// </summary>
public sealed class UnreachableRecipients(IOutboxDispatch outbox, IDirectoryRepository directory)
{
    /// <summary>The people (or addresses) with waiting messages, oldest first.</summary>
    public async Task<IReadOnlyList<UnreachableRecipient>> ListAsync(CancellationToken cancellationToken = default)
    {
        var waiting = await outbox.ListWaitingAsync(cancellationToken);
        var result = new List<UnreachableRecipient>();
        foreach (var group in waiting.GroupBy(i => (i.Channel, i.Address)))
        {
            var first = group.First();
            var person = first.PersonId is { } id ? await directory.FindPersonAsync(id, cancellationToken) : null;
            var unit = person?.UnitCode is { } code ? await directory.FindUnitAsync(code, cancellationToken) : null;
            var name = person is null ? first.Address : unit is null ? person.Name : $"{unit.Name}{person.Name}";
            result.Add(new UnreachableRecipient(group.Key.Channel, group.Key.Address, person?.Id, name, group.Count(), first.CreatedAt, group.Last().LastError));
        }

        return result;
    }
}
