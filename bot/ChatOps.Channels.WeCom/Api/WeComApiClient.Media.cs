using System.Net.Http.Headers;

namespace ChatOps.Channels.WeCom.Api;

/// <summary>media/upload (上传临时素材): the file a file message sends.</summary>
public sealed partial class WeComApiClient
{
    /// <summary>Smallest file media/upload takes.</summary>
    public const int MinFileBytes = 5;

    /// <summary>Largest file media/upload takes (20 MB).</summary>
    public const int MaxFileBytes = 20 * 1024 * 1024;

    /// <summary>
    /// media/upload with type=file: the bytes as multipart/form-data (field <c>media</c>, with filename and filelength, as
    /// WeCom asks), returning the media_id a file message sends. The id lasts 3 days, so upload at send time. Token
    /// expiry is refreshed once, -1 and transport failures are retried as every call; 40004/40006 (the file's type or
    /// size is refused: <see cref="WeComErrorCodes.IsMediaRefused"/>) and 40005 (our <c>type</c> is wrong) come back as
    /// <see cref="WeComApiException"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The file is outside 5 bytes to 20 MB, or has no name.</exception>
    public async Task<string> UploadFileAsync(string fileName, byte[] content, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        ArgumentNullException.ThrowIfNull(content);
        if (content.Length is < MinFileBytes or > MaxFileBytes)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"WeCom takes files of {MinFileBytes} bytes to 20 MB; this one has {content.Length}."), nameof(content));
        }

        var name = SafeFileName(fileName);
        var response = await CallWithTokenAsync("media/upload", "/cgi-bin/media/upload", _ => Multipart(name, content), null, cancellationToken, "type=file")
            .ConfigureAwait(false);
        return string.IsNullOrEmpty(response.MediaId)
            ? throw new WeComApiException("media/upload", WeComErrorCodes.SystemBusy, "media/upload answered without a media_id")
            : response.MediaId;
    }

    /// <summary>
    /// The form body written by hand: WeCom reads the file name from a plain UTF-8 <c>filename="…"</c> (HttpClient's
    /// own multipart would MIME-encode a Chinese name) and wants <c>filelength</c> beside it.
    /// </summary>
    private static ByteArrayContent Multipart(string fileName, byte[] content)
    {
        var boundary = "----chatops" + Guid.NewGuid().ToString("N");
        var head = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"--{boundary}\r\nContent-Disposition: form-data; name=\"media\"; filename=\"{fileName}\"; filelength={content.Length}\r\nContent-Type: application/octet-stream\r\n\r\n"));
        var tail = Encoding.ASCII.GetBytes($"\r\n--{boundary}--\r\n");
        var body = new byte[head.Length + content.Length + tail.Length];
        head.CopyTo(body, 0);
        content.CopyTo(body, head.Length);
        tail.CopyTo(body, head.Length + content.Length);
        var result = new ByteArrayContent(body);
        result.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={boundary}");
        return result;
    }

    /// <summary>The name without quotes, line breaks or path separators (it goes inside a header).</summary>
    private static string SafeFileName(string fileName)
    {
        var safe = new StringBuilder(fileName.Length);
        foreach (var c in fileName.Trim())
        {
            safe.Append(c is '"' or '\r' or '\n' or '\\' or '/' || char.IsControl(c) ? '_' : c);
        }

        return safe.ToString();
    }
}
