using ChatOps.Channels.WeCom.Api;

namespace ChatOps.Channels.WeCom.Hosting;

/// <summary>The file of a file message to a member: WeCom media, uploaded once per file and app, or a link when WeCom refuses the file.</summary>
public sealed partial class WeComChannelSender
{
    /// <summary>
    /// The file of a file message as WeCom media: uploaded at send time (media ids last 3 days, a message may wait
    /// longer), once per file and app — a resend after an unknown outcome reuses the media id, so WeCom's duplicate check
    /// still recognises the message. The size is checked from the stored details before the bytes are read. When WeCom
    /// refuses the file itself (40004 its type, 40006 its size, or outside 5 B–20 MB) the person gets the caption, a line
    /// saying so (<see cref="FileRefusedNote"/>) and a signed download link (<see cref="OutboundFiles.LinkMessage"/>), when
    /// the public address is configured; otherwise the message fails with the reason. Any other error (40005: our own
    /// request's type is wrong) fails or retries the message as every call does — never a silent link. The result is the
    /// file content, or the link message's parts.
    /// </summary>
    private async Task<(IReadOnlyList<WeComContent>? Content, SendResult? Failure)> UploadAsync(OutboxItem item, OutboundFile file, WeComApp app, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (_mediaIds.Find(file.Id, app.Key, now) is { } known)
        {
            return ([WeComContent.File(known)], null);
        }

        if (await _files.FindAsync(file, cancellationToken).ConfigureAwait(false) is not { } stored)
        {
            return (null, new SendResult.Failed($"the file '{file.Name}' ({file.Id}) is no longer stored"));
        }

        string refusal;
        if (stored.Size is < WeComApiClient.MinFileBytes or > WeComApiClient.MaxFileBytes)
        {
            refusal = string.Create(CultureInfo.InvariantCulture, $"WeCom takes files of {WeComApiClient.MinFileBytes} bytes to 20 MB; this one has {stored.Size}");
        }
        else if (await _files.ReadAsync(stored, cancellationToken).ConfigureAwait(false) is not { } bytes)
        {
            return (null, new SendResult.Failed($"the file '{file.Name}' ({file.Id}) is no longer stored"));
        }
        else
        {
            try
            {
                var mediaId = await app.Client.UploadFileAsync(stored.Name, bytes, cancellationToken).ConfigureAwait(false);
                _mediaIds.Remember(file.Id, app.Key, mediaId, now);
                return ([WeComContent.File(mediaId)], null);
            }
            catch (WeComApiException ex) when (WeComErrorCodes.IsMediaRefused(ex.ErrCode))
            {
                refusal = ex.Message;
            }
        }

        var link = _files.Link(stored, item.PersonId ?? item.Address);
        _logger.LogWarning("WeCom does not take the file of outbox {Id} ({Reason}); {Fallback}", item.Id, refusal, link is null ? "no public address for a link" : "sending a download link");
        return link is null
            ? (null, new SendResult.Failed($"WeCom refused the file '{file.Name}': {refusal}; no PublicBaseUrl is configured for a download link"))
            : (RenderForMember(item with { Message = OutboundFiles.LinkMessage(item.Message, link, FileRefusedNote) }), null);
    }
}
