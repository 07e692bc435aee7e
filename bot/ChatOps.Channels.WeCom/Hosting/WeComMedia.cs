using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ChatOps.Channels.WeCom.Api;
using ChatOps.Core.Attachments;
using ChatOps.Core.Organization;

namespace ChatOps.Channels.WeCom.Hosting;

/// <summary>
/// Inbound pictures and files of WeCom (接收消息: MsgType image with PicUrl and MediaId, file with MediaId): the inbox
/// keeps the app and the media id; the bytes are fetched later with <c>GET /cgi-bin/media/get</c> (media ids are valid
/// for 3 days).
/// </summary>
public static class WeComMedia
{
    /// <summary>The API path of media/get.</summary>
    public const string MediaGetPath = "/cgi-bin/media/get";

    /// <summary>The attachment of an image or file message, or null for other messages (voice, video, location, link).</summary>
    public static InboundAttachment? AttachmentOf(WeComInbound inbound, string appKey, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        if (string.IsNullOrWhiteSpace(inbound.MediaId) || inbound.MsgType is not (WeComMessageTypes.Image or WeComMessageTypes.File))
        {
            return null;
        }

        var reference = JsonSerializer.Serialize(new Reference(appKey, inbound.MediaId.Trim(), inbound.MsgType));
        var name = inbound.Fields.GetValueOrDefault("FileName") is { Length: > 0 } fileName ? fileName
            : inbound.MsgType == WeComMessageTypes.Image ? AttachmentText.PictureName(at) : WeComText.UnnamedFile;
        return new InboundAttachment(name, inbound.MsgType == WeComMessageTypes.Image ? "image/jpeg" : null, reference);
    }

    /// <summary>The file name of Content-Disposition (filename* first; a plain filename may carry raw UTF-8 or percent-encoding).</summary>
    public static string? FileNameOf(ContentDispositionHeaderValue? disposition)
    {
        var name = disposition?.FileNameStar ?? disposition?.FileName;
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        name = name.Trim().Trim('"');
        if (name.Contains('%', StringComparison.Ordinal))
        {
            name = Uri.UnescapeDataString(name);
        }
        else if (name.Any(c => c is >= '\u0080' and <= '\u00ff'))
        {
            name = Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(name)); // raw UTF-8 bytes read as Latin-1
        }

        return AttachmentTypes.CleanName(name);
    }

    /// <summary>What the inbox keeps to fetch a media: the app that received it (its token), the media id and the MsgType.</summary>
    internal sealed record Reference(string App, string MediaId, string Type);
}

/// <summary>
/// Fetches WeCom media with media/get through the app that received the message: a binary answer is the file (its name
/// from Content-Disposition), a JSON answer an error — 40007 (invalid media_id) is final, -1 and transport failures may
/// pass, a rejected token is refreshed once. Reads at most the limit + 1 bytes.
/// </summary>
internal sealed class WeComAttachmentFetcher(WeComApps apps, ILogger<WeComAttachmentFetcher> logger) : IAttachmentFetcher
{
    public string Channel => ChannelNames.WeCom;

    public async Task<FetchedFile> FetchAsync(InboundAttachment attachment, long maxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        var reference = JsonSerializer.Deserialize<WeComMedia.Reference>(attachment.Reference)
            ?? throw new AttachmentFetchException(AttachmentRefusal.NotFound, "Empty WeCom media reference.");
        var app = apps.Find(reference.App) ?? apps.Sending;
        for (var attempt = 0; ; attempt++)
        {
            var token = await app.Tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            var url = new Uri($"{app.Options.BaseUrlTrimmed}{WeComMedia.MediaGetPath}?access_token={Uri.EscapeDataString(token)}&media_id={Uri.EscapeDataString(reference.MediaId)}");
            using var response = await SendAsync(url, cancellationToken).ConfigureAwait(false);
            var type = response.Content.Headers.ContentType?.MediaType ?? "application/octet-stream";
            var content = await ReadAsync(response.Content, maxBytes, cancellationToken).ConfigureAwait(false);
            if (type is "application/json" or "text/plain" && ErrCodeOf(content) is { } code)
            {
                if (WeComErrorCodes.IsTokenRejected(code) && attempt == 0)
                {
                    await app.Tokens.InvalidateAsync(token, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                logger.LogInformation("WeCom media/get answered errcode {ErrCode} for a {Type} message", code, reference.Type);
                throw new AttachmentFetchException(
                    code is WeComErrorCodes.SystemBusy or WeComErrorCodes.ApiFrequencyLimited or WeComErrorCodes.ApiConcurrencyLimited
                        ? AttachmentRefusal.Unavailable : AttachmentRefusal.NotFound,
                    $"WeCom media/get errcode {code}");
            }

            var served = WeComMedia.FileNameOf(response.Content.Headers.ContentDisposition);
            var name = reference.Type == WeComMessageTypes.Image || served is null
                ? Path.ChangeExtension(attachment.Name, Path.GetExtension(served ?? "") is { Length: > 0 } ext ? ext : Path.GetExtension(attachment.Name))
                : served;
            return new FetchedFile(name, type, content);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(Uri url, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            response = await apps.Http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new AttachmentFetchException(AttachmentRefusal.Unavailable, "WeCom media/get failed: " + ex.GetType().Name, ex);
        }

        if (response.StatusCode == HttpStatusCode.NotFound || !response.IsSuccessStatusCode)
        {
            var status = (int)response.StatusCode;
            response.Dispose();
            throw new AttachmentFetchException(status >= 500 || status == 429 ? AttachmentRefusal.Unavailable : AttachmentRefusal.NotFound, $"WeCom media/get HTTP {status}");
        }

        return response;
    }

    private static async Task<byte[]> ReadAsync(HttpContent content, long maxBytes, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await AttachmentStreams.ReadLimitedAsync(stream, content.Headers.ContentLength, maxBytes, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The errcode of a JSON error answer; null when the body is not one (a text file is a file).</summary>
    private static int? ErrCodeOf(byte[] body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("errcode", out var code) && code.TryGetInt32(out var value)
                ? value : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
