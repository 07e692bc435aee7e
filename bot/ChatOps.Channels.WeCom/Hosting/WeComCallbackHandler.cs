using ChatOps.Core.Organization;
using Microsoft.AspNetCore.Http;

namespace ChatOps.Channels.WeCom.Hosting;

/// <summary>
/// WeCom's callback endpoint of one app. GET is the URL check: the decrypted echostr is answered as plain text. POST
/// carries a message or an event: the signature, the timestamp and the ReceiveId (our corp id) are checked and the body
/// decrypted and parsed (<see cref="WeComCrypto"/>, <see cref="WeComInboundParser"/>); a text, a card button click, a
/// menu click or any other content message is stored in the inbox (deduplicated by MsgId, events by
/// FromUserName+CreateTime) <b>before</b> the answer, which is WeCom's empty answer (200, no body) at once: WeCom waits
/// 5 s and retries, and the reply goes out later through the API. A click also queues the update of its card.
/// Bad input never changes anything: it gets 403 (signature, timestamp, corp id), 413 (over 1 MB) or 400 (Base64,
/// padding, XML, DTD), and one log line naming the reason; an unknown MsgType gets the empty answer so WeCom stops
/// retrying something we will never understand. Only a storage failure answers 503, so that WeCom retries.
/// </summary>
public sealed class WeComCallbackHandler
{
    private readonly IInbox _inbox;
    private readonly IDirectoryRepository _directory;
    private readonly IUnitOfWorkFactory _work;
    private readonly IWorkSignal _signal;
    private readonly TimeProvider _time;
    private readonly ILogger<WeComCallbackHandler> _logger;

    /// <summary>Creates the handler.</summary>
    public WeComCallbackHandler(
        IInbox inbox, IDirectoryRepository directory, IUnitOfWorkFactory work, IWorkSignal signal, TimeProvider time, ILogger<WeComCallbackHandler> logger)
    {
        _inbox = inbox;
        _directory = directory;
        _work = work;
        _signal = signal;
        _time = time;
        _logger = logger;
    }

    /// <summary>The HTTP status for a rejected callback.</summary>
    public static int StatusFor(WeComCallbackFailureReason reason) => reason switch
    {
        WeComCallbackFailureReason.BadSignature or WeComCallbackFailureReason.StaleTimestamp or WeComCallbackFailureReason.ReceiveIdMismatch
            => StatusCodes.Status403Forbidden,
        WeComCallbackFailureReason.TooLarge => StatusCodes.Status413PayloadTooLarge,
        WeComCallbackFailureReason.UnknownMessageType => StatusCodes.Status200OK,
        _ => StatusCodes.Status400BadRequest,
    };

    /// <summary>GET: WeCom's URL check.</summary>
    public async Task VerifyUrlAsync(HttpContext context, WeComApp app)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(app);
        var query = context.Request.Query;
        string echo;
        try
        {
            echo = app.Crypto.VerifyUrl(query["msg_signature"], query["timestamp"], query["nonce"], query["echostr"]);
        }
        catch (WeComCallbackException ex)
        {
            await RejectAsync(context, app, ex).ConfigureAwait(false);
            return;
        }

