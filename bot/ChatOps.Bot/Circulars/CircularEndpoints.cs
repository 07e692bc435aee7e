using System.Text.Json;
using ChatOps.Core.Circulars;

namespace ChatOps.Bot.Circulars;

/// <summary>
/// The office API for circulars, for the web console: compose, send (for sign-off or issue), stop (reminders; a draft
/// is withdrawn), resend failed deliveries, status (delivery per target from the outbox rows, acknowledgement per unit,
/// who is missing), attachments and the audit log. Every request goes through <see cref="OfficeApiAccess"/> and works in
/// one unit of work, so the circular, its audit line and its outbox rows commit together; the dispatcher is woken after.
/// Errors are problem+json with Chinese messages: 400 invalid input (per field), 403, 404, 409 wrong state.
/// Attachments are linked from the messages at <c>GET /circulars/files/{sha256}/{name}</c>, which serves only files of
/// issued circulars: the hash is the capability, as in a share link.
/// </summary>
public static class CircularEndpoints
{
    /// <summary>Largest JSON body read by POST /api/circulars.</summary>
    private const long MaxJsonBytes = 256 * 1024;

    /// <summary>Maps the API.</summary>
    public static WebApplication MapCirculars(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("/api/circulars").AddEndpointFilter(OfficeApiAccess.FilterAsync).DisableAntiforgery();
        api.MapPost("", ComposeAsync);
        api.MapGet("", ListAsync);
        api.MapGet("/{id:long}", GetAsync);
        api.MapPost("/{id:long}/send", (HttpContext c, long id, CancellationToken ct) => ActAsync(c, id, (s, w, a, now) => s.SendAsync(a, w, id, now, ct), ct));
        api.MapPost("/{id:long}/stop", (HttpContext c, long id, CancellationToken ct) => ActAsync(c, id, (s, w, a, now) => s.StopAsync(a, w, id, now, ct), ct));
        api.MapPost("/{id:long}/resend", ResendAsync);
        api.MapPost("/{id:long}/attachments", AttachAsync);
        api.MapGet("/{id:long}/attachments/{attachmentId:long}", DownloadAsync);
        api.MapGet("/{id:long}/audit", AuditAsync);
        app.MapGet("/circulars/files/{sha256:regex(^[0-9a-f]{{64}}$)}/{name?}", PublicFileAsync);
        return app;
    }

