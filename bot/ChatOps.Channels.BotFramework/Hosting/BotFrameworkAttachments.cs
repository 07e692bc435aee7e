using System.Net;
using System.Net.Http.Headers;
using ChatOps.Channels.BotFramework.Connector;
using ChatOps.Core.Attachments;

namespace ChatOps.Channels.BotFramework.Hosting;

/// <summary>
/// Files and pictures on a Bot Framework message: a Teams file (<c>application/vnd.microsoft.teams.file.download.info</c>
/// with a pre-authorised <c>content.downloadUrl</c>), a picture pasted in Teams or uploaded in Web Chat (an
/// <c>image/*</c> or other MIME type with a <c>contentUrl</c>). Cards, the HTML copy Teams adds of the text, and
/// anything without an http(s) address are not attachments of ours. The bot's token is sent only to addresses on the
/// activity's own service host (connector-hosted content), never to a third party.
/// </summary>
public static class BotFrameworkAttachments
{
    /// <summary>The content type of a file a Teams user sends the bot.</summary>
    public const string TeamsFileDownloadInfo = "application/vnd.microsoft.teams.file.download.info";

    /// <summary>The inbound attachments of <paramref name="activity"/>, in order; null when there are none.</summary>
    public static IReadOnlyList<InboundAttachment>? Of(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var found = new List<InboundAttachment>();
        foreach (var attachment in activity.Attachments ?? [])
        {
            var type = attachment.ContentType ?? "";
            string? url;
            string? declared;
            if (string.Equals(type, TeamsFileDownloadInfo, StringComparison.OrdinalIgnoreCase))
            {
                url = attachment.Content is { ValueKind: JsonValueKind.Object } content && content.TryGetProperty("downloadUrl", out var download)
                    && download.ValueKind == JsonValueKind.String ? download.GetString() : null;
                declared = null;
            }
            else if (type.StartsWith("application/vnd.microsoft.", StringComparison.OrdinalIgnoreCase) || type.StartsWith("text/", StringComparison.OrdinalIgnoreCase))
            {
                continue; // cards, Teams' HTML copy of the text
            }
            else
            {
                url = attachment.ContentUrl;
                declared = type.Length == 0 ? null : type;
            }

            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            {
                continue;
            }

            var authorised = Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var service)
                && string.Equals(uri.Host, service.Host, StringComparison.OrdinalIgnoreCase) && uri.Port == service.Port;
            var name = string.IsNullOrWhiteSpace(attachment.Name) ? (declared?.StartsWith("image/", StringComparison.OrdinalIgnoreCase) == true ? BotFrameworkText.UnnamedPicture : BotFrameworkText.UnnamedFile) : attachment.Name;
            found.Add(new InboundAttachment(name, declared, JsonSerializer.Serialize(new Reference(uri.AbsoluteUri, authorised))));
        }

        return found.Count == 0 ? null : found;
    }

    /// <summary>What the inbox keeps: the address and whether it takes the bot's token.</summary>
    internal sealed record Reference(string Url, bool Authorised);
}

/// <summary>
/// Downloads Bot Framework attachments: GET the address (with the bot's bearer token for connector-hosted content, a
/// refused token renewed once); 404/403/410 are final, 5xx/429 and transport failures may pass; at most the limit.
/// </summary>
internal sealed class BotFrameworkAttachmentFetcher(
    IHttpClientFactory http, BotFrameworkTokenClient tokens, ILogger<BotFrameworkAttachmentFetcher> logger) : IAttachmentFetcher
{
    /// <summary>The named HttpClient of the downloads.</summary>
    public const string ClientName = "BotFramework.Attachments";

    public string Channel => BotFrameworkChannel.Name;

    public async Task<FetchedFile> FetchAsync(InboundAttachment attachment, long maxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        var reference = JsonSerializer.Deserialize<BotFrameworkAttachments.Reference>(attachment.Reference)
            ?? throw new AttachmentFetchException(AttachmentRefusal.NotFound, "Empty attachment reference.");
        var client = http.CreateClient(ClientName);
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, reference.Url);
            var token = reference.Authorised ? await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false) : null;
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                throw new AttachmentFetchException(AttachmentRefusal.Unavailable, "Attachment download failed: " + ex.GetType().Name, ex);
            }

            using (response)
            {
                if (response.StatusCode == HttpStatusCode.Unauthorized && token is not null && attempt == 0)
                {
                    await tokens.InvalidateAsync(token, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var status = (int)response.StatusCode;
                if (!response.IsSuccessStatusCode)
                {
                    logger.LogInformation("Attachment download answered HTTP {Status}", status);
                    throw new AttachmentFetchException(status >= 500 || status == 429 ? AttachmentRefusal.Unavailable : AttachmentRefusal.NotFound,
                        $"Attachment download HTTP {status}");
                }

                var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                {
                    var content = await AttachmentStreams.ReadLimitedAsync(stream, response.Content.Headers.ContentLength, maxBytes, cancellationToken).ConfigureAwait(false);
                    var type = attachment.ContentType ?? response.Content.Headers.ContentType?.MediaType ?? "application/octet-stream";
                    return new FetchedFile(attachment.Name, type, content);
                }
            }
        }
    }
}
