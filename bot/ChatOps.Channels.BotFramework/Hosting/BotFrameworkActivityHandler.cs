using ChatOps.Channels.BotFramework.Connector;
using ChatOps.Core.Organization;

namespace ChatOps.Channels.BotFramework.Hosting;

/// <summary>
/// What the bot does with an authenticated activity: stores the conversation references (every user and group chat,
/// so prompts reach people after restarts and from any instance), turns a message into the engine's channel-neutral
/// inbound message and stores it in the inbox before the Bot Connector is answered, and greys out an answered card. A
/// card submit (<c>value.choice</c>) feeds the engine exactly what a WeCom button or typed text would.
/// </summary>
internal sealed class BotFrameworkActivityHandler(
    IInbox inbox,
    IWorkSignal signal,
    IDirectoryRepository directory,
    IConversationReferenceStore references,
    ConversationReferenceWriter referenceWriter,
    IUnitOfWorkFactory work,
    IOutboxDispatch outbox,
    TimeProvider time,
    ILogger<BotFrameworkActivityHandler> logger)
{
    /// <summary>Handles the activity; returns once everything that must survive is stored.</summary>
    public async Task HandleAsync(Activity activity, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var botRemoved = IsBotRemoved(activity);
        if (!botRemoved)
        {
            await SaveReferencesAsync(activity, now, cancellationToken);
        }

        if (activity.IsMessage)
        {
            await AcceptMessageAsync(activity, now, cancellationToken);
        }
        else if (botRemoved)
        {
            referenceWriter.ForgetConversation(activity.Conversation!.Id!);
            if (await references.MarkConversationUnreachableAsync(BotFrameworkChannel.Name, activity.Conversation.Id!, "bot removed from the conversation", now, cancellationToken))
            {
                logger.LogWarning("The bot was removed from {ChannelId} conversation {Conversation}", activity.ChannelId, activity.Conversation.Id);
            }
        }
        else if (IsBotAdded(activity))
        {
            logger.LogInformation(
                "The bot was added to {ChannelId} {Kind} conversation {Conversation} ({Name}); its reference is stored",
                activity.ChannelId, activity.Conversation?.IsGroup == true ? "group" : "personal", activity.Conversation?.Id, activity.Conversation?.Name);
        }
        else
        {
            logger.LogDebug("Ignoring {Type} activity from {ChannelId}", activity.Type, activity.ChannelId);
        }
    }

    /// <summary>The text with the bot's Teams mention (<c>&lt;at&gt;Bot&lt;/at&gt;</c>) removed, trimmed; null when nothing is left.</summary>
    internal static string? CleanText(Activity activity)
    {
        var text = activity.Text;
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var botId = activity.Recipient?.Id;
        foreach (var entity in activity.Entities ?? [])
        {
            if (!string.Equals(entity.Type, "mention", StringComparison.OrdinalIgnoreCase) || entity.AdditionalProperties is not { } fields)
            {
                continue;
            }

            var mentioned = fields.TryGetValue("mentioned", out var m) && m.ValueKind == JsonValueKind.Object && m.TryGetProperty("id", out var id)
                && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
            if (fields.TryGetValue("text", out var mentionText) && mentionText.ValueKind == JsonValueKind.String
                && mentionText.GetString() is { Length: > 0 } textOfMention && (botId is null || mentioned == botId))
            {
                text = text.Replace(textOfMention, string.Empty, StringComparison.Ordinal);
            }
        }

        if (activity.Recipient?.Name is { Length: > 0 } botName)
        {
            text = text.Replace($"<at>{botName}</at>", string.Empty, StringComparison.Ordinal);
        }

        text = text.Replace('\u00A0', ' ').Trim();
        return text.Length == 0 ? null : text;
    }

    private static bool IsBotAdded(Activity activity) =>
        activity.Recipient?.Id is { } bot && activity.MembersAdded?.Any(m => m.Id == bot) == true
        || (string.Equals(activity.Type, ActivityTypes.InstallationUpdate, StringComparison.OrdinalIgnoreCase) && Action(activity) is "add");

    private static bool IsBotRemoved(Activity activity) =>
        activity.Conversation?.Id is { Length: > 0 }
        && (activity.Recipient?.Id is { } bot && activity.MembersRemoved?.Any(m => m.Id == bot) == true
            || (string.Equals(activity.Type, ActivityTypes.InstallationUpdate, StringComparison.OrdinalIgnoreCase) && Action(activity) is "remove"));

    private static string? Action(Activity activity) =>
        activity.AdditionalProperties?.TryGetValue("action", out var action) == true && action.ValueKind == JsonValueKind.String ? action.GetString() : null;

    private async Task SaveReferencesAsync(Activity activity, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(activity.ServiceUrl) || string.IsNullOrWhiteSpace(activity.ChannelId) || string.IsNullOrWhiteSpace(activity.Conversation?.Id))
        {
            return;
        }

        var reference = ConversationReference.FromActivity(activity);
        if (activity.From?.Id is { Length: > 0 } userId && userId != activity.Recipient?.Id && !string.Equals(activity.From.Role, "bot", StringComparison.OrdinalIgnoreCase))
        {
            // Messages kept for this person because no conversation with them was known go out once one is: that is
            // exactly when the reference is first written (or written again after it changed or became unreachable).
            if (await referenceWriter.SaveAsync(reference, userId, now, cancellationToken))
            {
                var released = await outbox.ReleaseWaitingAsync(BotFrameworkChannel.Name, userId, now, cancellationToken);
                if (activity.From.AadObjectId is { Length: > 0 } aad && aad != userId)
                {
                    released += await outbox.ReleaseWaitingAsync(BotFrameworkChannel.Name, aad, now, cancellationToken);
                }

                if (released > 0)
                {
                    logger.LogInformation("{Count} waiting message(s) to {User} released: a conversation with them is known now", released, userId);
                    signal.OutboxChanged();
                }
            }
        }

        if (activity.Conversation.IsGroup == true)
        {
            await referenceWriter.SaveAsync(reference, ConversationReferenceRecord.GroupRow, now, cancellationToken);
        }
    }

    private async Task AcceptMessageAsync(Activity activity, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var from = activity.From!;
        var conversation = activity.Conversation!;
        var choice = ActivityRenderer.ReadChoice(activity.Value);
        var cardId = choice is null ? null : ActivityRenderer.ReadCardId(activity.Value);
        var message = new InboundMessage(
            BotFrameworkChannel.Name,
            BotFrameworkChannel.DedupeKey(activity),
            from.Id!,
            CleanText(activity),
            choice,
            conversation.IsGroup == true ? conversation.Id : null,
            now,
            activity.Id is { Length: > 0 } activityId ? new BotFrameworkReplyContext(conversation.Id!, activityId).ToJson() : null,
            cardId)
        {
            Attachments = choice is null ? BotFrameworkAttachments.Of(activity) : null,
            AlternateSenderId = from.AadObjectId is { Length: > 0 } aad && aad != from.Id ? aad : null,
        };

        // The engine finds the sender when it handles the message (no directory read before the 200, as for WeCom); a
        // card's answer is the exception: its greying out needs the person now.
        var person = choice is null ? null : await FindSenderAsync(message, cancellationToken);
        if (!await inbox.AcceptAsync(message, person?.Id, cancellationToken))
        {
            logger.LogInformation("Activity {Key} was delivered again; acknowledged and dropped", message.DedupeKey);
            return;
        }

        if (choice is not null && activity.ReplyToId is { Length: > 0 } replyTo)
        {
            await QueueCardUpdateAsync(conversation.Id!, replyTo, choice, message.CardId, from.Id!, person?.Id, now, cancellationToken);
        }

        signal.InboxChanged();
    }

    /// <summary>The sender by the user id, else by the other id the activity carries (as the engine finds them).</summary>
    private async Task<Person?> FindSenderAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        var found = await directory.FindByIdentitiesAsync(
            BotFrameworkChannel.Name, message.AlternateSenderId is { } alternate ? [message.SenderId, alternate] : [message.SenderId], cancellationToken);
        return found.FirstOrDefault(p => p is not null);
    }

    /// <summary>Queues the greying out of the answered card in the outbox (sent like any message, before the reply).</summary>
    private async Task QueueCardUpdateAsync(
        string conversationId, string cardId, string choice, string? stepCardId, string userId, string? personId, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var payload = await references.TakeSentCardAsync(BotFrameworkChannel.Name, conversationId, cardId, cancellationToken);
        if (payload is null)
        {
            return; // Not one of our cards, or answered before.
        }

        var card = ChatOpsJson.Deserialize<OutboundMessage>(payload);
        var label = card.Choices.FirstOrDefault(c => c.Value == choice)?.Label ?? choice;
        await using var uow = await work.BeginAsync(cancellationToken);

        // Greyed out as expired when the card asks no current step; the engine refuses the click itself.
        var expired = stepCardId is not null && (personId is null || stepCardId != await uow.Dialogs.GetCardAsync(personId, cancellationToken));
        var context = new BotFrameworkReplyContext(conversationId, cardId, label, expired);
        await uow.Outbox.EnqueueAsync(
            new OutboxItem(0, BotFrameworkChannel.Name, userId, personId, null, card, null, now, ReplyContext: context.ToJson()), cancellationToken);
        await uow.CommitAsync(cancellationToken);
        signal.OutboxChanged();
    }
}