    private static async Task<IResult> ComposeAsync(HttpContext context, CancellationToken ct)
    {
        var (request, problem) = await ReadAsync(context, ct);
        if (request is null)
        {
            return problem!;
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var targets = new List<CircularTarget>();
        foreach (var (t, i) in (request.Targets ?? []).Select((t, i) => (t, i)))
        {
            if (ParseTarget(t) is { } target)
            {
                targets.Add(target);
            }
            else
            {
                errors[$"targets[{i}]"] = [CircularText.UnknownApiTarget(t?.Kind)];
            }
        }

        if (errors.Count > 0)
        {
            return Validation(errors);
        }

        var actor = OfficeApiAccess.Actor(context);
        var service = context.RequestServices.GetRequiredService<CircularService>();
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        await using var work = await context.RequestServices.GetRequiredService<IUnitOfWorkFactory>().BeginAsync(ct);
        var created = await service.CreateAsync(actor, work, new CircularDraft(request.Kind ?? "", request.Title ?? "", request.Body ?? "", targets, request.Number,
            request.Major, request.Signer), now, ct);
        if (created.Succeeded && request.Send)
        {
            var sent = await service.SendAsync(actor, work, created.Circular!.Id, now, ct);
            if (!sent.Succeeded)
            {
                await work.CommitAsync(ct); // the draft is kept (its id is in the answer): the console can fix and send it
                return Failure(sent, compose: false, draftId: created.Circular.Id);
            }
        }

        await work.CommitAsync(ct);
        if (!created.Succeeded)
        {
            return Failure(created, compose: true);
        }

        Signal(context);
        var view = await ViewAsync(context, created.Circular!.Id, ct);
        return new CreatedJson(Results.Json(view, CircularApiJson.Options, statusCode: StatusCodes.Status201Created), created.Circular.Id);
    }

    private static async Task<IResult> ListAsync(HttpContext context, CancellationToken ct)
    {
        await using var work = await context.RequestServices.GetRequiredService<IUnitOfWorkFactory>().BeginAsync(ct);
        var recent = await context.RequestServices.GetRequiredService<CircularService>().RecentAsync(OfficeApiAccess.Actor(context), work, 50, ct);
        if (!recent.Succeeded)
        {
            return Failure(recent, compose: false);
        }

        var list = recent.Recent.Select(r => new
        {
            r.Circular.Id,
            r.Circular.Kind,
            r.Circular.Number,
            r.Circular.Title,
            r.Circular.Status,
            r.Circular.IssuedAt,
            r.Recipients,
            r.Acknowledged,
        });
        return Results.Json(list, CircularApiJson.Options);
    }

    private static async Task<IResult> GetAsync(HttpContext context, long id, CancellationToken ct) =>
        await ViewAsync(context, id, ct) is { } view
            ? Results.Json(view, CircularApiJson.Options)
            : OfficeApiAccess.Problem(StatusCodes.Status404NotFound, CircularText.DocumentNotFound(id));

    private static async Task<IResult> ActAsync(
        HttpContext context, long id, Func<CircularService, IUnitOfWork, Core.Organization.Actor, DateTimeOffset, Task<CircularOutcome>> act, CancellationToken ct)
    {
        var service = context.RequestServices.GetRequiredService<CircularService>();
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        CircularOutcome outcome;
        await using (var work = await context.RequestServices.GetRequiredService<IUnitOfWorkFactory>().BeginAsync(ct))
        {
            outcome = await act(service, work, OfficeApiAccess.Actor(context), now);
            await work.CommitAsync(ct);
        }

        if (!outcome.Succeeded)
        {
            return Failure(outcome, compose: false);
        }

        Signal(context);
        return Results.Json(await ViewAsync(context, id, ct), CircularApiJson.Options);
    }

    private static async Task<IResult> ResendAsync(HttpContext context, long id, CancellationToken ct)
    {
        var service = context.RequestServices.GetRequiredService<CircularService>();
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        int queued;
        CircularOutcome outcome;
        await using (var work = await context.RequestServices.GetRequiredService<IUnitOfWorkFactory>().BeginAsync(ct))
        {
            (queued, outcome) = await service.ResendFailedAsync(OfficeApiAccess.Actor(context), work, id, now, ct);
            await work.CommitAsync(ct);
        }

        if (!outcome.Succeeded)
        {
            return Failure(outcome, compose: false);
        }

        Signal(context);
        return Results.Json(new { Queued = queued, Circular = await ViewAsync(context, id, ct) }, CircularApiJson.Options);
    }

    private static async Task<IResult> AttachAsync(HttpContext context, long id, CancellationToken ct)
    {
        var options = context.RequestServices.GetRequiredService<CircularOptions>();
        string? fileName;
        string? contentType;
        byte[] content;
        if (context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync(ct);
            var file = form.Files.GetFile("file") ?? form.Files.FirstOrDefault();
            if (file is null)
            {
                return Validation(new() { ["file"] = [CircularText.UploadAsMultipart] });
            }

            if (file.Length > options.MaxAttachmentBytes)
            {
                return Validation(new() { ["file"] = [CircularText.FileTooLarge(options.MaxAttachmentBytes)] });
            }

            fileName = file.FileName;
            contentType = file.ContentType;
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            content = buffer.ToArray();
        }
        else
        {
            fileName = context.Request.Query["fileName"].ToString();
            contentType = context.Request.ContentType;
            if (context.Request.ContentLength > options.MaxAttachmentBytes)
            {
                return Validation(new() { ["file"] = [CircularText.FileTooLarge(options.MaxAttachmentBytes)] });
            }

            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, ct);
            content = buffer.ToArray();
        }

        var service = context.RequestServices.GetRequiredService<CircularService>();
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        CircularAttachment? attachment;
        CircularOutcome outcome;
        await using (var work = await context.RequestServices.GetRequiredService<IUnitOfWorkFactory>().BeginAsync(ct))
        {
            (attachment, outcome) = await service.AttachAsync(OfficeApiAccess.Actor(context), work, id, fileName, contentType, content, now, ct);
            await work.CommitAsync(ct);
        }

        return attachment is null
            ? Failure(outcome, compose: false)
            : Results.Json(new AttachmentView(attachment.Id, attachment.FileName, attachment.ContentType, attachment.Size, attachment.Sha256, attachment.UploadedBy,
                attachment.UploadedAt), CircularApiJson.Options, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> DownloadAsync(HttpContext context, long id, long attachmentId, CancellationToken ct)
    {
        await using var work = await context.RequestServices.GetRequiredService<IUnitOfWorkFactory>().BeginAsync(ct);
        var found = await context.RequestServices.GetRequiredService<CircularService>().Store(work).FindAttachmentAsync(id, attachmentId, null, ct);
        return found is { } f
            ? Results.File(f.Content, f.Attachment.ContentType, f.Attachment.FileName)
            : OfficeApiAccess.Problem(StatusCodes.Status404NotFound, CircularText.AttachmentNotFound);
    }

    private static async Task<IResult> AuditAsync(HttpContext context, long id, CancellationToken ct)
    {
        await using var work = await context.RequestServices.GetRequiredService<IUnitOfWorkFactory>().BeginAsync(ct);
        var entries = await context.RequestServices.GetRequiredService<CircularService>().Store(work).ListAuditAsync(id, ct);
        return Results.Json(entries.Select(e => new AuditView(e.Action, e.ActorId, e.At, e.Detail)), CircularApiJson.Options);
    }

    private static async Task<IResult> PublicFileAsync(HttpContext context, string sha256, CancellationToken ct)
    {
        await using var work = await context.RequestServices.GetRequiredService<IUnitOfWorkFactory>().BeginAsync(ct);
        var found = await context.RequestServices.GetRequiredService<CircularService>().Store(work).FindAttachmentAsync(null, null, sha256, ct);
        return found is { } f ? Results.File(f.Content, f.Attachment.ContentType, f.Attachment.FileName) : Results.NotFound();
    }

    private static async Task<CircularView?> ViewAsync(HttpContext context, long id, CancellationToken ct)
    {
        await using var work = await context.RequestServices.GetRequiredService<IUnitOfWorkFactory>().BeginAsync(ct);
        var outcome = await context.RequestServices.GetRequiredService<CircularService>().StandingAsync(OfficeApiAccess.Actor(context), work, id, ct);
        return outcome.Standing is { } standing ? CircularView.From(standing) : null;
    }

    private static async Task<(CircularRequest? Request, IResult? Problem)> ReadAsync(HttpContext context, CancellationToken ct)
    {
        if (!context.Request.HasJsonContentType())
        {
            return (null, OfficeApiAccess.Problem(StatusCodes.Status415UnsupportedMediaType, CircularText.JsonRequired));
        }

        if (context.Request.ContentLength > MaxJsonBytes)
        {
            return (null, OfficeApiAccess.Problem(StatusCodes.Status413PayloadTooLarge, CircularText.RequestTooLarge));
        }

        try
        {
            var request = await context.Request.ReadFromJsonAsync<CircularRequest>(CircularApiJson.Options, ct);
            return request is null ? (null, OfficeApiAccess.Problem(StatusCodes.Status400BadRequest, CircularText.RequestEmpty)) : (request, null);
        }
        catch (JsonException ex)
        {
            return (null, OfficeApiAccess.Problem(StatusCodes.Status400BadRequest, CircularText.InvalidJson(ex.Message)));
        }
    }

    private static CircularTarget? ParseTarget(TargetRequest? t) => CircularTarget.Parse(t?.Kind, t?.Code);

    private static IResult Failure(CircularOutcome outcome, bool compose, long? draftId = null)
    {
        var first = outcome.Errors[0];
        if (first.Kind == CircularErrorKind.Forbidden || first.Kind == CircularErrorKind.NotFound ||
            (!compose && first.Kind == CircularErrorKind.Conflict))
        {
            return Results.Problem(detail: outcome.ErrorText, statusCode: first.Kind switch
            {
                CircularErrorKind.Forbidden => StatusCodes.Status403Forbidden,
                CircularErrorKind.NotFound => StatusCodes.Status404NotFound,
                _ => StatusCodes.Status409Conflict,
            }, title: first.Kind switch
            {
                CircularErrorKind.Forbidden => CircularText.ForbiddenTitle,
                CircularErrorKind.NotFound => CircularText.NotFoundTitle,
                _ => CircularText.ConflictTitle,
            }, extensions: Extensions(draftId));
        }

        return Validation(outcome.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal), draftId);
    }

    private static IResult Validation(Dictionary<string, string[]> errors, long? draftId = null) =>
        Results.ValidationProblem(errors, title: CircularText.InvalidTitle, detail: string.Join(" ", errors.Values.SelectMany(v => v)), extensions: Extensions(draftId));

    /// <summary>The id of a draft that was stored although sending it failed.</summary>
    private static Dictionary<string, object?>? Extensions(long? draftId) => draftId is { } id ? new() { ["id"] = id } : null;

    private static void Signal(HttpContext context) => context.RequestServices.GetService<IWorkSignal>()?.OutboxChanged();

    /// <summary>201 with a Location header and the view as the API's JSON.</summary>
    private sealed class CreatedJson(IResult json, long id) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.Location = $"/api/circulars/{id.ToString(CultureInfo.InvariantCulture)}";
            return json.ExecuteAsync(httpContext);
        }
    }
}
