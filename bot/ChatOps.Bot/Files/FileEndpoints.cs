using ChatOps.Bot.OfficeConsole;
using ChatOps.Core.Attachments;

namespace ChatOps.Bot.Files;

/// <summary>
/// <c>GET /files/{id}/{name}?p=…&amp;e=…&amp;s=…</c>: the files the bot sends as links (the 专报's Word file on Teams and
/// in the local web chat, and on WeCom when WeCom refuses the upload). The link is signed for one person and expires
/// (<see cref="OutboundFiles.LinkAsync"/>); at download the person must still be allowed by the file's rule (for the
/// bulletin, <c>BulletinService.MayRead</c>). Answers: the file; 403 for a forged link or a person no longer allowed;
/// 404 for no such file; 410 for an expired link. Never cached. A genuine link refused to its person is audited as the
/// console's refusals are (<c>file.refused</c>, subject <c>file:{id}</c>).
/// </summary>
public static class FileEndpoints
{
    /// <summary>Maps the download endpoint.</summary>
    public static WebApplication MapOutboundFiles(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet(OutboundFiles.RoutePrefix + "/{id}/{name?}", DownloadAsync);
        return app;
    }

    private static async Task<IResult> DownloadAsync(HttpContext context, string id, string? p, long? e, string? s, OutboundFiles files, CancellationToken ct)
    {
        context.Response.Headers.CacheControl = "no-store";
        var (file, content, refusal) = await files.OpenAsync(id, p, e ?? 0, s, ct);
        if (refusal == FileRefusal.NotAllowed)
        {
            await ConsoleAuth.AuditAsync(context, p!, "file.refused", $"file:{id}", AttachmentText.FileRefusedDetail(file?.Name, file?.Kind), "files");
        }

        return refusal switch
        {
            FileRefusal.None => Results.File(content!, file!.ContentType, file.Name),
            FileRefusal.NotFound => Text(StatusCodes.Status404NotFound, AttachmentText.FileNotFound),
            FileRefusal.Expired => Text(StatusCodes.Status410Gone, AttachmentText.LinkExpired),
            FileRefusal.NotAllowed => Text(StatusCodes.Status403Forbidden, AttachmentText.FileNotAllowed),
            _ => Text(StatusCodes.Status403Forbidden, AttachmentText.LinkInvalid),
        };
    }

    private static IResult Text(int status, string message) => Results.Text(message, "text/plain; charset=utf-8", statusCode: status);
}
