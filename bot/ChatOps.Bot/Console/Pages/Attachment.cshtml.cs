using ChatOps.Core.Attachments;
using Microsoft.AspNetCore.Mvc;

namespace ChatOps.Bot.OfficeConsole.Pages;

/// <summary>
/// Downloads one attachment of a report or of a problem's rectification, when <see cref="AttachmentService"/> lets the
/// signed-in person see its owner (the office, the unit's own people and its reviewer; for rectification the unit and
/// its 督战组). Always as a download (never rendered in the console's origin); a refusal is 403 and audited.
/// </summary>
public sealed class AttachmentModel(AttachmentService attachments) : ConsolePageModel
{
    /// <summary>Why the download was refused.</summary>
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id)
    {
        var download = await attachments.DownloadAsync(Actor, id, HttpContext.RequestAborted);
        if (download.Succeeded)
        {
            Response.Headers.XContentTypeOptions = "nosniff";
            return File(download.Content!, download.Attachment!.ContentType, download.Attachment.FileName);
        }

        Refusal = download.Refusal;
        if (download.Forbidden)
        {
            await AuditAsync("console.refused", $"attachment:{id}", AttachmentText.Noun);
        }

        HttpContext.Response.StatusCode = download.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status404NotFound;
        return Page();
    }
}
