using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ChatOps.Channels.WeCom;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace ChatOps.Testing;

/// <summary>
/// Media the members send (接收消息: image with PicUrl and MediaId, file with MediaId) and their download with
/// <c>GET /cgi-bin/media/get?access_token=…&amp;media_id=…</c>, as WeCom answers it: the bytes with Content-Type and
/// Content-Disposition (filename), or a JSON errcode — 40007 for a media id it does not know (never issued or expired).
/// </summary>
public sealed partial class FakeWeComServer
{
    /// <summary>The download path.</summary>
    public const string MediaGetPath = "/cgi-bin/media/get";

    /// <summary>WeCom's errcode for an unknown media id.</summary>
    public const int InvalidMediaIdErrCode = 40007;

    private readonly Dictionary<string, FakeMedia> _memberMedia = new(StringComparer.Ordinal);

    /// <summary>Makes a media the members may send; returns its media id.</summary>
    public string AddMedia(string fileName, string contentType, byte[] content)
    {
        var id = "m" + RandomString(30);
        lock (_lock)
        {
            _memberMedia[id] = new FakeMedia(fileName, contentType, content);
        }

        return id;
    }

    /// <summary>A media id WeCom no longer knows (expired after 3 days): media/get answers 40007.</summary>
    public void ExpireMedia(string mediaId)
    {
        lock (_lock)
        {
            _memberMedia.Remove(mediaId);
        }
    }

    /// <summary>A member's picture (接收消息: image); <paramref name="msgId"/> fixed to replay a retry.</summary>
    public Task<FakeWeComCallbackResult> SendImageMessageAsync(
        Uri botCallbackUrl, WeComCrypto crypto, string fromUser, string mediaId, long? msgId = null, CancellationToken cancellationToken = default) =>
        SendMediaMessageAsync(botCallbackUrl, crypto, fromUser, "image", mediaId, msgId, cancellationToken);

    /// <summary>A member's file (接收消息: file).</summary>
    public Task<FakeWeComCallbackResult> SendFileMessageAsync(
        Uri botCallbackUrl, WeComCrypto crypto, string fromUser, string mediaId, long? msgId = null, CancellationToken cancellationToken = default) =>
        SendMediaMessageAsync(botCallbackUrl, crypto, fromUser, "file", mediaId, msgId, cancellationToken);

    private Task<FakeWeComCallbackResult> SendMediaMessageAsync(
        Uri botCallbackUrl, WeComCrypto crypto, string fromUser, string type, string mediaId, long? msgId, CancellationToken cancellationToken)
    {
        var id = (msgId ?? RandomNumberGenerator.GetInt32(1, int.MaxValue) * 10000L).ToString(CultureInfo.InvariantCulture);
        var fields = new List<(string, string, bool)>
        {
            ("ToUserName", crypto.ReceiveId, true),
            ("FromUserName", fromUser, true),
            ("CreateTime", Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), false),
            ("MsgType", type, true),
        };
        if (type == "image")
        {
            fields.Add(("PicUrl", $"{BaseUrl}/pic/{mediaId}", true));
        }

        fields.Add(("MediaId", mediaId, true));
        fields.Add(("MsgId", id, false));
        fields.Add(("AgentID", Options.AgentId, false));
        return SendCallbackAsync(botCallbackUrl, Xml([.. fields]), crypto, null, cancellationToken);
    }

    /// <summary>media/get's answer once the token is checked: the media, or 40007.</summary>
    private JsonObject MediaGet(Dictionary<string, string> query)
    {
        var id = query.GetValueOrDefault("media_id");
        return string.IsNullOrEmpty(id) ? Error(InvalidMediaIdErrCode, "media_id missing")
            : _memberMedia.ContainsKey(id) ? new JsonObject { ["errcode"] = 0, ["media_id"] = id }
            : Error(InvalidMediaIdErrCode, "invalid media_id");
    }

    /// <summary>Writes the media's bytes as WeCom does (Content-Type, Content-Disposition with the file name).</summary>
    private async Task WriteMediaAsync(HttpContext context, JsonObject answer)
    {
        FakeMedia media;
        lock (_lock)
        {
            media = _memberMedia[answer["media_id"]!.GetValue<string>()];
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = media.ContentType;
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(media.FileName);
        context.Response.Headers.ContentDisposition = disposition.ToString();
        context.Response.ContentLength = media.Content.Length;
        await context.Response.Body.WriteAsync(media.Content, context.RequestAborted).ConfigureAwait(false);
    }

    private sealed record FakeMedia(string FileName, string ContentType, byte[] Content);
}
