using ChatOps.Channels.WeCom.Api;
using ChatOps.Core.Organization;

namespace ChatOps.Channels.WeCom.Hosting;

/// <summary>
/// Sends outbox items on WeCom. To a member through message/send of the sending app: text, markdown, and choices as an
/// interactive button_interaction card (buttons keyed by the choice's value) or, where a card cannot hold them, numbered
/// text that accepts 1/2/3. To a group (<see cref="OutboxItem.GroupCode"/> set): an app chat (appchat/send, address =
/// chatid) or a group robot (webhook/send, address = its webhook URL), always as text or markdown. Card updates queued
/// by the callback endpoint (<see cref="WeComCardClick"/>) go out as update_template_card.
/// WeCom silently drops what exceeds 30 messages a minute or 1000 an hour per member, and a robot takes 20 a minute, so
/// this sender counts its sends and answers <see cref="SendResult.Retry"/> with the wait instead of exceeding them.
/// Other outcomes: rate limits (45009/45033) → the app (or robot) pauses, growing while it repeats (<see cref="WeComSendPause"/>),
/// and every message for it waits without a call; transient failures → retry;
/// errors of the app's configuration (60020 IP not trusted, 40001 secret, 40013 corp id, 48002 permission: those
/// <see cref="WeComErrorAdvice"/> marks as breaking the app) → the app's messages are held (paused like a rate limit,
/// from <c>WeCom:ConfigurationRetryAfter</c>, doubling) and retried until an administrator fixes it, never failed;
/// invaliduser / unlicensed / 81013 → <see cref="SendResult.Failed"/> with the reason (recorded and shown to the office);
/// a resend carries enable_duplicate_check so an earlier, uncertain attempt is not shown twice.
/// </summary>
public sealed partial class WeComChannelSender : IChannelSender
{
    /// <summary>Wait after a token that WeCom keeps refusing (wrong secret, revoked app): the operator has to act.</summary>
    private static readonly TimeSpan CredentialRetry = TimeSpan.FromMinutes(1);

    /// <summary>Stands for the file while the rate limit is counted, before the upload.</summary>
    private static readonly WeComContent FilePlaceholder = WeComContent.File("pending");

    /// <summary>What the person reads above the download link when WeCom refuses the file itself.</summary>
    public const string FileRefusedNote = WeComText.FileRefusedNote;

    /// <summary>Wait after a transient failure the client already retried.</summary>
    private static readonly TimeSpan TransientRetry = TimeSpan.FromSeconds(5);

    private readonly WeComApps _apps;
    private readonly IOutboxDispatch _outbox;
    private readonly TimeProvider _time;
    private readonly ILogger<WeComChannelSender> _logger;
    private readonly OutboundFiles _files;
    private readonly WeComMediaIds _mediaIds = new();
    private readonly PerMemberRateLimiter _members = PerMemberRateLimiter.ForMembers();
    private readonly PerMemberRateLimiter _robots = PerMemberRateLimiter.ForWebhooks();
    private readonly WeComSendPause _pause = new();
    private long _lastPrune;

    /// <summary>Creates the sender.</summary>
    public WeComChannelSender(WeComApps apps, IOutboxDispatch outbox, TimeProvider time, ILogger<WeComChannelSender> logger, OutboundFiles files)
    {
        _files = files;
        _apps = apps;
        _outbox = outbox;
        _time = time;
        _logger = logger;
    }

    /// <inheritdoc />
    public string Channel => ChannelNames.WeCom;

