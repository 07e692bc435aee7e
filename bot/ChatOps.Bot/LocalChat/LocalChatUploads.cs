using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using ChatOps.Core.Attachments;
using Microsoft.AspNetCore.Http.Features;

namespace ChatOps.Bot.LocalChat;

/// <summary>
/// POST /local/api/files: a picture or file the person attaches in the local web chat (multipart: personId, clientId,
/// file). Here the bytes arrive with the message, so they are checked and stored at once (like a fetched WeCom media,
/// under the message's attachment key: a retry with the same client id stores nothing twice), then the message is
/// accepted into the inbox as every channel's is; the dialog that takes it answers.
/// </summary>
internal static class LocalChatUploads
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static async Task<IResult> PostAsync(HttpContext context, IDirectoryRepository directory, TimeProvider time, CancellationToken ct)
    {
        var services = context.RequestServices;
        var limit = services.GetRequiredService<IOptions<AttachmentOptions>>().Value.MaxBytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit + (1024 * 1024); // the form's own fields and boundaries
        }

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(ct);
        }
        catch (Exception ex) when (ex is InvalidOperationException or InvalidDataException or BadHttpRequestException or IOException)
        {
            return Error(StatusCodes.Status400BadRequest, LocalChatText.UploadUnreadable(limit));
        }

        var personId = form["personId"].ToString();
        var clientId = form["clientId"].ToString();
        var file = form.Files.GetFile("file");
        if (string.IsNullOrWhiteSpace(clientId) || clientId.Length > 128 || file is null)
        {
            return Error(StatusCodes.Status400BadRequest, LocalChatText.UploadIncomplete);
        }

        if (await directory.FindPersonAsync(personId, ct) is not { } person)
        {
            return Error(StatusCodes.Status404NotFound, LocalChatText.UploadUnknownPerson);
        }

        if (file.Length > limit)
        {
            return Error(StatusCodes.Status413PayloadTooLarge, AttachmentText.Refused(file.FileName, AttachmentRefusal.TooLarge, limit));
        }

        if (services.GetService<IInbox>() is not { } inbox)
        {
            return Error(StatusCodes.Status503ServiceUnavailable, LocalChatText.UploadNotReady);
        }

        byte[] content;
        await using (var stream = file.OpenReadStream())
        {
            content = await AttachmentStreams.ReadLimitedAsync(stream, file.Length, limit, ct);
        }

        var name = AttachmentTypes.CleanName(file.FileName);
        var message = new InboundMessage(ChannelNames.Local, clientId, person.Id, null, null, null, time.GetUtcNow())
        {
            Attachments = [new InboundAttachment(name, file.ContentType, "upload")],
        };
        await services.GetRequiredService<AttachmentIntake>().StoreUploadAsync(message, 0, new FetchedFile(name, file.ContentType, content), ct);
        var accepted = await inbox.AcceptAsync(message, person.Id, ct);
        if (accepted)
        {
            services.GetService<IWorkSignal>()?.InboxChanged();
        }

        return Results.Json(new LocalChatAccepted(accepted), JsonOptions, statusCode: StatusCodes.Status202Accepted);
    }

    private static IResult Error(int status, string message) => Results.Json(new LocalChatError(message), JsonOptions, statusCode: status);
}