        _logger.LogInformation("WeCom URL check of app {App} answered", app.Key);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(echo, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>POST: a message or an event.</summary>
    public async Task ReceiveAsync(HttpContext context, WeComApp app)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(app);
        var request = context.Request;
        var cancellationToken = context.RequestAborted;
        try
        {
            if (request.ContentLength > WeComChannelOptions.MaxBodyBytes)
            {
                throw new WeComCallbackException(WeComCallbackFailureReason.TooLarge, "The request body exceeds 1 MiB (Content-Length).");
            }

            var body = await WeComCallbackBody.ReadAsStringAsync(request.Body, WeComChannelOptions.MaxBodyBytes, cancellationToken).ConfigureAwait(false);
            var query = request.Query;
            var inbound = app.Crypto.DecryptInbound(query["msg_signature"], query["timestamp"], query["nonce"], body);
            await AcceptAsync(app, inbound, cancellationToken).ConfigureAwait(false);
        }
        catch (WeComCallbackException ex)
        {
            await RejectAsync(context, app, ex).ConfigureAwait(false);
            return;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // WeCom gave up waiting (or the host stops); nothing was acknowledged, so WeCom sends it again.
            return;
        }
        catch (BadHttpRequestException ex)
        {
            _logger.LogWarning("WeCom callback refused on app {App}: unreadable request ({Error})", app.Key, ex.Message);
            context.Response.StatusCode = ex.StatusCode;
            return;
        }
        catch (Exception ex)
        {
            // Not acknowledged, so WeCom retries: nothing is lost while the database is unavailable.
            _logger.LogError(ex, "WeCom callback of app {App} could not be stored; answering 503 so that WeCom retries", app.Key);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        // WeCom's expected answer without a passive reply: 200 and an empty body.
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentLength = 0;
    }

    /// <summary>Maps a parsed callback to the engine's input and stores it; other events are acknowledged only.</summary>
    private async Task AcceptAsync(WeComApp app, WeComInbound inbound, CancellationToken cancellationToken)
    {
        string? text = null;
        string? action = null;
        switch (inbound.Kind)
        {
            case WeComInboundKind.Text:
                text = inbound.Content;
                break;
            case WeComInboundKind.OtherContent:
                // An image or a file: its media id is stored and fetched before the turn; voice, video…: stored, so the
                // engine tells the person it only understands text.
                break;
            case WeComInboundKind.Event when inbound.Event is WeComEventTypes.TemplateCardEvent or WeComEventTypes.Click && !string.IsNullOrEmpty(inbound.EventKey):
                action = inbound.EventKey;
                break;
            default:
                // enter_agent, subscribe, contact changes…: nothing the dialogs act on.
                _logger.LogDebug("WeCom event {Event} from {User} on app {App} acknowledged", inbound.Event, inbound.FromUserName, app.Key);
                return;
        }

        var now = _time.GetUtcNow();
        var dedupeKey = DedupeKey(inbound);
        var cardId = inbound.SelectedButtonKey is not null ? WeComTaskIds.CardIdOf(inbound.TaskId) : null;
        var message = new InboundMessage(
            ChannelNames.WeCom, dedupeKey, inbound.FromUserName, text, action, inbound.ChatId, now, inbound.ResponseCode, cardId)
        {
            Attachments = WeComMedia.AttachmentOf(inbound, app.Key, inbound.CreatedAt) is { } attachment ? [attachment] : null,
        };

        // A card click: whether its card still asks the current step is read before the click is stored, because once
        // stored the engine may handle it at once and end the dialog, and the card would then look expired. The engine
        // refuses a stale click itself; this only chooses the caption the card is greyed with.
        Person? person = null;
        var stale = false;
        var isClick = inbound.SelectedButtonKey is not null && !string.IsNullOrEmpty(inbound.ResponseCode);
        if (isClick)
        {
            person = await _directory.FindByIdentityAsync(ChannelNames.WeCom, inbound.FromUserName, cancellationToken).ConfigureAwait(false);
            if (cardId is not null)
            {
                await using var read = await _work.BeginAsync(cancellationToken).ConfigureAwait(false);
                stale = person is null || cardId != await read.Dialogs.GetCardAsync(person.Id, cancellationToken).ConfigureAwait(false);
            }
        }

        // No directory look-up before the answer for other messages: the engine finds the sender by the same WeCom
        // userid when it handles the message, so the acknowledgement costs one (group) commit and no read.
        var stored = await _inbox.AcceptAsync(message, null, cancellationToken).ConfigureAwait(false);
        if (stored)
        {
            _signal.InboxChanged();
        }
        else
        {
            _logger.LogDebug("WeCom callback {Key} on app {App} is a repeat; acknowledged and dropped", dedupeKey, app.Key);
        }

        // A repeat queues it again on purpose: the dedupe key makes it once, and a crash between the two writes heals.
        if (isClick && inbound.SelectedButtonKey is { } key && inbound.ResponseCode is { } responseCode)
        {
            await using var work = await _work.BeginAsync(cancellationToken).ConfigureAwait(false);
            var click = new WeComCardClick(app.Key, responseCode, inbound.TaskId, key, stale);
            var queued = await work.Outbox.EnqueueAsync(new OutboxItem(
                0, ChannelNames.WeCom, inbound.FromUserName, person?.Id, null, OutboundMessage.Plain(WeComText.CardUpdate(key)), click.DedupeKeyFor(dedupeKey), now,
                ReplyContext: click.ToReplyContext()), cancellationToken).ConfigureAwait(false);
            await work.CommitAsync(cancellationToken).ConfigureAwait(false);
            if (queued)
            {
                _signal.OutboxChanged();
            }
        }
    }

    /// <summary>
    /// WeCom's key (MsgId for messages, FromUserName+CreateTime for events); a card click adds its card's task_id, so
    /// that clicks on two different cards within one second are two inputs, while every retry of one click stays one.
    /// </summary>
    public static string DedupeKey(WeComInbound inbound)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        return inbound.SelectedButtonKey is not null && !string.IsNullOrEmpty(inbound.TaskId) ? $"{inbound.DedupeKey}:{inbound.TaskId}" : inbound.DedupeKey;
    }

    private Task RejectAsync(HttpContext context, WeComApp app, WeComCallbackException ex)
    {
        var status = StatusFor(ex.Reason);
        _logger.LogWarning("WeCom callback refused on app {App} with {Status}: {Reason} ({Detail})", app.Key, status, ex.Reason, ex.Message);
        context.Response.StatusCode = status;
        if (status == StatusCodes.Status200OK)
        {
            context.Response.ContentLength = 0;
            return Task.CompletedTask;
        }

        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(ex.Reason.ToString(), CancellationToken.None);
    }
}