    /// <inheritdoc />
    public async Task<SendResult> SendAsync(OutboxItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        PruneNowAndThen();
        var pauseKey = PauseKey(item);
        if (_pause.IsPaused(pauseKey, _time.GetUtcNow(), out var left, out var cause))
        {
            return new SendResult.Retry(left, cause is null
                ? string.Create(CultureInfo.InvariantCulture, $"sending through WeCom {pauseKey} is paused for {left.TotalSeconds:0} s after a rate-limit answer")
                : string.Create(CultureInfo.InvariantCulture, $"sending through WeCom {pauseKey} is held for {left.TotalSeconds:0} s until its configuration is fixed: {cause}"));
        }

        try
        {
            var result = WeComCardClick.TryParse(item.ReplyContext, out var click)
                ? await UpdateCardAsync(item, click!, cancellationToken).ConfigureAwait(false)
                : item.GroupCode is null
                    ? await SendToMemberAsync(item, cancellationToken).ConfigureAwait(false)
                    : await SendToGroupAsync(item, cancellationToken).ConfigureAwait(false);
            if (result is SendResult.Sent)
            {
                _pause.Succeeded(pauseKey);
            }

            return result;
        }
        catch (WeComRateLimitedException ex)
        {
            var pause = _pause.RateLimited(pauseKey, ex.RetryAfter, _time.GetUtcNow());
            _logger.LogWarning("WeCom answered errcode {ErrCode} to outbox {Id}: sending through {Key} pauses for {Pause}", ex.ErrCode, item.Id, pauseKey, pause);
            return new SendResult.Retry(pause, ex.Message);
        }
        catch (WeComApiException ex) when (WeComErrorAdvice.For(ex.ErrCode) is { BreaksApp: true })
        {
            // The app's configuration (trusted IP, secret, corp id, permissions): no message of it can go out until an
            // administrator acts. Hold them all, try one now and then, and let the office be told (ChannelAlerts).
            var hold = _pause.Refused(pauseKey, _apps.ConfigurationRetryAfter, _time.GetUtcNow(), ex.Message);
            _logger.LogError("WeCom refuses the configuration of {Key} (errcode {ErrCode}): its messages are held, outbox {Id} tries again in {Hold}",
                pauseKey, ex.ErrCode, item.Id, hold);
            return new SendResult.Retry(hold, ex.Message);
        }
        catch (WeComApiException ex) when (WeComErrorCodes.IsTokenRejected(ex.ErrCode))
        {
            _logger.LogError("WeCom refuses the credentials of the sending app (errcode {ErrCode}); outbox {Id} waits", ex.ErrCode, item.Id);
            return new SendResult.Retry(CredentialRetry, ex.Message);
        }
        catch (WeComException ex) when (ex.IsTransient)
        {
            return new SendResult.Retry(TransientRetry, ex.Message);
        }
        catch (WeComException ex)
        {
            _logger.LogWarning("WeCom refused outbox {Id} to {Address}: {Error}", item.Id, Redact(item), ex.Message);
            return new SendResult.Failed(ex.Message);
        }
        catch (ArgumentException ex)
        {
            _logger.LogWarning("Outbox {Id} cannot be sent on WeCom: {Error}", item.Id, ex.Message);
            return new SendResult.Failed("cannot be sent on WeCom: " + ex.Message);
        }
    }

    /// <summary>
    /// The contents one outbox item to a member becomes, in order: long text is split at WeCom's 2048 bytes (WeCom would
    /// cut it); choices become one card when WeCom's card limits allow, else numbered text.
    /// </summary>
    public static IReadOnlyList<WeComContent> RenderForMember(OutboxItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var message = item.Message;
        switch (message.Kind)
        {
            case OutboundKind.Markdown:
                return [.. WeComLimits.SplitUtf8(WeComMarkdown.FromCommonMark(message.Text), WeComLimits.MarkdownMaxBytes).Select(WeComContent.Markdown)];
            case OutboundKind.Choices when message.Choices.Count > 0 && TryRenderCard(item) is { } card:
                return [card];
            default:
                return [.. WeComLimits.SplitUtf8(message.ToNumberedText(), WeComLimits.TextMaxBytes).Select(WeComContent.Text)];
        }
    }

