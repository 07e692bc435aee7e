using System.Security.Cryptography;
using System.Text;

namespace ChatOps.Channels.BotFramework.Hosting;

/// <summary>
/// The channel's name in the engine and the mapping between the Bot Framework's conversation reference and the core's
/// channel-neutral stored record, kept in one place so the endpoint (which stores) and the sender (which reads) agree.
/// </summary>
public static class BotFrameworkChannel
{
    /// <summary>The channel name the engine, the directory and the outbox use.</summary>
    public const string Name = global::ChatOps.Core.Organization.ChannelNames.BotFramework;

    /// <summary>Longest dedupe key the inbox stores; longer keys are hashed.</summary>
    private const int MaxDedupeKeyLength = 400;

    /// <summary>The stored record of a reference, for the user it names (or the group row when <paramref name="userId"/> is empty).</summary>
    /// <param name="reference">The reference.</param>
    /// <param name="userId">The user, or <see cref="ConversationReferenceRecord.GroupRow"/>.</param>
    /// <param name="at">When it was seen.</param>
    /// <returns>The record.</returns>
    public static ConversationReferenceRecord ToRecord(ConversationReference reference, string userId, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var isGroupRow = userId.Length == 0;
        var stored = isGroupRow ? reference with { User = null } : reference;
        return new ConversationReferenceRecord(
            Name,
            userId,
            reference.Conversation.Id!,
            reference.Conversation.IsGroup == true,
            reference.ServiceUrl,
            reference.ChannelId,
            reference.TenantId,
            reference.Bot?.Id,
            JsonSerializer.Serialize(stored, BotFrameworkJson.Options),
            at,
            isGroupRow ? null : reference.User?.AadObjectId);
    }

    /// <summary>The Bot Framework reference a stored record holds.</summary>
    /// <param name="record">The stored record.</param>
    /// <returns>The reference (rebuilt from the columns if the JSON is unreadable).</returns>
    public static ConversationReference FromRecord(ConversationReferenceRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        try
        {
            if (JsonSerializer.Deserialize<ConversationReference>(record.Json, BotFrameworkJson.Options) is { } reference)
            {
                return reference;
            }
        }
        catch (JsonException)
        {
            // Fall back to the columns below.
        }

        return new ConversationReference(
            record.ServiceUrl,
            record.ChannelId,
            new ConversationAccount { Id = record.ConversationId, IsGroup = record.IsGroup, TenantId = record.TenantId },
            record.UserId.Length == 0 ? null : new ChannelAccount { Id = record.UserId, AadObjectId = record.AlternateUserId },
            record.BotId is null ? null : new ChannelAccount { Id = record.BotId },
            record.TenantId);
    }

    /// <summary>
    /// The inbox key of an activity: channelId, conversation id and activity id, so a redelivered activity is stored once.
    /// Keys beyond the inbox column's width are replaced by their SHA-256.
    /// </summary>
    /// <param name="activity">The activity.</param>
    /// <returns>The key; random when the channel gave no activity id (nothing to dedupe on).</returns>
    public static string DedupeKey(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var key = $"{activity.ChannelId}:{activity.Conversation?.Id}:{activity.Id ?? "noid-" + Guid.NewGuid().ToString("N")}";
        return key.Length <= MaxDedupeKeyLength ? key : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }
}
