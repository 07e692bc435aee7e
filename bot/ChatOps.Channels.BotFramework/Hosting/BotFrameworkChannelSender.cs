using ChatOps.Channels.BotFramework.Connector;

namespace ChatOps.Channels.BotFramework.Hosting;

/// <summary>
/// Sends outbox messages on the Bot Framework channel. The outbox item's address is the person's Bot Framework user id
/// (their directory identity, or an Entra object id), or a conversation id for a group message. The sender finds the
/// stored conversation reference (so it works after restarts and on any instance), prefers the user's 1:1 conversation,
/// and starts one (with the Teams tenant) when the user was only seen in a group. Errors follow the protocol: 429 and
/// 5xx are retried by the dispatcher after Retry-After; 403 (bot blocked or uninstalled) fails the message, marks the
/// user unreachable and tells the office.
/// </summary>
internal sealed class BotFrameworkChannelSender(
    ConnectorClient connector,
    IConversationReferenceStore references,
    ConversationReferenceWriter referenceWriter,
    UnreachableNotifier notifier,
    Microsoft.Extensions.Options.IOptions<BotFrameworkOptions> options,
    TimeProvider time,
    ILogger<BotFrameworkChannelSender> logger,
    OutboundFiles files) : IChannelSender
{
    /// <summary>The outbox error of a 403.</summary>
    public const string BlockedError = "bot blocked or uninstalled";

    public string Channel => BotFrameworkChannel.Name;

    public async Task<SendResult> SendAsync(OutboxItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        var context = BotFrameworkReplyContext.TryParse(item.ReplyContext);
        if (context is { IsCardUpdate: true })
        {
            return await UpdateCardAsync(item, context, cancellationToken);
        }

        var (target, failure) = item.GroupCode is null
            ? await ResolveUserAsync(item, cancellationToken)
            : await ResolveGroupAsync(item, cancellationToken);
        if (target is null)
        {
            return failure!;
        }

        var reference = target.Reference;
        var conversationId = reference.Conversation.Id!;
        Activity rendered;
        if (item.Message.File is { } file)
        {
            // Teams' file consent card works in personal chats only and puts the file in the user's OneDrive; a signed,
            // expiring link served by this host works in every scope and channel, and is checked again on download.
            // Without a public address there is no link to give: the message fails with the setting to make (recorded
            // against it, as every failed send is), the rest of the conversation still goes out.
            if (!files.HasPublicAddress)
            {
                logger.LogWarning("Outbox {Id}: the file '{Name}' cannot be linked on Bot Framework: set Files:PublicBaseUrl (or PublicBaseUrl)", item.Id, file.Name);
                return new SendResult.Failed($"the file '{file.Name}' cannot be linked: neither Files:PublicBaseUrl nor PublicBaseUrl is configured");
            }

            var link = await files.LinkAsync(file, item.PersonId ?? item.Address, cancellationToken: cancellationToken);
            if (link is null)
            {
                return new SendResult.Failed($"the file '{file.Name}' ({file.Id}) is no longer stored");
            }

            rendered = ActivityRenderer.RenderFileLink(item.Message, link, reference.ChannelId);
        }
        else
        {
            rendered = ActivityRenderer.Render(item.Message, reference.ChannelId);
        }

        var activity = Address(rendered, reference);
        var response = context is not null && context.ConversationId == conversationId
            ? await connector.ReplyToActivityAsync(reference.ServiceUrl, conversationId, context.ActivityId, activity, cancellationToken)
            : await connector.SendToConversationAsync(reference.ServiceUrl, conversationId, activity, cancellationToken);
        if (response.Succeeded)
        {
            if (response.Id is { Length: > 0 } id && item.Message is { Kind: OutboundKind.Choices, Choices.Count: > 0 } && ActivityRenderer.SupportsCards(reference.ChannelId))
            {
                await references.SaveSentCardAsync(Channel, conversationId, id, ChatOpsJson.Serialize(item.Message), time.GetUtcNow(), cancellationToken);
            }

            return new SendResult.Sent(response.Id);
        }

        return await FailedAsync(item, target, response, cancellationToken);
    }

    /// <summary>Sets conversation, bot and user on an activity from the reference.</summary>
    private static Activity Address(Activity activity, ConversationReference reference)
    {
        activity.Conversation = new ConversationAccount { Id = reference.Conversation.Id, IsGroup = reference.Conversation.IsGroup, TenantId = reference.TenantId };
        activity.From = reference.Bot;
        activity.Recipient = reference.Conversation.IsGroup == true ? null : reference.User;
        activity.ChannelId = reference.ChannelId;
        activity.ServiceUrl = reference.ServiceUrl;
        return activity;
    }

    /// <summary>
    /// The user's 1:1 conversation: the newest reachable one, or a new one started from a group reference. When the
    /// user's last activity on this instance came from it and was checked against the database within the writer's
    /// trust (<see cref="ConversationReferenceWriter.TrustedPersonal"/>), that one, without a look-up.
    /// </summary>
    private async Task<(Target? Target, SendResult? Failure)> ResolveUserAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        if (referenceWriter.TrustedPersonal(item.Address, time.GetUtcNow()) is { } remembered)
        {
            return (new Target(item.Address, remembered, IsGroup: false), null);
        }

        var known = await references.ListForUserAsync(Channel, item.Address, cancellationToken);
        if (known.Count == 0)
        {
            return await StartPersonalConversationAsync(item, cancellationToken);
        }

        var reachable = known.Where(r => !r.Unreachable).ToList();
        if (reachable.Count == 0)
        {
            return (null, new SendResult.Failed($"{BlockedError} ({known[0].UnreachableReason})"));
        }

        if (reachable.FirstOrDefault(r => !r.IsGroup) is { } personal)
        {
            return (new Target(personal.UserId, BotFrameworkChannel.FromRecord(personal), IsGroup: false), null);
        }

        return await CreatePersonalConversationAsync(item, reachable[0], cancellationToken);
    }

    /// <summary>Starts a 1:1 conversation with a user known from a group (Teams: with the tenant) and stores its reference.</summary>
    private async Task<(Target? Target, SendResult? Failure)> CreatePersonalConversationAsync(
        OutboxItem item, ConversationReferenceRecord seenIn, CancellationToken cancellationToken)
    {
        var group = BotFrameworkChannel.FromRecord(seenIn);
        var user = group.User ?? new ChannelAccount { Id = seenIn.UserId };
        var parameters = new ConversationParameters
        {
            IsGroup = false,
            Bot = group.Bot,
            Members = [new ChannelAccount { Id = user.Id }],
            TenantId = group.TenantId,
            ChannelData = group.TenantId is null
                ? null
                : System.Text.Json.JsonSerializer.SerializeToElement(new { tenant = new { id = group.TenantId } }, BotFrameworkJson.Options),
        };
        var created = await connector.CreateConversationAsync(group.ServiceUrl, parameters, cancellationToken);
        if (!created.Succeeded || string.IsNullOrEmpty(created.Id))
        {
            var target = new Target(seenIn.UserId, group, IsGroup: false);
            return (null, created.Succeeded
                ? new SendResult.Retry(TimeSpan.FromMinutes(1), "the Bot Connector created a conversation without an id")
                : await FailedAsync(item, target, created, cancellationToken));
        }

        var personal = group with
        {
            ServiceUrl = created.ServiceUrl ?? group.ServiceUrl,
            Conversation = new ConversationAccount { Id = created.Id, IsGroup = false, ConversationType = "personal", TenantId = group.TenantId },
            ActivityId = null,
        };
        referenceWriter.ForgetUser(seenIn.UserId);
        await references.SaveAsync(BotFrameworkChannel.ToRecord(personal, seenIn.UserId, time.GetUtcNow()), cancellationToken);
        logger.LogInformation("Started a 1:1 {ChannelId} conversation with {User} for a proactive message", personal.ChannelId, seenIn.UserId);
        return (new Target(seenIn.UserId, personal, IsGroup: false), null);
    }

    /// <summary>
    /// A Teams user the bot never heard from: with the tenant and its service URL configured
    /// (<see cref="BotFrameworkOptions.ServiceUrlFor"/>), the 1:1 conversation is created (POST /v3/conversations);
    /// otherwise the message waits until the person writes to the bot (the reference then releases it).
    /// </summary>
    private async Task<(Target? Target, SendResult? Failure)> StartPersonalConversationAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.ServiceUrlFor(settings.EffectiveTenantId) is not { } serviceUrl || !settings.HasAppId)
        {
            return (null, new SendResult.Wait(
                $"no Bot Framework conversation with user '{item.Address}' is known yet and no service URL is configured for their tenant: "
                + "the message is sent as soon as the person writes to the bot (or installs it in Teams)"));
        }

        var tenant = settings.EffectiveTenantId;
        var bot = new ChannelAccount { Id = "28:" + settings.AppId!.Trim() };
        var user = new ChannelAccount { Id = item.Address };
        var seed = new ConversationReference(serviceUrl, "msteams", new ConversationAccount { Id = string.Empty }, user, bot, tenant);
        var record = BotFrameworkChannel.ToRecord(seed, item.Address, time.GetUtcNow());
        return await CreatePersonalConversationAsync(item, record with { ConversationId = "new", IsGroup = false }, cancellationToken);
    }

    private async Task<(Target? Target, SendResult? Failure)> ResolveGroupAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        var stored = await references.FindConversationAsync(Channel, item.Address, cancellationToken);
        if (stored is null)
        {
            return (null, new SendResult.Failed($"the Bot Framework conversation '{item.Address}' is not known: add the bot to it first"));
        }

        if (stored.Unreachable)
        {
            return (null, new SendResult.Failed($"{BlockedError} ({stored.UnreachableReason})"));
        }

        return (new Target(stored.UserId, BotFrameworkChannel.FromRecord(stored), IsGroup: true), null);
    }

    /// <summary>PUTs the answered version of a card (greyed out, no buttons).</summary>
    private async Task<SendResult> UpdateCardAsync(OutboxItem item, BotFrameworkReplyContext context, CancellationToken cancellationToken)
    {
        var stored = await references.FindConversationAsync(Channel, context.ConversationId, cancellationToken);
        if (stored is null)
        {
            return new SendResult.Failed($"card not greyed out: conversation '{context.ConversationId}' is not known");
        }

        var reference = BotFrameworkChannel.FromRecord(stored);
        var activity = Address(ActivityRenderer.RenderAnswered(item.Message, context.Answered!, context.Expired), reference);
        var response = await connector.UpdateActivityAsync(reference.ServiceUrl, context.ConversationId, context.ActivityId, activity, cancellationToken);
        return response.Outcome switch
        {
            ConnectorOutcome.Succeeded => new SendResult.Sent(context.ActivityId),
            ConnectorOutcome.RetryLater => new SendResult.Retry(response.RetryAfter, response.Error ?? "retry"),
            _ => new SendResult.Failed($"card not greyed out: {response.Error}"),
        };
    }

    private async Task<SendResult> FailedAsync(OutboxItem item, Target target, ConnectorResponse response, CancellationToken cancellationToken)
    {
        switch (response.Outcome)
        {
            case ConnectorOutcome.RetryLater:
                return new SendResult.Retry(response.RetryAfter, response.Error ?? $"HTTP {response.StatusCode}");
            case ConnectorOutcome.Forbidden:
                var reason = $"{BlockedError} ({response.Error})";
                var now = time.GetUtcNow();
                if (target.IsGroup)
                {
                    referenceWriter.ForgetConversation(target.Reference.Conversation.Id!);
                }
                else
                {
                    referenceWriter.ForgetUser(target.UserId);
                }

                var newly = target.IsGroup
                    ? await references.MarkConversationUnreachableAsync(Channel, target.Reference.Conversation.Id!, reason, now, cancellationToken)
                    : await references.MarkUserUnreachableAsync(Channel, target.UserId, reason, now, cancellationToken);
                logger.LogWarning("Outbox {Id}: {Channel} refused the message to {Address} (403): {Error}", item.Id, target.Reference.ChannelId, item.Address, response.Error);
                if (newly)
                {
                    await notifier.NotifyAsync(item, target.IsGroup, reason, cancellationToken);
                }

                return new SendResult.Failed(reason);
            default:
                return new SendResult.Failed(response.Error ?? $"HTTP {response.StatusCode}");
        }
    }

    /// <summary>Where a message goes: the user (empty for a group), the reference used, and whether it is a group.</summary>
    private sealed record Target(string UserId, ConversationReference Reference, bool IsGroup);
}