    /// <summary>What a group chat or robot receives: text or markdown (groups have no interactive cards).</summary>
    public static IReadOnlyList<WeComContent> RenderForGroup(OutboxItem item, int textMaxBytes, int markdownMaxBytes)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Message.Kind == OutboundKind.Markdown
            ? [.. WeComLimits.SplitUtf8(WeComMarkdown.FromCommonMark(item.Message.Text), markdownMaxBytes).Select(WeComContent.Markdown)]
            : [.. WeComLimits.SplitUtf8(item.Message.ToNumberedText(), textMaxBytes).Select(WeComContent.Text)];
    }

    private static WeComContent? TryRenderCard(OutboxItem item)
    {
        var message = item.Message;
        var text = message.Text.Trim();

        // The card's title is the message's title; a short question without one becomes the title itself.
        var shortQuestion = message.Title is null && text.Length <= WeComLimits.CardTitleMaxChars && !text.Contains('\n', StringComparison.Ordinal);
        var prompt = new WeComChoicePrompt
        {
            Title = message.Title ?? (shortQuestion ? text : WeComText.CardTitle),
            Description = shortQuestion || text.Length == 0 ? null : text,
            Choices = [.. message.Choices.Select(c => new WeComChoice(c.Label, c.Value))],
            TaskId = WeComTaskIds.For(item),
        };

        try
        {
            var rendering = WeComCardRenderer.Render(prompt);
            return rendering.IsCard ? rendering.Content : null;
        }
        catch (ArgumentException)
        {
            // E.g. two choices with the same value: numbered text still works.
            return null;
        }
    }

    private async Task<SendResult> SendToMemberAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        var app = _apps.Sending;
        var userId = item.Address;
        // A file message: its caption as any text (split at 2048 bytes), then the file.
        var parts = item.Message.File is null ? RenderForMember(item) : [.. RenderForMember(item with { Message = item.Message with { File = null } }), FilePlaceholder];
        if (parts.Count > WeComLimits.MemberMessagesPerMinute)
        {
            return new SendResult.Failed(string.Create(CultureInfo.InvariantCulture, $"the message needs {parts.Count} WeCom messages, more than a member may receive in a minute"));
        }

        // Count every part before sending any, so that a message is never cut off halfway by the limit.
        var key = PerMemberRateLimiter.MemberKey(app.Options.CorpId, app.Options.AgentId, userId);
        var now = _time.GetUtcNow();
        foreach (var _ in parts)
        {
            if (!_members.TryAcquire(key, now, out var wait))
            {
                return new SendResult.Retry(wait, string.Create(CultureInfo.InvariantCulture,
                    $"WeCom's per-member limit ({WeComLimits.MemberMessagesPerMinute}/min, {WeComLimits.MemberMessagesPerHour}/h) for {userId}: next send in {wait.TotalSeconds:0} s"));
            }
        }

        if (item.Message.File is { } file)
        {
            var (content, failure) = await UploadAsync(item, file, app, cancellationToken).ConfigureAwait(false);
            if (content is null)
            {
                return failure!;
            }

            parts = content is [WeComFileContent fileContent] ? [.. parts.SkipLast(1), fileContent] : content;
        }

        // A resend may follow an attempt whose outcome was unknown: WeCom then drops what it already delivered.
        var resend = item.Attempts > 1;
        var interval = DuplicateCheckInterval(item, now);
        string? msgId = null;
        foreach (var part in parts)
        {
            WeComSendResult result;
            try
            {
                result = await app.Client.SendMessageAsync(new WeComSendRequest
                {
                    ToUsers = [userId],
                    Content = part,
                    EnableDuplicateCheck = resend,
                    DuplicateCheckInterval = resend ? interval : null,
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (WeComApiException ex) when (ex.ErrCode == WeComErrorCodes.InvalidTaskId && resend && part is WeComTemplateCardContent)
            {
                // Our task_ids are valid and unique per outbox item: WeCom has this card from an earlier attempt.
                _logger.LogInformation("Outbox {Id}: the card was delivered by an earlier attempt (task_id exists)", item.Id);
                continue;
            }

            if (!result.Delivered || result.IsInvalidUser(userId))
            {
                var reason = $"invaliduser: WeCom does not deliver to userid '{userId}' in app {app.Key} "
                    + "(not a member, outside the app's visible range, or without an interface licence); check the directory's WeCom account";
                _logger.LogWarning("WeCom message {Id} for {Person} failed: {Reason}", item.Id, item.PersonId ?? userId, reason);
                return new SendResult.Failed(reason);
            }

            msgId ??= result.MsgId;
        }

        return new SendResult.Sent(msgId);
    }

    private async Task<SendResult> SendToGroupAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        if (item.Message.File is { } file)
        {
            // Group chats and robots take no app media here: never send the caption alone as if it were the message. The
            // failure is logged and recorded as any group chat's refusal is.
            var error = $"the file '{file.Name}' cannot be sent to a WeCom group chat; send it to each person instead";
            _logger.LogWarning("WeCom refused outbox {Id} to {Address}: {Error}", item.Id, Redact(item), error);
            return new SendResult.Failed(error);
        }

        var app = _apps.Sending;
        if (Uri.TryCreate(item.Address, UriKind.Absolute, out var webhook) && (webhook.Scheme == Uri.UriSchemeHttps || webhook.Scheme == Uri.UriSchemeHttp))
        {
            var parts = RenderForGroup(item, WeComLimits.WebhookTextMaxBytes, WeComLimits.WebhookMarkdownMaxBytes);
            var key = WeComApiClient.WebhookRateKey(webhook);
            var now = _time.GetUtcNow();
            foreach (var _ in parts)
            {
                if (!_robots.TryAcquire(key, now, out var wait))
                {
                    return new SendResult.Retry(wait, string.Create(CultureInfo.InvariantCulture,
                        $"group robot {item.GroupCode}: {WeComLimits.WebhookMessagesPerMinute} messages a minute; next send in {wait.TotalSeconds:0} s"));
                }
            }

            foreach (var part in parts)
            {
                await app.Client.WebhookSendAsync(webhook, part, cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            return new SendResult.Sent(null);
        }

        foreach (var part in RenderForGroup(item, WeComLimits.TextMaxBytes, WeComLimits.MarkdownMaxBytes))
        {
            await app.Client.AppChatSendAsync(item.Address, part, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return new SendResult.Sent(null);
    }

    private async Task<SendResult> UpdateCardAsync(OutboxItem item, WeComCardClick click, CancellationToken cancellationToken)
    {
        var app = _apps.Find(click.App) ?? _apps.Sending;
        var caption = await CaptionAsync(item, click, cancellationToken).ConfigureAwait(false);
        await app.Client.UpdateTemplateCardAsync(WeComCardUpdate.GreyOut(click.ResponseCode, caption, item.Address), cancellationToken).ConfigureAwait(false);
        return new SendResult.Sent(null);
    }

    /// <summary>"已选择：提交": the label of the pressed button, found on the card's own outbox item (its task_id names it).</summary>
    private async Task<string> CaptionAsync(OutboxItem item, WeComCardClick click, CancellationToken cancellationToken)
    {
        if (click.Stale)
        {
            return WeComCardRenderer.ExpiredCaption;
        }

        string? label = null;
        if (item.PersonId is { } personId && WeComTaskIds.TryGetOutboxId(click.TaskId, out var cardId) && cardId > 0)
        {
            var sent = await _outbox.ListForPersonAsync(personId, ChannelNames.WeCom, cardId - 1, cancellationToken).ConfigureAwait(false);
            label = sent.FirstOrDefault(s => s.Id == cardId)?.Message.Choices.FirstOrDefault(c => c.Value == click.ButtonKey)?.Label;
        }

        label ??= click.ButtonKey;
        return WeComCardRenderer.ChosenPrefix + (label.Length <= WeComLimits.CardButtonTextMaxChars ? label : label[..WeComLimits.CardButtonTextMaxChars] + "…");
    }

    /// <summary>Covers everything since the item was queued (1 s to WeCom's maximum of 4 h), and nothing older.</summary>
    private static TimeSpan DuplicateCheckInterval(OutboxItem item, DateTimeOffset now)
    {
        var since = now - item.CreatedAt + TimeSpan.FromMinutes(1);
        return since < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1)
            : since > WeComLimits.MaxDuplicateCheckInterval ? WeComLimits.MaxDuplicateCheckInterval
            : TimeSpan.FromSeconds(Math.Ceiling(since.TotalSeconds));
    }

    /// <summary>
    /// What a rate limit holds back: a group robot's own 20 a minute (its webhook), else the app that sends the item
    /// (a card update goes through the app that reported the click).
    /// </summary>
    private string PauseKey(OutboxItem item)
    {
        if (WeComCardClick.TryParse(item.ReplyContext, out var click))
        {
            return "app " + (_apps.Find(click!.App) ?? _apps.Sending).Key;
        }

        return item.GroupCode is not null && Uri.TryCreate(item.Address, UriKind.Absolute, out var webhook) && (webhook.Scheme == Uri.UriSchemeHttps || webhook.Scheme == Uri.UriSchemeHttp)
            ? "robot " + item.GroupCode
            : "app " + _apps.Sending.Key;
    }

    /// <summary>A webhook URL carries its key: logs show the group code instead.</summary>
    private static string Redact(OutboxItem item) => item.GroupCode is { } group ? "group " + group : item.Address;

    private void PruneNowAndThen()
    {
        var now = _time.GetUtcNow();
        var last = Interlocked.Read(ref _lastPrune);
        if (now.UtcTicks - last > TimeSpan.TicksPerMinute * 10 && Interlocked.CompareExchange(ref _lastPrune, now.UtcTicks, last) == last)
        {
            _members.Prune(now);
            _robots.Prune(now);
        }
    }
}
