using Microsoft.Extensions.Options;

namespace ChatOps.Core.Attachments;

/// <summary>What attaching a turn's files did: the ones added, why others were not, and the owner's list now.</summary>
public sealed record AttachOutcome(IReadOnlyList<StoredAttachment> Added, IReadOnlyList<string> Refusals, IReadOnlyList<StoredAttachment> All)
{
    /// <summary>The reply: what was received, then each refusal, one per line.</summary>
    public string Message => string.Join('\n', (Added.Count > 0 ? [AttachmentText.Received(Added, All.Count)] : Array.Empty<string>()).Concat(Refusals));
}

/// <summary>
/// The dialogs' part of attachments (the report dialog, the rectification report): attaches the files of the turn
/// (fetched and stored before it by <see cref="AttachmentIntake"/>) to their owner in the turn's transaction, lists and
/// deletes them. The rules of who may attach are the dialogs' (they only call this for their own person's owner).
/// </summary>
public sealed class AttachmentChat(IAttachmentStoreFactory stores, IOptions<AttachmentOptions> options)
{
    /// <summary>Attaches every file of the turn's message to the owner; refused ones are named with the reason.</summary>
    public async Task<AttachOutcome> AttachAsync(Turn turn, string ownerKind, long ownerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var message = turn.Message;
        var inbound = message.Attachments ?? [];
        var store = stores.For(turn.Work);
        var keys = inbound.Select((_, i) => InboundAttachment.KeyOf(message, i)).ToList();
        var found = (await store.FindByKeysAsync(keys, cancellationToken)).ToDictionary(a => a.IntakeKey, StringComparer.Ordinal);
        var added = new List<StoredAttachment>();
        var refusals = new List<string>();
        for (var i = 0; i < keys.Count; i++)
        {
            if (!found.TryGetValue(keys[i], out var row) || row.Status == AttachmentStatus.Deleted)
            {
                refusals.Add(AttachmentText.Refused(inbound[i].Name, AttachmentRefusal.Unavailable, options.Value.MaxBytes));
            }
            else if (row.Status == AttachmentStatus.Refused)
            {
                refusals.Add(AttachmentText.Refused(row.FileName, row.Refusal ?? AttachmentRefusal.Unavailable, options.Value.MaxBytes));
            }
            else
            {
                await store.LinkAsync(row.Id, ownerKind, ownerId, turn.Person.Id, turn.Now, cancellationToken);
                added.Add(row);
            }
        }

        return new AttachOutcome(added, refusals, await store.ListAsync(ownerKind, ownerId, cancellationToken));
    }

    /// <summary>The owner's stored attachments, oldest first.</summary>
    public Task<IReadOnlyList<StoredAttachment>> ListAsync(IUnitOfWork work, string ownerKind, long ownerId, CancellationToken cancellationToken = default) =>
        stores.For(work).ListAsync(ownerKind, ownerId, cancellationToken);

    /// <summary>Deletes the <paramref name="number"/>-th (1-based) attachment of the owner; null when there is no such one.</summary>
    public async Task<string?> DeleteAsync(Turn turn, string ownerKind, long ownerId, int number, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var store = stores.For(turn.Work);
        var all = await store.ListAsync(ownerKind, ownerId, cancellationToken);
        if (number < 1 || number > all.Count)
        {
            return null;
        }

        var victim = all[number - 1];
        await store.DeleteAsync(victim.Id, turn.Now, cancellationToken);
        await turn.Work.Audit.AppendAsync(Audit.AuditEntry.Of(turn.Now, turn.Person.Id, "attachment.delete",
            $"{ownerKind}:{ownerId}", victim.FileName, $"chat:{turn.Message.Channel}"), cancellationToken);
        return AttachmentText.Deleted(victim, all.Count - 1);
    }
}
