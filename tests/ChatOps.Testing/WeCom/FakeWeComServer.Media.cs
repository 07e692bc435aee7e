using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ChatOps.Testing;

/// <summary>An uploaded temporary media file (上传临时素材) as the fake keeps it.</summary>
/// <param name="MediaId">The media_id it answered.</param>
/// <param name="Type">image, voice, video or file.</param>
/// <param name="FileName">The filename of the multipart part, as sent (UTF-8).</param>
/// <param name="FileLength">The filelength the part declared, if any.</param>
/// <param name="Content">The bytes.</param>
/// <param name="UploadedAt">When (fake clock); the id lasts 3 days.</param>
public sealed record FakeWeComMedia(string MediaId, string Type, string FileName, long? FileLength, byte[] Content, DateTimeOffset UploadedAt);

/// <summary>
/// media/upload: multipart/form-data with the field <c>media</c> (filename, filelength), type image|voice|video|file.
/// Errors as WeCom's global error codes describe them: 40005 (不合法的type参数) for another type, 40004 (不合法的媒体文件类型,
/// 不满足系统文件要求) for a file WeCom refuses (executables), 40006 for a
/// size outside 5 bytes–20 MB, 41001/40014/42001 for the token, and the fake's <see cref="InvalidParameterErrCode"/>
/// for a body without a <c>media</c> part. A message/send of msgtype file needs a media_id uploaded less than 3 days ago
/// (else 40007).
/// </summary>
public sealed partial class FakeWeComServer
{
    /// <summary>The path of media/upload.</summary>
    public const string MediaUploadPath = "/cgi-bin/media/upload";

    private static readonly TimeSpan MediaLifetime = TimeSpan.FromDays(3);
    private static readonly string[] RefusedExtensions = [".exe", ".bat", ".cmd", ".com", ".scr", ".msi"];
    private readonly Dictionary<string, FakeWeComMedia> _media = new(StringComparer.Ordinal);

    /// <summary>Every file media/upload accepted, in order.</summary>
    public IReadOnlyList<FakeWeComMedia> UploadedMedia
    {
        get
        {
            lock (_lock)
            {
                return [.. _media.Values.OrderBy(m => m.UploadedAt)];
            }
        }
    }

    /// <summary>The uploaded file a file message names, or null.</summary>
    public FakeWeComMedia? MediaOf(FakeWeComDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var id = delivery.Payload?["media_id"]?.GetValue<string>();
        lock (_lock)
        {
            return id is not null && _media.TryGetValue(id, out var media) ? media : null;
        }
    }

    private bool IsValidMedia(string? mediaId) =>
        mediaId is not null && _media.TryGetValue(mediaId, out var media) && Now - media.UploadedAt < MediaLifetime;

    private async Task MediaUploadAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        var body = buffer.ToArray();
        var query = context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        Injection? injection;
        JsonObject answer;
        lock (_lock)
        {
            _requests.Add(new FakeWeComRequest(context.Request.Method, MediaUploadPath, query,
                string.Create(CultureInfo.InvariantCulture, $"(multipart, {body.Length} bytes)"), null, Now));
            injection = _failures.TryGetValue(MediaUploadPath, out var failures) && failures.Count > 0 ? failures.Dequeue() : null;
            answer = injection is { ErrCode: { } injected } ? Error(injected, injection.ErrMsg)
                : CheckToken(query, out _) is { } tokenError ? tokenError
                : Upload(query.GetValueOrDefault("type"), context.Request.ContentType, body);
        }

        if (injection is { HttpStatus: { } status })
        {
            context.Response.StatusCode = status;
            return;
        }

        context.Response.ContentType = "application/json; charset=UTF-8";
        await context.Response.WriteAsync(answer.ToJsonString(WriteOptions), context.RequestAborted).ConfigureAwait(false);
    }

    private JsonObject Upload(string? type, string? contentType, byte[] body)
    {
        if (type is not ("image" or "voice" or "video" or "file"))
        {
            return Error(40005, "invalid type");
        }

        var part = ReadMediaPart(contentType, body);
        if (part is null)
        {
            return Error(InvalidParameterErrCode, "media data missing");
        }

        var (fileName, fileLength, content) = part.Value;
        if (RefusedExtensions.Contains(Path.GetExtension(fileName), StringComparer.OrdinalIgnoreCase))
        {
            return Error(40004, "invalid media type");
        }

        if (content.Length is < 5 or > 20 * 1024 * 1024)
        {
            return Error(40006, "invalid file size");
        }

        var id = "fake-media-" + RandomString(24);
        var now = Now;
        _media[id] = new FakeWeComMedia(id, type, fileName, fileLength, content, now);
        return Ok(("type", type), ("media_id", id), ("created_at", now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>The part named <c>media</c> of a multipart/form-data body: its filename, filelength and bytes.</summary>
    private static (string FileName, long? FileLength, byte[] Content)? ReadMediaPart(string? contentType, byte[] body)
    {
        var marker = "boundary=";
        var at = contentType?.IndexOf(marker, StringComparison.OrdinalIgnoreCase) ?? -1;
        if (at < 0)
        {
            return null;
        }

        var boundary = Encoding.ASCII.GetBytes("--" + contentType![(at + marker.Length)..].Split(';')[0].Trim().Trim('"'));
        var start = IndexOf(body, boundary, 0);
        while (start >= 0)
        {
            var headersStart = start + boundary.Length + 2;
            var headersEnd = IndexOf(body, "\r\n\r\n"u8.ToArray(), headersStart);
            var next = headersEnd < 0 ? -1 : IndexOf(body, boundary, headersEnd + 4);
            if (next < 0)
            {
                return null;
            }

            var headers = Encoding.UTF8.GetString(body, headersStart, headersEnd - headersStart);
            if (Parameter(headers, "name") == "media" && Parameter(headers, "filename") is { } fileName)
            {
                var contentStart = headersEnd + 4;
                var contentEnd = next - 2; // the CRLF before the boundary
                long? length = long.TryParse(Parameter(headers, "filelength"), NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? l : null;
                return (fileName, length, body[contentStart..contentEnd]);
            }

            start = next;
        }

        return null;
    }

    private static string? Parameter(string headers, string name)
    {
        foreach (var piece in headers.Split(['\r', '\n', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (piece.StartsWith(name + "=", StringComparison.OrdinalIgnoreCase))
            {
                return piece[(name.Length + 1)..].Trim('"');
            }
        }

        return null;
    }

    private static int IndexOf(byte[] haystack, byte[] needle, int from) =>
        from > haystack.Length ? -1 : haystack.AsSpan(from).IndexOf(needle) is var i and >= 0 ? from + i : -1;
}
